package dev.kirchhoff.training;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * What the hardware does to one layer's matrix-vector product, as seen by the {@link Trainer}:
 * the extension point of hardware-aware training (after the noise-injection training of
 * aihwkit, Rasch et al., Nat. Commun. 14, 5282, 2023, doi:10.1038/s41467-023-40770-4).
 * {@link #IDENTITY} is floating point.
 *
 * <p>Layer l's forward pass on a batch of B samples is
 * <pre>
 *   W̃_l  = forwardWeights(W_l)                      once per mini-batch, on the training thread
 *   x̃    = transformInput(a_l)                       in place, x[B·n_l]
 *   y    = W̃_l·x̃                                     y[B·n_{l+1}]
 *   ỹ    = transformOutput(x̃, y)                      in place, before the bias
 *   z_l  = ỹ + b_l
 * </pre>
 *
 * <p>The backward pass is straight-through (the estimator of Bengio, Léonard &amp; Courville,
 * arXiv:1308.3432, 2013): both transforms count as the identity, so with {@code δ = ∂L/∂z_l}
 * the data gradient is {@code ∂L/∂a_l = W̃_lᵀ·δ} (the copy the forward pass used), the weight
 * gradient is {@code δ·x̃ᵀ} (the input as transformed), and the optimizer applies the update to
 * the clean weights {@code W_l}, which the hardware never modifies.
 *
 * <p>Threads and randomness. {@link #forwardWeights} is called for layers 0, 1, … in order
 * with the batch's stream. The transforms are called for each fixed sub-batch of the mini-batch
 * (see {@link Trainer}) with that sub-batch's own stream, possibly on several threads at
 * once: implementations must not keep mutable state across calls, and must draw only from the
 * stream they are given, so that a seed gives the same bits on any number of threads.
 */
public interface LayerHardware {
    /** Floating point: the weights as they are, no transform. */
    LayerHardware IDENTITY = new LayerHardware() {
        @Override
        public String toString() {
            return "LayerHardware.IDENTITY";
        }
    };

    /**
     * Writes the weights the forward pass of this mini-batch uses (e.g. a noisy copy) into
     * {@code wForward}. Called once per mini-batch per layer, before the forward pass. The default
     * (floating point) copies {@code w}.
     *
     * @param layer    layer index l
     * @param w        the clean weights, row-major [out][in]; not modified
     * @param wForward modified: same length and layout as {@code w}
     * @param rng      the mini-batch's stream
     */
    default void forwardWeights(int layer, float[] w, float[] wForward, UniformRandomProvider rng) {
        System.arraycopy(w, 0, wForward, 0, w.length);
    }

    /**
     * Transforms a layer's inputs in place before the product (e.g. DAC quantisation). The
     * default does nothing.
     *
     * @param layer layer index l
     * @param x     modified: {@code batch} rows of {@code width} inputs, row-major; only the first
     *              {@code batch·width} entries belong to the call
     * @param batch number of samples (rows)
     * @param width inputs per sample, {@code n_l}
     * @param rng   the sub-batch's stream
     */
    default void transformInput(int layer, float[] x, int batch, int width, UniformRandomProvider rng) {
    }

    /**
     * Transforms a layer's pre-activation outputs {@code W̃·x̃} in place, before the bias is added
     * (e.g. output noise, ADC quantisation). The default does nothing.
     *
     * The input the product was computed with is handed along (e.g. for the per-sample scale of
     * noise management).
     *
     * @param layer   layer index l
     * @param x       not modified: the transformed input, {@code batch} rows of {@code inWidth}
     * @param inWidth inputs per sample, {@code n_l}
     * @param y       modified: {@code batch} rows of {@code width} outputs, row-major; only the first
     *                {@code batch·width} entries belong to the call
     * @param batch   number of samples (rows)
     * @param width   outputs per sample, {@code n_{l+1}}
     * @param rng     the sub-batch's stream
     */
    default void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
            UniformRandomProvider rng) {
    }
}
