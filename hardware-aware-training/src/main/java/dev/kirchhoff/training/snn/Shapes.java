package dev.kirchhoff.training.snn;

import java.util.Arrays;

/** Argument checks of network shapes shared by the package; each message names the parameter and its value. */
final class Shapes {
    private Shapes() {
    }

    /**
     * Checks the layer widths and the number of weight and bias arrays.
     *
     * @param weightLayers weights.length, or −1 for a null array
     * @param biasLayers   biases.length, or −1 for a null array
     */
    static void check(int[] sizes, int weightLayers, int biasLayers) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("sizes must have at least 2 entries (input and output), got "
                    + Arrays.toString(sizes));
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw new IllegalArgumentException("sizes[" + l + "] must be positive, got " + sizes[l]);
            }
        }
        if (weightLayers != sizes.length - 1) {
            throw new IllegalArgumentException("weights.length must be sizes.length − 1 = " + (sizes.length - 1) + ", got "
                    + (weightLayers < 0 ? "null" : String.valueOf(weightLayers)));
        }
        if (biasLayers != sizes.length - 1) {
            throw new IllegalArgumentException("biases.length must be sizes.length − 1 = " + (sizes.length - 1) + ", got "
                    + (biasLayers < 0 ? "null" : String.valueOf(biasLayers)));
        }
    }

    /**
     * Checks the length of one layer's array.
     *
     * @param length   its length, or −1 for null
     * @param expected the required length
     * @param formula  how the required length is made, e.g. {@code sizes[2]·sizes[1]}
     */
    static void checkLayer(String name, int layer, int length, long expected, String formula) {
        if (length != expected) {
            throw new IllegalArgumentException(name + "[" + layer + "].length must be " + formula + " = " + expected + ", got "
                    + (length < 0 ? "null" : String.valueOf(length)));
        }
    }

    /** Requires a finite entry {@code name[layer][k]}. */
    static void finite(String name, int layer, int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "[" + layer + "][" + k + "] must be finite, got " + value);
        }
    }

    /**
     * Checks a whole network: {@link #check} and then, per layer, the lengths and finiteness of
     * {@code weights[l]} (sizes[l+1]·sizes[l]) and {@code biases[l]} (sizes[l+1]).
     */
    static void checkNetwork(int[] sizes, double[][] weights, double[][] biases) {
        check(sizes, weights == null ? -1 : weights.length, biases == null ? -1 : biases.length);
        for (int l = 0; l < sizes.length - 1; l++) {
            checkLayer("weights", l, weights[l] == null ? -1 : weights[l].length, (long) sizes[l + 1] * sizes[l],
                    "sizes[" + (l + 1) + "]·sizes[" + l + "]");
            for (int k = 0; k < weights[l].length; k++) {
                finite("weights", l, k, weights[l][k]);
            }
            checkLayer("biases", l, biases[l] == null ? -1 : biases[l].length, sizes[l + 1], "sizes[" + (l + 1) + "]");
            for (int k = 0; k < biases[l].length; k++) {
                finite("biases", l, k, biases[l][k]);
            }
        }
    }

    /** Requires T ≥ 1 time steps. */
    static int steps(String name, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 time step, got " + steps);
        }
        return steps;
    }
}
