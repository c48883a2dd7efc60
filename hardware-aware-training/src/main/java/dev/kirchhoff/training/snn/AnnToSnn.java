package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import java.util.Arrays;

/**
 * ANN→SNN conversion by data-based weight normalisation ("threshold balancing"): a ReLU
 * multilayer perceptron becomes a network of integrate-and-fire neurons of threshold 1, reset by
 * subtraction, whose firing rates approximate the ANN's activations.
 *
 * <p>Method (Diehl et al., "Fast-classifying, high-accuracy spiking deep networks through weight
 * and threshold balancing", IJCNN 2015, doi:10.1109/IJCNN.2015.7280696, with the robust
 * percentile of Rueckauer et al., "Conversion of continuous-valued deep networks to efficient
 * event-driven networks for image classification", Front. Neurosci. 11:682, 2017,
 * doi:10.3389/fnins.2017.00682): run the ANN on calibration inputs and, for every layer l, take
 * λ_l, the p-th percentile of the layer's non-zero activations (for the linear output layer, of
 * its positive logits: the part a spiking neuron can represent); then
 * <pre>
 *   W_l ← W_l · λ_{l−1}/λ_l,   b_l ← b_l/λ_l,   λ_{−1} = 1 (inputs x ∈ [0, 1])
 * </pre>
 * With λ_l = max (p = 100) this is Diehl's data-based normalisation: no neuron needs more than one
 * spike per step. The percentile (p = 99.9 by default) ignores the rare outliers that would
 * otherwise make every other neuron fire slowly and the network need many more steps. Only the
 * non-zero activations enter, as in Rueckauer's SNN toolbox ({@code normalize_parameters}), since
 * a ReLU layer's zeros carry no information about its scale. The percentile is the linear
 * interpolation between order statistics (numpy's default): for n sorted values x_(0) ≤ … ≤ x_(n−1),
 * <pre>
 *   h = (n − 1)·p/100,   λ = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋))
 * </pre>
 * A layer with no non-zero activation on the calibration set keeps λ_l = 1 (the toolbox's
 * choice): it is silent, whatever its scale.
 *
 * <p>Why it works: an IF neuron with reset by subtraction and a constant input current z per step
 * fires ⌈T·z⌉ − 1 spikes in T steps for 0 &lt; z ≤ 1 (so its rate is z to within 1/T), none for
 * z ≤ 0: the ReLU, clipped at 1. Normalising makes the clipping rare. The inputs of this
 * class are plain arrays (the trained MLP's floats), so it depends on no trainer.
 */
public final class AnnToSnn {
    /** Rueckauer et al.'s robust percentile, 99.9. */
    public static final double DEFAULT_PERCENTILE = 99.9;

    private AnnToSnn() {
    }

