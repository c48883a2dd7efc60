package dev.kirchhoff.training;

/**
 * Softmax cross-entropy of logits against class labels, and its gradient. For one sample with
 * logits {@code z_0 … z_{C−1}} and label y:
 * <pre>
 *   L = −log softmax(z)_y = log Σ_c exp(z_c − m) + m − z_y,      m = max_c z_c
 *   ∂L/∂z_c = softmax(z)_c − [c = y],                             softmax(z)_c = exp(z_c − m) / Σ_k exp(z_k − m)
 * </pre>
 * Subtracting the maximum m (the log-sum-exp shift) keeps every exponent ≤ 0, so nothing
 * overflows and the largest term is exactly 1 (Goodfellow, Bengio &amp; Courville, <i>Deep
 * Learning</i>, MIT Press 2016, §4.1). Sums and exponentials are in double; C is small.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Loss and scaled gradient of a batch.
     *
     * @param logits  not modified: {@code batch} rows of {@code classes} logits, row-major
     * @param labels  not modified: {@code labels[b]} in {@code [0, classes)} for b &lt; batch
     * @param batch   number of samples
     * @param classes number of classes C
     * @param scale   factor applied to the gradient (e.g. 1/B for the mean over a mini-batch of B)
     * @param grad    modified: {@code grad[b·C + c] = scale·∂L_b/∂z_{b,c}} (length ≥ batch·C)
     * @return the summed (not averaged) loss {@code Σ_b L_b}
     */
    public static double lossAndGradient(float[] logits, int[] labels, int batch, int classes, double scale,
            float[] grad) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int o = b * classes;
            int y = labels[b];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("labels[" + b + "] must be in [0, " + classes + "), got " + y);
            }
            double m = max(logits, o, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[o + c] - m);
            }
            total += Math.log(sum) + m - logits[o + y];
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[o + c] - m) / sum;
                grad[o + c] = (float) (scale * (c == y ? p - 1 : p));
            }
        }
        return total;
    }

    /** The loss {@code −log softmax(z)_y} of one row {@code logits[offset, offset + classes)}. */
    public static double loss(float[] logits, int offset, int classes, int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be in [0, " + classes + "), got " + label);
        }
        double m = max(logits, offset, classes);
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[offset + c] - m);
        }
        return Math.log(sum) + m - logits[offset + label];
    }

    /** The predicted class of row {@code logits[offset, offset + classes)}: the first index of the largest logit. */
    public static int argmax(float[] logits, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[offset + c] > logits[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    private static double max(float[] logits, int offset, int classes) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            m = Math.max(m, logits[offset + c]);
        }
        return m;
    }
}
