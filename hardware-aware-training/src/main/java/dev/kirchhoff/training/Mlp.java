package dev.kirchhoff.training;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A dense feed-forward network (multilayer perceptron) with layer sizes
 * {@code n_0, n_1, …, n_L}: layer {@code l} (0-based, {@code l < L}) maps {@code n_l} inputs to
 * {@code n_{l+1}} outputs by {@code z_l = W_l·a_l + b_l}, with {@code a_0 = x},
 * {@code a_{l+1} = ReLU(z_l) = max(z_l, 0)} between layers and the last {@code z_{L−1}} left
 * linear (the logits, for a softmax cross-entropy loss, see {@link SoftmaxCrossEntropy}).
 *
 * <p>Layout. {@code W_l} is one {@code float[n_{l+1}·n_l]}, row-major {@code [out][in]}: weight
 * {@code (j, i)} from input i to output j is {@code weights(l)[j·n_l + i]}; {@code b_l} is a
 * {@code float[n_{l+1}]}. The accessors return the live arrays (no copy): trainers update them
 * in place, and a caller that writes them changes the network.
 *
 * <p>Initialisation. {@link #Mlp(int[], UniformRandomProvider)} draws every weight of layer l
 * independently from {@code U(−√(6/n_l), √(6/n_l))}, the uniform law with the variance
 * {@code 2/n_l} that He et al. derive for ReLU networks ("Delving deep into rectifiers", ICCV
 * 2015, doi:10.1109/ICCV.2015.123, eq. 10, fan-in mode), and sets the biases to zero as they do.
 * Draws go layer by layer, row-major, one {@code nextDouble()} per weight, so a seed fixes the
 * network.
 *
 * <p>Not thread-safe for writes; concurrent reads (forward passes) are safe while nobody writes.
 */
public final class Mlp {
    private final int[] sizes;
    private final float[][] weights;
    private final float[][] biases;

    /**
     * A network with He-uniform weights and zero biases.
     *
     * @param sizes layer sizes {@code n_0 … n_L} (not modified): at least 2 entries, each ≥ 1, and
     *              each {@code n_{l+1}·n_l} must fit an int
     * @param rng   source of the weights (advanced by one double per weight)
     */
    public Mlp(int[] sizes, UniformRandomProvider rng) {
        this(checkSizes(sizes));
        Objects.requireNonNull(rng, "rng");
        for (int l = 0; l < weights.length; l++) {
            double bound = Math.sqrt(6.0 / sizes[l]);
            float[] w = weights[l];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
    }

    /** Zero weights and biases for already validated sizes. */
    private Mlp(int[] checkedSizes) {
        this.sizes = checkedSizes.clone();
        int layers = sizes.length - 1;
        this.weights = new float[layers][];
        this.biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[sizes[l + 1] * sizes[l]];
            biases[l] = new float[sizes[l + 1]];
        }
    }

    /**
     * A network with the given parameters (copied).
     *
     * @param sizes   layer sizes as for {@link #Mlp(int[], UniformRandomProvider)}
     * @param weights {@code weights[l]} of length {@code n_{l+1}·n_l}, row-major [out][in], all finite
     * @param biases  {@code biases[l]} of length {@code n_{l+1}}, all finite
     */
    public static Mlp of(int[] sizes, float[][] weights, float[][] biases) {
        Mlp m = new Mlp(checkSizes(sizes));
        int layers = m.layers();
        if (weights.length != layers) {
            throw new IllegalArgumentException("weights must hold " + layers + " layers, got " + weights.length);
        }
        if (biases.length != layers) {
            throw new IllegalArgumentException("biases must hold " + layers + " layers, got " + biases.length);
        }
        for (int l = 0; l < layers; l++) {
            copyFinite("weights[" + l + "]", weights[l], m.weights[l]);
            copyFinite("biases[" + l + "]", biases[l], m.biases[l]);
        }
        return m;
    }

    private static void copyFinite(String name, float[] from, float[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(name + " must have length " + to.length + ", got " + from.length);
        }
        for (int k = 0; k < from.length; k++) {
            if (!Float.isFinite(from[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite, got " + from[k]);
            }
        }
        System.arraycopy(from, 0, to, 0, from.length);
    }

    /** Validates layer sizes; returns them. */
    static int[] checkSizes(int[] sizes) {
        Objects.requireNonNull(sizes, "sizes");
        if (sizes.length < 2) {
            throw new IllegalArgumentException("sizes must have at least 2 entries (inputs and outputs), got "
                    + Arrays.toString(sizes));
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw new IllegalArgumentException("sizes[" + l + "] must be at least 1, got " + sizes[l]);
            }
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            long n = (long) sizes[l] * sizes[l + 1];
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("sizes[" + l + "]·sizes[" + (l + 1) + "] must fit an array, got " + n);
            }
        }
        return sizes;
    }

    /** Layer sizes {@code n_0 … n_L} (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Number of weight layers L (one less than the number of sizes). */
    public int layers() {
        return sizes.length - 1;
    }

    /** Inputs of layer {@code l}, {@code n_l}. */
    public int inputs(int l) {
        return sizes[l];
    }

    /** Outputs of layer {@code l}, {@code n_{l+1}}. */
    public int outputs(int l) {
        return sizes[l + 1];
    }

    /** Network inputs, {@code n_0}. */
    public int inputs() {
        return sizes[0];
    }

    /** Network outputs (logits), {@code n_L}. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Number of weights and biases, {@code Σ_l (n_{l+1}·n_l + n_{l+1})}. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < layers(); l++) {
            n += (long) weights[l].length + biases[l].length;
        }
        return n;
    }

    /** The live weight array of layer {@code l}, row-major [out][in] (not a copy). */
    public float[] weights(int l) {
        return weights[l];
    }

    /** The live bias array of layer {@code l} (not a copy). */
    public float[] biases(int l) {
        return biases[l];
    }

    /** An independent copy of the network. */
    public Mlp copy() {
        Mlp m = new Mlp(sizes);
        for (int l = 0; l < layers(); l++) {
            System.arraycopy(weights[l], 0, m.weights[l], 0, weights[l].length);
            System.arraycopy(biases[l], 0, m.biases[l], 0, biases[l].length);
        }
        return m;
    }

    /** True when both networks have the same sizes and bitwise the same parameters. */
    public boolean sameParameters(Mlp other) {
        return Arrays.equals(sizes, other.sizes) && Arrays.deepEquals(weights, other.weights)
                && Arrays.deepEquals(biases, other.biases);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Mlp[");
        for (int l = 0; l < sizes.length; l++) {
            b.append(l == 0 ? "" : "-").append(sizes[l]);
        }
        return b.append(", ").append(parameterCount()).append(" parameters]").toString();
    }
}
