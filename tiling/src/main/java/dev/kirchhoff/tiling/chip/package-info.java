/**
 * The spiking chip: layers of LIF neurons whose synapses are tiled crossbars on the cores of a
 * 2-D mesh, every spike and partial sum an address-event packet, energy and latency accounted.
 */
package dev.kirchhoff.tiling.chip;
