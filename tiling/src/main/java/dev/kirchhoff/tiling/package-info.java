/**
 * The chip: weight matrices tiled over many crossbar tiles with digital partial-sum accumulation,
 * tiles and neuron cores on a 2-D mesh of address-event routers, event-driven spiking neuron
 * layers with on-chip STDP learning, and energy and latency accounting from a hardware
 * description.
 */
package dev.kirchhoff.tiling;
