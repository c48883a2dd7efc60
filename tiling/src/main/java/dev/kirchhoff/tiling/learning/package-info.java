/**
 * On-chip learning: spike-timing-dependent plasticity (pair and triplet rules in their trace
 * form, updated only on spikes) acting on a matrix of plastic synapses, which are either ideal
 * (exact, clipped weight changes) or memristive devices programmed by pulses, so that the
 * device's nonlinear, asymmetric and noisy steps shape what is learned.
 */
package dev.kirchhoff.tiling.learning;
