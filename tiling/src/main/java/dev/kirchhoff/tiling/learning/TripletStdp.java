package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;

/**
 * Triplet STDP (Pfister &amp; Gerstner, J. Neurosci. 26(38), 9673–9682, 2006,
 * doi:10.1523/JNEUROSCI.1425-06.2006, eqs. 3–4), all-to-all interaction, in trace form:
 * <pre>
 *   every step:        r₁ ← r₁·e^(−Δt/τ₊), r₂ ← r₂·e^(−Δt/τ_x), o₁ ← o₁·e^(−Δt/τ₋), o₂ ← o₂·e^(−Δt/τ_y)
 *   pre spike of i:    w[i, ·] −= o₁[·]·(A₂⁻ + A₃⁻·r₂[i](t⁻));  then r₁[i] += 1, r₂[i] += 1
 *   post spike of j:   w[·, j] += r₁[·]·(A₂⁺ + A₃⁺·o₂[j](t⁻));  then o₁[j] += 1, o₂[j] += 1
 * </pre>
 * where t⁻ means the trace just before its own neuron's spike is added. Closed forms:
 * a pair pre → post after Δt gives {@code A₂⁺e^(−Δt/τ₊)}; post → pre after Δt gives
 * {@code −A₂⁻e^(−Δt/τ₋)}; a triplet post(0), pre(t₁), post(t₂) gives
 * {@code −A₂⁻e^(−t₁/τ₋) + e^(−(t₂−t₁)/τ₊)(A₂⁺ + A₃⁺e^(−t₂/τ_y))}.
 */
public final class TripletStdp implements StdpRule {
    private final TripletStdpParams params;
    private final double dtSeconds;
    private final double decayR1;
    private final double decayR2;
    private final double decayO1;
    private final double decayO2;
    private final double[] r1;
    private final double[] r2;
    private final double[] o1;
    private final double[] o2;

    /**
     * @param params    amplitudes and time constants
     * @param preCount  presynaptic neurons, ≥ 1
     * @param postCount postsynaptic neurons, ≥ 1
     * @param dtSeconds the step (s), positive and finite
     */
    public TripletStdp(TripletStdpParams params, int preCount, int postCount, double dtSeconds) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        SynapseChecks.size(preCount, postCount);
        this.params = params;
        this.dtSeconds = Checks.positive("dtSeconds", dtSeconds);
        this.decayR1 = Math.exp(-dtSeconds / params.tauPlusSeconds());
        this.decayR2 = Math.exp(-dtSeconds / params.tauXSeconds());
        this.decayO1 = Math.exp(-dtSeconds / params.tauMinusSeconds());
        this.decayO2 = Math.exp(-dtSeconds / params.tauYSeconds());
        this.r1 = new double[preCount];
        this.r2 = new double[preCount];
        this.o1 = new double[postCount];
        this.o2 = new double[postCount];
    }

    /** The parameters. */
    public TripletStdpParams params() {
        return params;
    }

    @Override
    public int preCount() {
        return r1.length;
    }

    @Override
    public int postCount() {
        return o1.length;
    }

    @Override
    public double dtSeconds() {
        return dtSeconds;
    }

    @Override
    public void step(int[] preSpikes, int preSpikeCount, int[] postSpikes, int postSpikeCount, PlasticSynapses synapses) {
        StdpChecks.step(this, preSpikes, preSpikeCount, postSpikes, postSpikeCount, synapses);
        for (int i = 0; i < r1.length; i++) {
            r1[i] *= decayR1;
            r2[i] *= decayR2;
        }
        for (int j = 0; j < o1.length; j++) {
            o1[j] *= decayO1;
            o2[j] *= decayO2;
        }
        double a2m = params.a2Minus();
        double a3m = params.a3Minus();
        for (int k = 0; k < preSpikeCount; k++) {
            int i = preSpikes[k];
            synapses.changeRow(i, o1, -(a2m + a3m * r2[i]));
            r1[i] += 1;
            r2[i] += 1;
        }
        double a2p = params.a2Plus();
        double a3p = params.a3Plus();
        for (int k = 0; k < postSpikeCount; k++) {
            int j = postSpikes[k];
            synapses.changeColumn(j, r1, a2p + a3p * o2[j]);
            o1[j] += 1;
            o2[j] += 1;
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(r1, 0);
        java.util.Arrays.fill(r2, 0);
        java.util.Arrays.fill(o1, 0);
        java.util.Arrays.fill(o2, 0);
    }
}