    /**
     * Converts a ReLU MLP (hidden layers ReLU, last layer linear) by data-based normalisation.
     *
     * @param sizes            layer widths, input first, at least two, each ≥ 1; sizes[0] must be
     *                         the calibration images' pixel count
     * @param weights          not modified: {@code weights[l]}, sizes[l+1]×sizes[l] row-major
     *                         [out][in], finite
     * @param biases           not modified: {@code biases[l]}, sizes[l+1] finite entries
     * @param calibration      images (x = pixel/255) to take the activation percentiles on, e.g.
     *                         training images
     * @param calibrationCount how many of them, the first ones, in [1, calibration.size()]
     * @param percentile       p ∈ (0, 100]; 100 is Diehl's max-norm, 99.9 Rueckauer's default
     * @return the normalised network
     * @throws IllegalArgumentException naming the first bad parameter and its value
     */
    public static ConvertedNetwork convert(int[] sizes, float[][] weights, float[][] biases, ImageSet calibration,
            int calibrationCount, double percentile) {
        double[][] w = toDouble(weights);
        double[][] b = toDouble(biases);
        Shapes.checkNetwork(sizes, w, b);
        int layers = sizes.length - 1;
        if (calibration == null) {
            throw new IllegalArgumentException("calibration must not be null");
        }
        if (calibration.pixelsPerImage() != sizes[0]) {
            throw new IllegalArgumentException("sizes[0] must equal the calibration images' pixel count "
                    + calibration.pixelsPerImage() + ", got " + sizes[0]);
        }
        if (calibrationCount < 1 || calibrationCount > calibration.size()) {
            throw new IllegalArgumentException("calibrationCount must be in [1, " + calibration.size() + "], got "
                    + calibrationCount);
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }

        double[] scales = activationPercentiles(sizes, w, b, calibration, calibrationCount, percentile);
        double previous = 1;
        for (int l = 0; l < layers; l++) {
            double lambda = scales[l];
            double factor = previous / lambda;
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] *= factor;
            }
            for (int k = 0; k < b[l].length; k++) {
                b[l][k] /= lambda;
            }
            previous = lambda;
        }
        return new ConvertedNetwork(sizes, w, b, scales, percentile);
    }

    /**
     * λ_l for every layer: the p-th percentile of layer l's non-zero ReLU activations (positive
     * logits for the last layer) of the un-normalised ANN over the first {@code count} images, or 1
     * when there are none.
     */
    static double[] activationPercentiles(int[] sizes, double[][] w, double[][] b, ImageSet images, int count,
            double percentile) {
        int layers = sizes.length - 1;
        double[][] values = new double[layers][];
        int[] filled = new int[layers];
        for (int l = 0; l < layers; l++) {
            values[l] = new double[Math.max(16, count * sizes[l + 1] / 4)];
        }
        double[] x = new double[sizes[0]];
        int[] active = new int[sizes[0]];
        double[][] a = new double[layers][];
        for (int l = 0; l < layers; l++) {
            a[l] = new double[sizes[l + 1]];
        }
        for (int c = 0; c < count; c++) {
            images.image(c, x);
            int nActive = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] != 0) {
                    active[nActive++] = i;
                }
            }
            int in0 = sizes[0];
            for (int j = 0; j < sizes[1]; j++) {
                double s = b[0][j];
                int row = j * in0;
                for (int k = 0; k < nActive; k++) {
                    int i = active[k];
                    s += w[0][row + i] * x[i];
                }
                a[0][j] = Math.max(s, 0);
            }
            for (int l = 1; l < layers; l++) {
                int in = sizes[l];
                double[] prev = a[l - 1];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double s = b[l][j];
                    int row = j * in;
                    for (int i = 0; i < in; i++) {
                        s += w[l][row + i] * prev[i];
                    }
                    a[l][j] = Math.max(s, 0);
                }
            }
            for (int l = 0; l < layers; l++) {
                for (double v : a[l]) {
                    if (v > 0) {
                        if (filled[l] == values[l].length) {
                            values[l] = Arrays.copyOf(values[l], 2 * values[l].length);
                        }
                        values[l][filled[l]++] = v;
                    }
                }
            }
        }
        double[] scales = new double[layers];
        for (int l = 0; l < layers; l++) {
            scales[l] = filled[l] == 0 ? 1 : percentile(values[l], filled[l], percentile);
        }
        return scales;
    }

    /**
     * The p-th percentile of {@code values[0, n)} by linear interpolation between order statistics
     * (numpy's default); sorts that range in place.
     *
     * @param values modified: the first n entries are sorted
     * @param n      ≥ 1
     * @param p      in (0, 100]
     */
    static double percentile(double[] values, int n, double p) {
        Arrays.sort(values, 0, n);
        double h = (n - 1) * p / 100;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return values[n - 1];
        }
        return values[lo] + (h - lo) * (values[lo + 1] - values[lo]);
    }

    /** A double copy of a float array of arrays; null stays null, at either level (the checks report it). */
    private static double[][] toDouble(float[][] a) {
        if (a == null) {
            return null;
        }
        double[][] d = new double[a.length][];
        for (int l = 0; l < a.length; l++) {
            if (a[l] != null) {
                d[l] = new double[a[l].length];
                for (int k = 0; k < a[l].length; k++) {
                    d[l][k] = a[l][k];
                }
            }
        }
        return d;
    }
}
