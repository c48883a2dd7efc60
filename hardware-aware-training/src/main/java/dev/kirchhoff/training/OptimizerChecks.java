package dev.kirchhoff.training;

/** Argument checks shared by the {@link Optimizer} implementations. */
final class OptimizerChecks {
    private OptimizerChecks() {
    }

    /** Checks η. */
    static void checkLearningRate(double learningRate) {
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
    }

    /** Checks an {@link Optimizer#update} call against the lengths the optimizer was built for. */
    static void checkUpdate(int[] lengths, int k, float[] params, float[] grads, int from, int to) {
        if (k < 0 || k >= lengths.length) {
            throw new IllegalArgumentException("k must be in [0, " + lengths.length + "), got " + k);
        }
        if (params.length != lengths[k] || grads.length != lengths[k]) {
            throw new IllegalArgumentException("params and grads of array " + k + " must have length " + lengths[k]
                    + ", got " + params.length + " and " + grads.length);
        }
        if (from < 0 || from > to || to > lengths[k]) {
            throw new IllegalArgumentException("range must lie in [0, " + lengths[k] + "], got [" + from + ", " + to + ")");
        }
    }
}
