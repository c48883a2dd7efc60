package dev.kirchhoff.tiling.encode;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Turns an input vector into the spikes of one time step. The spikes are returned as a compact
 * list: the indices of the spiking neurons, in increasing order, written to the front of a
 * caller's array, and their count as the return value. Each output neuron spikes at most once
 * per step, so a list never holds more than {@link #outputCount()} entries.
 */
public interface SpikeEncoder {
    /** Length of the input vector. */
    int inputCount();

    /** Number of output neurons (indices lie in {@code [0, outputCount())}). */
    int outputCount();

    /**
     * Encodes one step.
     *
     * @param x          not modified: the input at this step, length {@link #inputCount()}
     * @param step       the step index, ≥ 0, counted from the last {@link #reset()}
     * @param rng        source of any random draw (advanced; not used by deterministic encoders)
     * @param outIndices modified: the spiking neurons' indices in increasing order in
     *                   {@code outIndices[0, count)}; length ≥ {@link #outputCount()}
     * @return count, the number of spikes in this step
     */
    int encode(double[] x, int step, UniformRandomProvider rng, int[] outIndices);

    /** Forgets any state (a new stimulus starts at step 0). Stateless encoders do nothing. */
    void reset();
}
