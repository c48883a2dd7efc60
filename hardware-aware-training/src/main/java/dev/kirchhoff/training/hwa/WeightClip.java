package dev.kirchhoff.training.hwa;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.training.WeightConstraint;

/**
 * Clipping of the clean weights after every optimizer step, so that no column is dominated by a
 * few large weights that would push the others to the bottom of the conductance window (where
 * programming noise is relatively largest):
 * <pre>
 *   NONE:     w unchanged
 *   FIXED:    w ← clip(w, −c, c)
 *   SIGMA:    w ← clip(w, −c·σ_l, c·σ_l),   σ_l the standard deviation of layer l's weights
 * </pre>
 * SIGMA is the clipping of noise-aware training (Joshi et al., Nat. Commun. 11, 2473, 2020,
 * doi:10.1038/s41467-020-16108-9, who clip at about 2.5σ); FIXED is aihwkit's
 * {@code WeightClipType.FIXED_VALUE}. Biases are digital and never clipped.
 *
 * @param kind  the rule
 * @param value c &gt; 0 (ignored for NONE)
 */
public record WeightClip(Kind kind, double value) implements WeightConstraint {
    /** The clipping rules. */
    public enum Kind {
        NONE,
        FIXED,
        SIGMA
    }

    /** No clipping. */
    public static final WeightClip NONE = new WeightClip(Kind.NONE, 1);

    public WeightClip {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null, got null");
        }
        Checks.positive("value", value);
    }

    /** Clipping at ±c·σ_l. */
    public static WeightClip sigma(double c) {
        return new WeightClip(Kind.SIGMA, c);
    }

    /** Clipping at ±c. */
    public static WeightClip fixed(double c) {
        return new WeightClip(Kind.FIXED, c);
    }

    /**
     * The population standard deviation of {@code w}, accumulated in double over four interleaved
     * partial sums (independent chains, four times the throughput of one; the order is fixed, so
     * the result is the same on every run).
     */
    static double standardDeviation(float[] w) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int n = w.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a = w[i];
            double b = w[i + 1];
            double c = w[i + 2];
            double d = w[i + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
            q0 += a * a;
            q1 += b * b;
            q2 += c * c;
            q3 += d * d;
        }
        for (; i < n; i++) {
            s0 += w[i];
            q0 += (double) w[i] * w[i];
        }
        double mean = (s0 + s1 + s2 + s3) / n;
        return Math.sqrt(Math.max((q0 + q1 + q2 + q3) / n - mean * mean, 0));
    }

    @Override
    public void apply(int layer, float[] weights, float[] biases) {
        double bound;
        switch (kind) {
            case NONE:
                return;
            case FIXED:
                bound = value;
                break;
            default:
                bound = value * standardDeviation(weights);
                break;
        }
        float c = (float) bound;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.min(Math.max(weights[i], -c), c);
        }
    }
}
