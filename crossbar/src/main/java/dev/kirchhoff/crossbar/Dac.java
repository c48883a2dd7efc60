package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The digital-to-analog converter that drives a tile's inputs (aihwkit's {@code inp_bound},
 * {@code inp_res}, {@code inp_sto_round}; Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494). An input v is clipped to [−r, r] and rounded to the
 * grid of step
 * <pre>
 *   Δ = 2r/(2^bits − 2)
 * </pre>
 * i.e. the 2^bits − 1 levels {@code k·Δ, |k| ≤ 2^(bits−1) − 1}, zero and ±r included (aihwkit's
 * default 7 bits on [−1, 1]: Δ = 2/126, a resolution of 1/126 of the range). Deterministic
 * rounding takes the nearest level (ties to even, {@link Math#rint}); stochastic rounding takes
 * {@code ⌊v/Δ + u⌋·Δ} with u uniform on [0, 1), which is unbiased inside the range:
 * {@code E[q] = v}.
 *
 * @param bits               0 for no quantisation (clipping only), else 2 … 30
 * @param bound              r &gt; 0; +∞ allowed only with bits = 0
 * @param stochasticRounding round stochastically (needs a random source)
 */
public record Dac(int bits, double bound, boolean stochasticRounding) {
    /** No quantisation and no clipping. */
    public static final Dac IDEAL = new Dac(0, Double.POSITIVE_INFINITY, false);

    /** aihwkit's default: 7 bits on [−1, 1], deterministic rounding. */
    public static final Dac AIHWKIT_DEFAULT = new Dac(7, 1.0, false);

    public Dac {
        if (bits != 0 && (bits < 2 || bits > 30)) {
            throw new IllegalArgumentException("bits must be 0 (no quantisation) or 2..30, got " + bits);
        }
        if (bits == 0) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("bound must be positive, got " + bound);
            }
        } else {
            Checks.positive("bound", bound);
        }
    }

    /** Δ = 2r/(2^bits − 2), or 0 when bits = 0. */
    public double step() {
        return bits == 0 ? 0 : 2 * bound / ((1L << bits) - 2);
    }

    /** Deterministic conversion: v clipped to ±r and rounded to the nearest level. */
    public double convert(double v) {
        double c = Math.min(Math.max(v, -bound), bound);
        if (bits == 0) {
            return c;
        }
        double step = step();
        return Math.min(Math.max(Math.rint(c / step) * step, -bound), bound);
    }

    /**
     * Conversion with this converter's rounding: stochastic when {@link #stochasticRounding()},
     * drawing one uniform from {@code rng}, else {@link #convert(double)} (rng not used).
     */
    public double convert(double v, UniformRandomProvider rng) {
        if (!stochasticRounding || bits == 0) {
            return convert(v);
        }
        double c = Math.min(Math.max(v, -bound), bound);
        double step = step();
        return Math.min(Math.max(Math.floor(c / step + rng.nextDouble()) * step, -bound), bound);
    }
}
