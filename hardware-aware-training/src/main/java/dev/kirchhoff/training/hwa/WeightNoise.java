package dev.kirchhoff.training.hwa;

import dev.kirchhoff.device.Checks;

/**
 * The weight modifiers of noise-in-the-loop training, drawn afresh for every mini-batch and applied
 * to the normalised weight {@code u = w/s_j ∈ [−1, 1]} of each crossbar column j (s_j the column's
 * digital output scale, see {@link NoisyTiles}):
 * <pre>
 *   programming + read:  u ← (G̃⁺ − G̃⁻)/g_max,  G̃^± = max(G^± + k·σ(G^±)·ξ^±, 0),  G^± = g_max·max(±u, 0)
 *                        σ(G)² = σ_prog(G)² + σ_read(G, t_read)²     (the profile's laws; k = programmingScale)
 *   multiplicative:      u ← u·(1 + σ_mul·ξ)
 *   additive:            u ← u + σ_add·ξ
 *   drop-connect:        u ← 0 with probability p  (when the weight's pool normal exceeds Φ⁻¹(1 − p))
 * </pre>
 * in this order, each ξ an independent standard normal. The first term is the device's own error
 * on the differential pair it is programmed to (both devices, the idle one at G = 0 included, as
 * aihwkit's {@code PCMLikeNoiseModel} does), so a network trained with it has seen the weights
 * the evaluation will program; it is drawn as one Gaussian with the pair's exact mean and
 * variance ({@link PairNoise}). The additive modifier is the Gaussian weight noise of noise-aware
 * training, relative to each column's max |w| (Joshi et al., Nat. Commun. 11, 2473, 2020,
 * doi:10.1038/s41467-020-16108-9); the others are aihwkit's {@code WeightModifierType} MULT_NORMAL
 * and DROP_CONNECT (Rasch et al., Nat. Commun. 14, 5282, 2023, doi:10.1038/s41467-023-40770-4).
 *
 * @param programmingScale    k ≥ 0: multiplier of the profile's programming and read σ (0: off)
 * @param readTimeSeconds     t_read ≥ 0, the inference time whose read noise is injected
 * @param multiplicativeStd   σ_mul ≥ 0
 * @param additiveStd         σ_add ≥ 0, in units of the column's max |w|
 * @param dropConnect         p in [0, 1)
 */
public record WeightNoise(double programmingScale, double readTimeSeconds, double multiplicativeStd,
        double additiveStd, double dropConnect) {
    /** No modifier: floating-point weights in the forward pass. */
    public static final WeightNoise NONE = new WeightNoise(0, 0, 0, 0, 0);

    public WeightNoise {
        Checks.nonNegative("programmingScale", programmingScale);
        Checks.nonNegative("readTimeSeconds", readTimeSeconds);
        Checks.nonNegative("multiplicativeStd", multiplicativeStd);
        Checks.nonNegative("additiveStd", additiveStd);
        if (!(dropConnect >= 0 && dropConnect < 1)) {
            throw new IllegalArgumentException("dropConnect must be in [0, 1), got " + dropConnect);
        }
    }

    /** True if no modifier is active. */
    public boolean isNone() {
        return programmingScale == 0 && multiplicativeStd == 0 && additiveStd == 0 && dropConnect == 0;
    }

    public WeightNoise withProgrammingScale(double v) {
        return new WeightNoise(v, readTimeSeconds, multiplicativeStd, additiveStd, dropConnect);
    }

    public WeightNoise withReadTimeSeconds(double v) {
        return new WeightNoise(programmingScale, v, multiplicativeStd, additiveStd, dropConnect);
    }

    public WeightNoise withMultiplicativeStd(double v) {
        return new WeightNoise(programmingScale, readTimeSeconds, v, additiveStd, dropConnect);
    }

    public WeightNoise withAdditiveStd(double v) {
        return new WeightNoise(programmingScale, readTimeSeconds, multiplicativeStd, v, dropConnect);
    }

    public WeightNoise withDropConnect(double v) {
        return new WeightNoise(programmingScale, readTimeSeconds, multiplicativeStd, additiveStd, v);
    }
}
