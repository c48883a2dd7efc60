package dev.kirchhoff.training.hwa;

import dev.kirchhoff.crossbar.Adc;
import dev.kirchhoff.crossbar.Dac;
import dev.kirchhoff.crossbar.Periphery;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A crossbar {@link Periphery} applied to the float activations of training and evaluation, with
 * the equations of {@code Periphery} (aihwkit's {@code IOParameters}; Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494) for one column-scaled tile. For a sample x and column j of
 * digital scale s_j (the column's weights are {@code s_j·u_j}, |u| ≤ 1, see {@link NoisyTiles}):
 * <pre>
 *   α    = max_i |x_i|  (noise management; 1 without it)
 *   x̃_i  = α·(DAC(x_i/α) + σ_in·ξ)                                   (input)
 *   u_j  = (W̃·x̃)_j/(α·s_j) + σ_out·ξ,   ỹ_j = g·α·s_j·ADC(u_j)        (output, g a digital gain)
 * </pre>
 * The ADC's bound is fixed (FIXED) or the sample's max |u_j| (MAX). On the output side α is taken
 * from the transformed input, {@code max_i |x̃_i|}, which equals the input's α whenever the DAC
 * keeps its full-scale level and there is no input noise. Bound management (repeating a clipped
 * read at half the input scale) needs the product itself and is not simulated here: with it
 * requested, construction fails rather than silently differ from a tile. The arithmetic is in
 * float (the activations' precision): a converter's levels agree with {@link Dac#convert} and
 * {@link Adc#convert} to float rounding.
 */
public final class TilePeriphery {
    private final Periphery periphery;

    /**
     * @param periphery the converters and noises
     * @throws IllegalArgumentException if it asks for bound management or a calibrated (PERCENTILE) ADC
     */
    public TilePeriphery(Periphery periphery) {
        if (periphery == null) {
            throw new IllegalArgumentException("periphery must not be null, got null");
        }
        if (periphery.boundManagement()) {
            throw new IllegalArgumentException("periphery.boundManagement is not simulated in training and "
                    + "evaluation forward passes, got true");
        }
        if (periphery.adc().mode() == Adc.RangeMode.PERCENTILE) {
            throw new IllegalArgumentException("periphery.adc.mode must be FIXED or MAX here, got PERCENTILE");
        }
        this.periphery = periphery;
    }

    /** The periphery. */
    public Periphery periphery() {
        return periphery;
    }

    /**
     * Input side, in place: noise management, DAC, input noise.
     *
     * @param x     modified: {@code batch} rows of {@code width}
     * @param batch rows
     * @param width inputs per row
     * @param rng   source of the input noise and stochastic rounding
     */
    public void input(float[] x, int batch, int width, UniformRandomProvider rng) {
        final boolean manage = periphery.noiseManagement();
        final double sigmaIn = periphery.inputNoiseStd();
        final Dac dac = periphery.dac();
        final boolean deterministic = !dac.stochasticRounding() && sigmaIn == 0;
        final float bound = (float) dac.bound();
        final float step = (float) dac.step();
        final float invStep = dac.bits() == 0 ? 0f : 1f / step;
        final ZigguratSampler.NormalizedGaussian gauss = sigmaIn > 0 ? ZigguratSampler.NormalizedGaussian.of(rng) : null;
        for (int b = 0; b < batch; b++) {
            final int row = b * width;
            final float alpha = manage ? maxAbs(x, row, width) : 1f;
            if (alpha == 0f) {
                continue;
            }
            if (deterministic) {
                // Branch-free so that C2 vectorises it (DAC(0) = 0 keeps the zeros).
                final float inv = 1f / alpha;
                if (invStep != 0f) {
                    for (int i = row; i < row + width; i++) {
                        float c = Math.min(Math.max(x[i] * inv, -bound), bound);
                        x[i] = alpha * Math.min(Math.max((float) Math.rint(c * invStep) * step, -bound), bound);
                    }
                } else {
                    for (int i = row; i < row + width; i++) {
                        x[i] = alpha * Math.min(Math.max(x[i] * inv, -bound), bound);
                    }
                }
                continue;
            }
            for (int i = row; i < row + width; i++) {
                double q = dac.convert(x[i] / alpha, rng);
                if (gauss != null) {
                    q += sigmaIn * gauss.sample();
                }
                x[i] = (float) (alpha * q);
            }
        }
    }

    /**
     * Output side, in place: output noise and ADC in each column's normalised unit, then the digital
     * scale and gain.
     *
     * @param x           not modified: the transformed input, {@code batch} rows of {@code inWidth}
     * @param inWidth     inputs per row
     * @param y           modified: {@code batch} rows of {@code width} products {@code W̃·x̃}
     * @param batch       rows
     * @param width       outputs per row
     * @param columnScale not modified: s_j &gt; 0 per output
     * @param gain        g, the digital gain (drift compensation; 1 in training)
     * @param rng         source of the output noise
     */
    public void output(float[] x, int inWidth, float[] y, int batch, int width, float[] columnScale, double gain,
            UniformRandomProvider rng) {
        final boolean manage = periphery.noiseManagement();
        final double sigmaOut = periphery.outputNoiseStd();
        final Adc adc = periphery.adc();
        final boolean maxBound = adc.mode() == Adc.RangeMode.MAX;
        final ZigguratSampler.NormalizedGaussian gauss = sigmaOut > 0 ? ZigguratSampler.NormalizedGaussian.of(rng) : null;
        final float relStep = (float) adc.relativeStep();
        for (int b = 0; b < batch; b++) {
            final int row = b * width;
            final float alpha = manage ? maxAbs(x, b * inWidth, inWidth) : 1f;
            if (alpha == 0f) {
                for (int j = row; j < row + width; j++) {
                    y[j] = 0f;
                }
                continue;
            }
            final float invAlpha = 1f / alpha;
            float bound = (float) adc.bound();
            if (maxBound) {
                bound = 0f;
                for (int j = 0; j < width; j++) {
                    bound = Math.max(bound, Math.abs(y[row + j] * invAlpha / columnScale[j]));
                }
                if (bound == 0f) {
                    bound = 1f;
                }
            }
            final float step = bound * relStep;
            final float invStep = relStep == 0f ? 0f : 1f / step;
            final float g = (float) gain * alpha;
            for (int j = 0; j < width; j++) {
                final float sj = columnScale[j];
                float u = y[row + j] * invAlpha / sj;
                if (gauss != null) {
                    u += (float) (sigmaOut * gauss.sample());
                }
                u = Math.min(Math.max(u, -bound), bound);
                if (invStep != 0f) {
                    u = Math.min(Math.max((float) Math.rint(u * invStep) * step, -bound), bound);
                }
                y[row + j] = g * sj * u;
            }
        }
    }

    private static float maxAbs(float[] a, int from, int len) {
        float m = 0f;
        for (int i = from; i < from + len; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }
}
