package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;

/**
 * Parameters of the additive pair STDP rule, whose window for one pre spike at t_pre and one
 * post spike at t_post, Δt = t_post − t_pre, is
 * <pre>
 *   Δw = +A₊·e^(−Δt/τ₊)   for Δt ≥ 0 (pre before post: potentiation)
 *   Δw = −A₋·e^(+Δt/τ₋)   for Δt &lt; 0 (post before pre: depression)
 * </pre>
 * (Song, Miller &amp; Abbott, "Competitive Hebbian learning through spike-timing-dependent
 * synaptic plasticity", Nat. Neurosci. 3, 919–926, 2000, doi:10.1038/78829).
 *
 * @param aPlus           A₊, potentiation amplitude (weight units), non-negative and finite
 * @param aMinus          A₋, depression amplitude (weight units), non-negative and finite
 * @param tauPlusSeconds  τ₊ (s), positive and finite
 * @param tauMinusSeconds τ₋ (s), positive and finite
 */
public record PairStdpParams(double aPlus, double aMinus, double tauPlusSeconds, double tauMinusSeconds) {

    /**
     * Song, Miller &amp; Abbott 2000: A₊ = 0.005, A₋ = 1.05·A₊ = 0.00525 (weights in units of
     * g_max), τ₊ = τ₋ = 20 ms.
     */
    public static final PairStdpParams SONG_2000 = new PairStdpParams(0.005, 0.00525, 0.020, 0.020);

    public PairStdpParams {
        Checks.nonNegative("aPlus", aPlus);
        Checks.nonNegative("aMinus", aMinus);
        Checks.positive("tauPlusSeconds", tauPlusSeconds);
        Checks.positive("tauMinusSeconds", tauMinusSeconds);
    }

    /** The window Δw(Δt) for one pair, Δt = t_post − t_pre (s). */
    public double window(double deltaTSeconds) {
        Checks.finite("deltaTSeconds", deltaTSeconds);
        return deltaTSeconds >= 0 ? aPlus * Math.exp(-deltaTSeconds / tauPlusSeconds)
                : -aMinus * Math.exp(deltaTSeconds / tauMinusSeconds);
    }

    /** A copy with other amplitudes (the time constants kept). */
    public PairStdpParams withAmplitudes(double aPlus, double aMinus) {
        return new PairStdpParams(aPlus, aMinus, tauPlusSeconds, tauMinusSeconds);
    }
}
