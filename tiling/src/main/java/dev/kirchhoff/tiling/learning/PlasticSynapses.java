package dev.kirchhoff.tiling.learning;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A pre × post matrix of plastic synapses, the thing a learning rule writes to. Synapse
 * (pre, post) has the flat index {@code pre·postCount() + post} (row-major, one row per
 * presynaptic neuron). Weights are dimensionless and lie in {@code [minWeight(), maxWeight()]}.
 *
 * <p>A rule requests changes a row or a column at a time, scaled copies of a trace vector, so
 * that an event costs one pass over one row or column and no call per synapse; the
 * implementation decides how a requested change becomes a weight change (exactly, or as device
 * pulses). {@link #endStep} closes a time step.
 */
public interface PlasticSynapses {
    /** Number of presynaptic neurons (rows). */
    int preCount();

    /** Number of postsynaptic neurons (columns). */
    int postCount();

    /** Lowest weight. */
    double minWeight();

    /** Highest weight. */
    double maxWeight();

    /** The programmed weight of synapse (pre, post); for a device, its state without read noise. */
    double weight(int pre, int post);

    /**
     * Every weight as the network reads it (for a device, including its write noise).
     *
     * @param out modified: {@code out[pre·postCount + post]}; length ≥ preCount·postCount
     */
    void readWeights(double[] out);

    /**
     * Programs every weight (for a device, an ideal write-verify to the nearest conductance its
     * own bounds allow); clears any pending change.
     *
     * @param w not modified: weights, row-major, length preCount·postCount, each finite
     */
    void setWeights(double[] w);

    /**
     * Requests {@code Δw[pre, j] = scale·values[j]} for every post neuron j.
     *
     * @param pre    the row
     * @param values not modified: length ≥ postCount (a postsynaptic trace)
     * @param scale  the factor, finite
     */
    void changeRow(int pre, double[] values, double scale);

    /**
     * Requests {@code Δw[i, post] = scale·values[i]} for every pre neuron i.
     *
     * @param post   the column
     * @param values not modified: length ≥ preCount (a presynaptic trace)
     * @param scale  the factor, finite
     */
    void changeColumn(int post, double[] values, double scale);

    /**
     * Ends a time step: applies whatever the implementation has deferred (device pulses).
     *
     * @param rng source of the rounding and device noise draws (advanced)
     */
    void endStep(UniformRandomProvider rng);
}
