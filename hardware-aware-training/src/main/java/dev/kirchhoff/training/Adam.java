package dev.kirchhoff.training;

import dev.kirchhoff.device.Checks;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015, arXiv:1412.6980, Algorithm 1) with bias correction and
 * optional L2 weight decay added to the gradient (as {@code torch.optim.Adam}'s
 * {@code weight_decay}). At step t = 1, 2, …:
 * <pre>
 *   g ← ∂L/∂θ + λ·θ
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²     (m = v = 0 before step 1)
 *   θ ← θ − α_t·m / (√v + ε̂),     α_t = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ),  ε̂ = ε·√(1 − β₂ᵗ)
 * </pre>
 * which is the paper's {@code θ − η·m̂/(√v̂ + ε)} with {@code m̂ = m/(1 − β₁ᵗ)},
 * {@code v̂ = v/(1 − β₂ᵗ)}, rearranged as the paper suggests at the end of its Section 2 so that
 * the loop has no per-element division by the corrections. At t = 1, {@code m̂ = g} and
 * {@code v̂ = g²}, so the first step is {@code η·g/(|g| + ε) ≈ η·sign(g)}. State: two floats per
 * parameter and the step count t.
 */
public final class Adam implements Optimizer {
    /** The paper's default β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The paper's default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The paper's default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final int[] lengths;
    private final float[][] m;
    private final float[][] v;
    private long t;
    /** α_t and ε̂ of the current step, as set by {@link #beginStep}. */
    private float alpha;
    private float epsHat;

    /** Adam with the paper's β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ and no weight decay. */
    public Adam(int[] lengths) {
        this(lengths, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0);
    }

    /**
     * @param lengths     lengths of the parameter arrays (e.g. {@link Optimizer#parameterLengths(Mlp)}); not modified
     * @param beta1       β₁ in [0, 1)
     * @param beta2       β₂ in [0, 1)
     * @param epsilon     ε &gt; 0, finite
     * @param weightDecay λ ≥ 0, finite
     */
    public Adam(int[] lengths, double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.lengths = lengths.clone();
        this.m = new float[lengths.length][];
        this.v = new float[lengths.length][];
        for (int k = 0; k < lengths.length; k++) {
            Checks.nonNegative("lengths[" + k + "]", lengths[k]);
            m[k] = new float[lengths[k]];
            v[k] = new float[lengths[k]];
        }
    }

    /** Number of steps taken, t. */
    public long steps() {
        return t;
    }

    @Override
    public void beginStep(double learningRate) {
        OptimizerChecks.checkLearningRate(learningRate);
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = Math.sqrt(1 - Math.pow(beta2, t));
        alpha = (float) (learningRate * c2 / c1);
        epsHat = (float) (epsilon * c2);
    }

    @Override
    public void update(int k, float[] params, float[] grads, int from, int to) {
        OptimizerChecks.checkUpdate(lengths, k, params, grads, from, to);
        if (t == 0) {
            throw new IllegalStateException("beginStep must be called before update");
        }
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float lambda = (float) weightDecay;
        float at = alpha;
        float eps = epsHat;
        float[] mk = m[k];
        float[] vk = v[k];
        for (int i = from; i < to; i++) {
            float gi = grads[i] + lambda * params[i];
            float mi = b1 * mk[i] + a1 * gi;
            float vi = b2 * vk[i] + a2 * gi * gi;
            mk[i] = mi;
            vk[i] = vi;
            params[i] -= at * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    public String toString() {
        return "Adam[beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ", weightDecay=" + weightDecay + "]";
    }
}
