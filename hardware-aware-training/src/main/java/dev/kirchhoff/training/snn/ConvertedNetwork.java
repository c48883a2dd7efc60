package dev.kirchhoff.training.snn;

import java.util.Arrays;

/**
 * A feed-forward ReLU network normalised for integrate-and-fire neurons of threshold 1: the output
 * of {@link AnnToSnn#convert}, run by {@link SnnSimulator} (CPU) and {@link SnnOnChip} (the tiled
 * chip).
 *
 * <p>Layer l (0-based, L layers) maps {@code sizes[l]} inputs to {@code sizes[l+1]} neurons with
 * W_l (row-major [out][in]) and b_l, already normalised (Diehl et al., IJCNN 2015,
 * doi:10.1109/IJCNN.2015.7280696; Rueckauer et al. 2017, doi:10.3389/fnins.2017.00682):
 * <pre>
 *   W_l = W_l^ANN · λ_{l−1}/λ_l,   b_l = b_l^ANN / λ_l,   λ_{−1} = 1
 * </pre>
 * so the ANN's activations in units of λ_l, {@code ReLU(W_l·a + b_l)}, are at most 1 on all but
 * the top (100 − p)% of the calibration activations, and become firing rates in spikes per step.
 * The {@link #scales() λ_l} are kept for reference. Immutable: accessors return copies.
 */
public final class ConvertedNetwork {
    private final int[] sizes;
    private final double[][] weights;
    private final double[][] transposed;
    private final double[][] biases;
    private final double[] scales;
    private final double percentile;

    ConvertedNetwork(int[] sizes, double[][] weights, double[][] biases, double[] scales, double percentile) {
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        this.weights = new double[layers][];
        this.transposed = new double[layers][];
        this.biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            this.weights[l] = weights[l].clone();
            this.biases[l] = biases[l].clone();
            double[] t = new double[in * out];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + j] = weights[l][j * in + i];
                }
            }
            this.transposed[l] = t;
        }
        this.scales = scales.clone();
        this.percentile = percentile;
    }

    /**
     * A network whose weights and biases are already normalised for threshold 1 (λ_l = 1 for every
     * layer, percentile NaN: none was taken).
     *
     * @param sizes   layer widths, input first, at least two, each ≥ 1
     * @param weights not modified: {@code weights[l]} has {@code sizes[l+1]·sizes[l]} finite entries, row-major [out][in]
     * @param biases  not modified: {@code biases[l]} has {@code sizes[l+1]} finite entries
     * @throws IllegalArgumentException naming the first bad parameter and its value
     */
    public static ConvertedNetwork of(int[] sizes, double[][] weights, double[][] biases) {
        Shapes.checkNetwork(sizes, weights, biases);
        double[] ones = new double[sizes.length - 1];
        Arrays.fill(ones, 1.0);
        return new ConvertedNetwork(sizes, weights, biases, ones, Double.NaN);
    }

    /** Layer widths, input first (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Number of weight layers L = sizes.length − 1. */
    public int layerCount() {
        return weights.length;
    }

    /** Inputs of the network, sizes[0]. */
    public int inputs() {
        return sizes[0];
    }

    /** Output neurons (classes), sizes[L]. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Normalised W_l, row-major [out][in] (a copy). */
    public double[] weights(int layer) {
        return weights[layer].clone();
    }

    /** Normalised b_l, the constant current per step (a copy). */
    public double[] biases(int layer) {
        return biases[layer].clone();
    }

    /** λ_l, the percentile of layer l's activations the layer was divided by (a copy). */
    public double[] scales() {
        return scales.clone();
    }

    /** The percentile p the scales were taken at, NaN for {@link #of}. */
    public double percentile() {
        return percentile;
    }

    /** Layer l's weights without a copy (package use: read only). */
    double[] weightsView(int layer) {
        return weights[layer];
    }

    /** Layer l's weights transposed, [in][out], without a copy (package use: read only). */
    double[] transposedView(int layer) {
        return transposed[layer];
    }

    /** Layer l's biases without a copy (package use: read only). */
    double[] biasesView(int layer) {
        return biases[layer];
    }

    /**
     * The normalised ANN's output for x: {@code a_{l+1} = ReLU(W_l·a_l + b_l)} for the hidden
     * layers, the last layer linear. A positive rescaling of the ANN, so its argmax is the ANN's.
     *
     * @param x not modified: sizes[0] inputs
     * @return the sizes[L] logits, in units of λ_{L−1}
     */
    public double[] annOutput(double[] x) {
        if (x.length != sizes[0]) {
            throw new IllegalArgumentException("x.length must be sizes[0] = " + sizes[0] + ", got " + x.length);
        }
        double[] a = x.clone();
        for (int l = 0; l < weights.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] z = new double[out];
            for (int j = 0; j < out; j++) {
                double s = biases[l][j];
                for (int i = 0; i < in; i++) {
                    s += weights[l][j * in + i] * a[i];
                }
                z[j] = l + 1 < weights.length ? Math.max(s, 0) : s;
            }
            a = z;
        }
        return a;
    }
}
