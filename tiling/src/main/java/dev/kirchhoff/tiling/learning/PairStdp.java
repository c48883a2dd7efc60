package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;

/**
 * Additive pair STDP in trace form (Song, Miller &amp; Abbott 2000, doi:10.1038/78829; the
 * trace formulation of Morrison, Diesmann &amp; Gerstner, Biol. Cybern. 98, 459–478, 2008,
 * doi:10.1007/s00422-008-0233-1). A presynaptic trace x_i and a postsynaptic trace y_j, with
 * all-to-all pairing:
 * <pre>
 *   every step:        x ← x·e^(−Δt/τ₊),  y ← y·e^(−Δt/τ₋)
 *   pre spike of i:    w[i, ·] −= A₋·y[·];  then x_i += 1
 *   post spike of j:   w[·, j] += A₊·x[·];  then y_j += 1
 * </pre>
 * so a pair with post k steps after pre changes w by {@code A₊·e^(−kΔt/τ₊)}, and one with pre k
 * steps after post by {@code −A₋·e^(−kΔt/τ₋)}: the window of {@link PairStdpParams}, and the
 * changes of many pairs add up. Cost per step: one multiply per trace, plus one row per pre
 * spike and one column per post spike.
 */
public final class PairStdp implements StdpRule {
    private final PairStdpParams params;
    private final double dtSeconds;
    private final double decayPre;
    private final double decayPost;
    private final double[] x;
    private final double[] y;

    /**
     * @param params    amplitudes and time constants
     * @param preCount  presynaptic neurons, ≥ 1
     * @param postCount postsynaptic neurons, ≥ 1
     * @param dtSeconds the step (s), positive and finite
     */
    public PairStdp(PairStdpParams params, int preCount, int postCount, double dtSeconds) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        SynapseChecks.size(preCount, postCount);
        this.params = params;
        this.dtSeconds = Checks.positive("dtSeconds", dtSeconds);
        this.decayPre = Math.exp(-dtSeconds / params.tauPlusSeconds());
        this.decayPost = Math.exp(-dtSeconds / params.tauMinusSeconds());
        this.x = new double[preCount];
        this.y = new double[postCount];
    }

    /** The parameters. */
    public PairStdpParams params() {
        return params;
    }

    @Override
    public int preCount() {
        return x.length;
    }

    @Override
    public int postCount() {
        return y.length;
    }

    @Override
    public double dtSeconds() {
        return dtSeconds;
    }

    /** Presynaptic trace of neuron i after the last step. */
    public double preTrace(int i) {
        return x[i];
    }

    /** Postsynaptic trace of neuron j after the last step. */
    public double postTrace(int j) {
        return y[j];
    }

    @Override
    public void step(int[] preSpikes, int preSpikeCount, int[] postSpikes, int postSpikeCount, PlasticSynapses synapses) {
        StdpChecks.step(this, preSpikes, preSpikeCount, postSpikes, postSpikeCount, synapses);
        for (int i = 0; i < x.length; i++) {
            x[i] *= decayPre;
        }
        for (int j = 0; j < y.length; j++) {
            y[j] *= decayPost;
        }
        double aMinus = params.aMinus();
        for (int k = 0; k < preSpikeCount; k++) {
            int i = preSpikes[k];
            synapses.changeRow(i, y, -aMinus);
            x[i] += 1;
        }
        double aPlus = params.aPlus();
        for (int k = 0; k < postSpikeCount; k++) {
            int j = postSpikes[k];
            synapses.changeColumn(j, x, aPlus);
            y[j] += 1;
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(y, 0);
    }
}
