package dev.kirchhoff.training;

/**
 * Gradient buffers shaped like an {@link Mlp}: per layer l, {@code ∂L/∂W_l} as
 * {@code n_{l+1}} rows of {@code n_l} floats ({@code weights(l)[j][i]} for weight (j, i)) and
 * {@code ∂L/∂b_l} as a {@code float[n_{l+1}]}. The accessors return the live arrays.
 *
 * <p>Why rows rather than the network's flat layout: C2 (JDK 17) vectorises a loop over two
 * arrays only when both are indexed by the same expression; {@code g[j·n + i] += δ·x[i]} (two
 * different offsets) stays scalar, {@code g_j[i] += δ·x[i]} runs on full vectors, 3–4× faster
 * (measured, see docs/training.md). The {@link Trainer} sums the sub-batch buffers row by row
 * and copies the sum into the flat layout the optimizer steps on.
 */
public final class Gradients {
    private final float[][][] weights;
    private final float[][] biases;

    /** Zero gradients for a network of the given layer sizes (validated as by {@link Mlp}). */
    public Gradients(int[] sizes) {
        Mlp.checkSizes(sizes);
        int layers = sizes.length - 1;
        weights = new float[layers][][];
        biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[sizes[l + 1]][sizes[l]];
            biases[l] = new float[sizes[l + 1]];
        }
    }

    /** Number of layers. */
    public int layers() {
        return weights.length;
    }

    /** The live weight gradient of layer {@code l}: row j holds {@code ∂L/∂W_l[j][·]}. */
    public float[][] weights(int l) {
        return weights[l];
    }

    /** The live bias gradient of layer {@code l}. */
    public float[] biases(int l) {
        return biases[l];
    }
}
