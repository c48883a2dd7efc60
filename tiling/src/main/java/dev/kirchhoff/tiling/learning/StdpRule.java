package dev.kirchhoff.tiling.learning;

/**
 * A spike-timing-dependent plasticity rule in trace form, run on a grid of steps Δt. Each step:
 * every trace decays by exactly {@code e^(−Δt/τ)}; then each presynaptic spike changes its
 * synapse row and bumps its presynaptic traces; then each postsynaptic spike changes its
 * column and bumps its postsynaptic traces. Weights are touched only on spikes (event-driven),
 * one row or column per spike. A pre and a post spike in the same step count as pre before post
 * (Δt = 0⁺): the post spike sees the pre spike's trace, not the other way round.
 *
 * <p>Spikes arrive as compact lists: the first {@code count} entries of an index array.
 */
public interface StdpRule {
    /** Number of presynaptic neurons. */
    int preCount();

    /** Number of postsynaptic neurons. */
    int postCount();

    /** The step Δt (s). */
    double dtSeconds();

    /**
     * Runs one step.
     *
     * @param preSpikes      not modified: indices of the presynaptic neurons spiking in this step
     * @param preSpikeCount  number of entries used in {@code preSpikes}
     * @param postSpikes     not modified: indices of the postsynaptic neurons spiking in this step
     * @param postSpikeCount number of entries used in {@code postSpikes}
     * @param synapses       modified: receives the changes (its {@code endStep} is not called here)
     */
    void step(int[] preSpikes, int preSpikeCount, int[] postSpikes, int postSpikeCount, PlasticSynapses synapses);

    /** Sets every trace to 0. */
    void reset();
}
