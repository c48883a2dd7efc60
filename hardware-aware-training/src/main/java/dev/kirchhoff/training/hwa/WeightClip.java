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
                double sum = 0;
                double sumSq = 0;
                for (float w : weights) {
                    sum += w;
                    sumSq += (double) w * w;
                }
                double mean = sum / weights.length;
                bound = value * Math.sqrt(Math.max(sumSq / weights.length - mean * mean, 0));
                break;
        }
        float c = (float) bound;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.min(Math.max(weights[i], -c), c);
        }
    }
}
