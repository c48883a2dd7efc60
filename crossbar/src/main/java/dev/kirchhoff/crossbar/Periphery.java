package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * What sits between a tile's digital inputs and outputs and its crossbar, for one direction
 * (forward or backward), after aihwkit's {@code IOParameters} (Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494; MODELS.md §4). For an input vector x (weights domain):
 * <pre>
 *   α    = max_i |x_i|  (noise management; α = 1 without it; α = 0 gives y = 0)
 *   β    = 1, ½, ¼, …   (bound management: halved while an output clips, at most maxBoundHalvings times)
 *   x̂_i  = DAC(β·x_i/α) + σ_in·ξ
 *   u_j  = (W·x̂)_j / w_max + σ_out·ξ        (the analog output in normalised units)
 *   y_j  = ADC(u_j)·w_max·α/β
 * </pre>
 * The normalised output unit is the current of one full-scale device difference (w_max, i.e.
 * the whole conductance window) driven by a full-scale input (1): so with weights up to w_max and
 * inputs within [−1, 1], |u_j| ≤ M, and aihwkit's bound of 12 and output noise of 0.06 keep the
 * meaning they have there, where weights are normalised to [−1, 1]. The input noise σ_in is in
 * units of the DAC input (full scale 1 = the DAC bound when r = 1).
 *
 * <p>An output "clips" when |u_j| &gt; B (its ADC bound). aihwkit's iterative bound management
 * then repeats the read with the input scale halved; here only the batch rows that clipped are
 * repeated, each with fresh noise, until none clips or {@code maxBoundHalvings} halvings were
 * made (aihwkit's {@code max_bm_factor} of 1000 is about 10 halvings). aihwkit applies bound
 * management to the forward pass only; a tile ignores it in the backward direction.
 *
 * @param dac               input converter
 * @param adc               output converter
 * @param inputNoiseStd     σ_in ≥ 0, Gaussian noise added after the DAC
 * @param outputNoiseStd    σ_out ≥ 0, Gaussian noise added to u before the ADC (normalised units)
 * @param noiseManagement   scale each input vector by 1/max|x| before the DAC, undo after the ADC
 * @param boundManagement   halve the input scale of a vector while one of its outputs clips
 * @param maxBoundHalvings  limit on the halvings, 0 … 60
 */
public record Periphery(Dac dac, Adc adc, double inputNoiseStd, double outputNoiseStd, boolean noiseManagement,
        boolean boundManagement, int maxBoundHalvings) {

    /** Exact conversion, no noise, no management: a tile forward is W·x. */
    public static final Periphery IDEAL = new Periphery(Dac.IDEAL, Adc.IDEAL, 0, 0, false, false, 0);

    /**
     * aihwkit's defaults: 7-bit DAC on [−1, 1], 9-bit ADC at ±12, output noise 0.06, noise
     * management by max|x|, iterative bound management (10 halvings ≈ max_bm_factor 1000).
     */
    public static final Periphery AIHWKIT_DEFAULT = new Periphery(Dac.AIHWKIT_DEFAULT, Adc.AIHWKIT_DEFAULT, 0, 0.06,
            true, true, 10);

    public Periphery {
        java.util.Objects.requireNonNull(dac, "dac");
        java.util.Objects.requireNonNull(adc, "adc");
        Checks.nonNegative("inputNoiseStd", inputNoiseStd);
        Checks.nonNegative("outputNoiseStd", outputNoiseStd);
        if (maxBoundHalvings < 0 || maxBoundHalvings > 60) {
            throw new IllegalArgumentException("maxBoundHalvings must be in 0..60, got " + maxBoundHalvings);
        }
    }

    public Periphery withDac(Dac v) {
        return new Periphery(v, adc, inputNoiseStd, outputNoiseStd, noiseManagement, boundManagement, maxBoundHalvings);
    }

    public Periphery withAdc(Adc v) {
        return new Periphery(dac, v, inputNoiseStd, outputNoiseStd, noiseManagement, boundManagement, maxBoundHalvings);
    }

    public Periphery withInputNoiseStd(double v) {
        return new Periphery(dac, adc, v, outputNoiseStd, noiseManagement, boundManagement, maxBoundHalvings);
    }

    public Periphery withOutputNoiseStd(double v) {
        return new Periphery(dac, adc, inputNoiseStd, v, noiseManagement, boundManagement, maxBoundHalvings);
    }

    public Periphery withNoiseManagement(boolean v) {
        return new Periphery(dac, adc, inputNoiseStd, outputNoiseStd, v, boundManagement, maxBoundHalvings);
    }

    public Periphery withBoundManagement(boolean v) {
        return new Periphery(dac, adc, inputNoiseStd, outputNoiseStd, noiseManagement, v, maxBoundHalvings);
    }

    public Periphery withMaxBoundHalvings(int v) {
        return new Periphery(dac, adc, inputNoiseStd, outputNoiseStd, noiseManagement, boundManagement, v);
    }

    /** True when any part of the conversion draws random numbers. */
    public boolean random() {
        return inputNoiseStd > 0 || outputNoiseStd > 0 || (dac.stochasticRounding() && dac.bits() > 0);
    }
}
