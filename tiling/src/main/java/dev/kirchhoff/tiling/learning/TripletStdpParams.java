package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;

/**
 * Parameters of the triplet STDP rule of Pfister &amp; Gerstner, "Triplets of spikes in a model
 * of spike timing-dependent plasticity", J. Neurosci. 26(38), 9673–9682, 2006,
 * doi:10.1523/JNEUROSCI.1425-06.2006: pair amplitudes A₂^±, triplet amplitudes A₃^±, and the
 * time constants of the two presynaptic traces (r₁: τ₊, r₂: τ_x) and the two postsynaptic
 * traces (o₁: τ₋, o₂: τ_y).
 *
 * @param a2Plus          A₂⁺, non-negative and finite
 * @param a3Plus          A₃⁺, non-negative and finite
 * @param a2Minus         A₂⁻, non-negative and finite
 * @param a3Minus         A₃⁻, non-negative and finite
 * @param tauPlusSeconds  τ₊ of r₁ (s), positive and finite
 * @param tauXSeconds     τ_x of r₂ (s), positive and finite
 * @param tauMinusSeconds τ₋ of o₁ (s), positive and finite
 * @param tauYSeconds     τ_y of o₂ (s), positive and finite
 */
public record TripletStdpParams(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauPlusSeconds,
        double tauXSeconds, double tauMinusSeconds, double tauYSeconds) {

    /**
     * Pfister &amp; Gerstner 2006, Table 4, visual cortex data (Sjöström et al. 2001), all-to-all
     * interaction, full model: A₂⁺ = 5×10⁻¹⁰, A₃⁺ = 6.2×10⁻³, A₂⁻ = 7×10⁻³, A₃⁻ = 2.3×10⁻⁴,
     * τ₊ = 16.8 ms, τ_x = 101 ms, τ₋ = 33.7 ms, τ_y = 125 ms.
     */
    public static final TripletStdpParams VISUAL_CORTEX_ALL_TO_ALL = new TripletStdpParams(5e-10, 6.2e-3, 7e-3, 2.3e-4,
            0.0168, 0.101, 0.0337, 0.125);

    /**
     * The same data, minimal all-to-all model (no pair potentiation, no triplet depression):
     * A₂⁺ = 0, A₃⁺ = 6.5×10⁻³, A₂⁻ = 7.1×10⁻³, A₃⁻ = 0, same time constants (τ_x unused).
     */
    public static final TripletStdpParams VISUAL_CORTEX_MINIMAL = new TripletStdpParams(0, 6.5e-3, 7.1e-3, 0,
            0.0168, 0.101, 0.0337, 0.125);

    public TripletStdpParams {
        Checks.nonNegative("a2Plus", a2Plus);
        Checks.nonNegative("a3Plus", a3Plus);
        Checks.nonNegative("a2Minus", a2Minus);
        Checks.nonNegative("a3Minus", a3Minus);
        Checks.positive("tauPlusSeconds", tauPlusSeconds);
        Checks.positive("tauXSeconds", tauXSeconds);
        Checks.positive("tauMinusSeconds", tauMinusSeconds);
        Checks.positive("tauYSeconds", tauYSeconds);
    }
}
