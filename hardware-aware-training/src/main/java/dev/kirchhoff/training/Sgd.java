package dev.kirchhoff.training;

import dev.kirchhoff.device.Checks;

/**
 * Stochastic gradient descent with heavy-ball momentum (Polyak, USSR Comput. Math. Math. Phys.
 * 4(5), 1964, doi:10.1016/0041-5553(64)90137-5) and optional L2 weight decay, in the form PyTorch's
 * {@code torch.optim.SGD} uses (no dampening, no Nesterov):
 * <pre>
 *   g ← ∂L/∂θ + λ·θ
 *   v ← μ·v + g          (v = 0 before the first step, so v₁ = g₁)
 *   θ ← θ − η·v
 * </pre>
 * With {@code μ = 0} this is plain SGD. State: one float velocity per parameter.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final int[] lengths;
    private final float[][] velocity;
    /** η of the current step, as set by {@link #beginStep}. */
    private float eta;

    /**
     * @param lengths     lengths of the parameter arrays (e.g. {@link Optimizer#parameterLengths(Mlp)}); not modified
     * @param momentum    μ in [0, 1)
     * @param weightDecay λ ≥ 0, finite
     */
    public Sgd(int[] lengths, double momentum, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        Checks.nonNegative("weightDecay", weightDecay);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.lengths = lengths.clone();
        this.velocity = new float[lengths.length][];
        for (int k = 0; k < lengths.length; k++) {
            Checks.nonNegative("lengths[" + k + "]", lengths[k]);
            velocity[k] = new float[lengths[k]];
        }
    }

    /** μ. */
    public double momentum() {
        return momentum;
    }

    /** λ. */
    public double weightDecay() {
        return weightDecay;
    }

    /** The live velocity of parameter array {@code k} (not a copy). */
    public float[] velocity(int k) {
        return velocity[k];
    }

    @Override
    public void beginStep(double learningRate) {
        OptimizerChecks.checkLearningRate(learningRate);
        eta = (float) learningRate;
    }

    @Override
    public void update(int k, float[] params, float[] grads, int from, int to) {
        OptimizerChecks.checkUpdate(lengths, k, params, grads, from, to);
        if (eta == 0) {
            throw new IllegalStateException("beginStep must be called before update");
        }
        float mu = (float) momentum;
        float lambda = (float) weightDecay;
        float step = eta;
        float[] v = velocity[k];
        for (int i = from; i < to; i++) {
            float vi = mu * v[i] + (grads[i] + lambda * params[i]);
            v[i] = vi;
            params[i] -= step * vi;
        }
    }

    @Override
    public String toString() {
        return "Sgd[momentum=" + momentum + ", weightDecay=" + weightDecay + "]";
    }
}
