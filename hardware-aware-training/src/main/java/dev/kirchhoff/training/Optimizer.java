package dev.kirchhoff.training;

/**
 * A first-order optimizer over a fixed list of parameter arrays (for an {@link Mlp}:
 * {@code W_0, b_0, W_1, b_1, …}, see {@link #parameters(Mlp)}), updating them in place from the
 * gradients of the loss. The state (velocities, moments) is per element, kept in float arrays
 * sized at construction.
 *
 * <p>A step is {@link #beginStep} once, then {@link #update} over every element of every array.
 * Updates are elementwise, so a step may be split into disjoint ranges run on different threads
 * with the same result as {@link #step}.
 */
public interface Optimizer {
    /**
     * Starts the next step (advances the step count of optimizers that keep one).
     *
     * @param learningRate the step size η of this step, positive and finite
     */
    void beginStep(double learningRate);

    /**
     * Updates {@code params[from, to)} of parameter array {@code k} from {@code grads[from, to)}
     * with the step begun by {@link #beginStep}. Disjoint ranges may run concurrently.
     *
     * @param k      index of the array in the list this optimizer was built for
     * @param params modified: parameter array k
     * @param grads  not modified: its gradient ∂L/∂θ, same length
     * @param from   first element, ≥ 0
     * @param to     end (exclusive), ≤ length
     */
    void update(int k, float[] params, float[] grads, int from, int to);

    /**
     * One whole step: {@link #beginStep}, then {@link #update} of every array in full.
     *
     * @param params       modified: the parameter arrays, with the lengths this optimizer was built for
     * @param grads        not modified: the gradients ∂L/∂θ, same shape as {@code params}
     * @param learningRate the step size η, positive and finite
     */
    default void step(float[][] params, float[][] grads, double learningRate) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException("params and grads must hold as many arrays, got " + params.length
                    + " and " + grads.length);
        }
        beginStep(learningRate);
        for (int k = 0; k < params.length; k++) {
            update(k, params[k], grads[k], 0, params[k].length);
        }
    }

    /** The parameter arrays of a network in the order {@code W_0, b_0, W_1, b_1, …} (the live arrays). */
    static float[][] parameters(Mlp model) {
        float[][] p = new float[2 * model.layers()][];
        for (int l = 0; l < model.layers(); l++) {
            p[2 * l] = model.weights(l);
            p[2 * l + 1] = model.biases(l);
        }
        return p;
    }

    /** The lengths of {@link #parameters(Mlp)}, to size an optimizer's state. */
    static int[] parameterLengths(Mlp model) {
        float[][] p = parameters(model);
        int[] n = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            n[k] = p[k].length;
        }
        return n;
    }
}
