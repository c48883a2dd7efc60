package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Ideal synapses: a requested change is applied at once and exactly, then clipped,
 * {@code w ← min(max(w + Δw, w_min), w_max)} (the hard-bounded additive synapse of Song, Miller
 * &amp; Abbott, Nat. Neurosci. 3, 919–926, 2000, doi:10.1038/78829). The reference against which
 * {@link MemristiveSynapses} shows what a device does to learning. Storage: one {@code double}
 * per synapse.
 */
public final class IdealSynapses implements PlasticSynapses {
    private final int preCount;
    private final int postCount;
    private final double minWeight;
    private final double maxWeight;
    private final double[] w;

    /**
     * All weights start at {@code minWeight}.
     *
     * @param preCount  rows, ≥ 1
     * @param postCount columns, ≥ 1
     * @param minWeight lower clip, finite
     * @param maxWeight upper clip, finite, &gt; minWeight
     */
    public IdealSynapses(int preCount, int postCount, double minWeight, double maxWeight) {
        int n = SynapseChecks.size(preCount, postCount);
        SynapseChecks.weightRange(minWeight, maxWeight);
        this.preCount = preCount;
        this.postCount = postCount;
        this.minWeight = minWeight;
        this.maxWeight = maxWeight;
        this.w = new double[n];
        java.util.Arrays.fill(w, minWeight);
    }

    @Override
    public int preCount() {
        return preCount;
    }

    @Override
    public int postCount() {
        return postCount;
    }

    @Override
    public double minWeight() {
        return minWeight;
    }

    @Override
    public double maxWeight() {
        return maxWeight;
    }

    @Override
    public double weight(int pre, int post) {
        SynapseChecks.index("pre", pre, preCount);
        SynapseChecks.index("post", post, postCount);
        return w[pre * postCount + post];
    }

    @Override
    public void readWeights(double[] out) {
        SynapseChecks.length("out", out, w.length);
        System.arraycopy(w, 0, out, 0, w.length);
    }

    /** {@inheritDoc} Values outside the range are clipped to it. */
    @Override
    public void setWeights(double[] values) {
        SynapseChecks.finiteWeights(values, w.length);
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.min(Math.max(values[i], minWeight), maxWeight);
        }
    }

    @Override
    public void changeRow(int pre, double[] values, double scale) {
        SynapseChecks.index("pre", pre, preCount);
        SynapseChecks.length("values", values, postCount);
        Checks.finite("scale", scale);
        int base = pre * postCount;
        for (int j = 0; j < postCount; j++) {
            double v = w[base + j] + scale * values[j];
            w[base + j] = Math.min(Math.max(v, minWeight), maxWeight);
        }
    }

    @Override
    public void changeColumn(int post, double[] values, double scale) {
        SynapseChecks.index("post", post, postCount);
        SynapseChecks.length("values", values, preCount);
        Checks.finite("scale", scale);
        for (int i = 0, k = post; i < preCount; i++, k += postCount) {
            double v = w[k] + scale * values[i];
            w[k] = Math.min(Math.max(v, minWeight), maxWeight);
        }
    }

    /** Nothing is deferred: does nothing. */
    @Override
    public void endStep(UniformRandomProvider rng) {
        // changes were applied when requested
    }
}
