package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.datasets.ImageSet;
import org.junit.jupiter.api.Test;

/** Data-based normalisation: the scale of a layer is the percentile of its non-zero activations. */
class AnnToSnnTest {
    /**
     * A 1-2-1 network by hand: h₀ = ReLU(x), h₁ = ReLU(0.5 − x), o = 2h₀ + h₁, on the five
     * one-pixel images x = 0.2, 0.4, 0.6, 0.8, 1.0 (pixels 51 … 255). The hidden activations are
     * h₀ = 0.2 … 1.0 and h₁ = 0.3, 0.1, 0, 0, 0; the zeros do not count, so the sorted non-zero
     * values are 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0 (n = 7). The output's positive logits are
     * 0.7, 0.9, 1.2, 1.6, 2.0 (n = 5). With h = (n − 1)·p/100 and linear interpolation:
     * <ul>
     *   <li>p = 50: hidden h = 3 → 0.4; output h = 2 → 1.2;</li>
     *   <li>p = 75: hidden h = 4.5 → 0.6 + 0.5·(0.8 − 0.6) = 0.7; output h = 3 → 1.6;</li>
     *   <li>p = 100: the maxima 1.0 and 2.0 (Diehl's max-norm).</li>
     * </ul>
     * The weights become W₁/λ₁, b₁/λ₁, W₂·λ₁/λ₂, b₂/λ₂. (Pixels are k/255 in double, so 1e−12.)
     */
    @Test
    void scaleIsThePercentileOfTheNonZeroActivations() {
        ImageSet images = new ImageSet(1, 1, 1, new byte[] {51, 102, (byte) 153, (byte) 204, (byte) 255}, new byte[5]);
        int[] sizes = {1, 2, 1};
        float[][] w = {{1f, -1f}, {2f, 1f}};
        float[][] b = {{0f, 0.5f}, {0f}};
        double[][] expected = {{50, 0.4, 1.2}, {75, 0.7, 1.6}, {100, 1.0, 2.0}};
        for (double[] e : expected) {
            ConvertedNetwork net = AnnToSnn.convert(sizes, w, b, images, 5, e[0]);
            double l1 = e[1];
            double l2 = e[2];
            assertArrayEquals(new double[] {l1, l2}, net.scales(), 1e-12, "p = " + e[0]);
            assertEquals(e[0], net.percentile());
            assertArrayEquals(new double[] {1 / l1, -1 / l1}, net.weights(0), 1e-12);
            assertArrayEquals(new double[] {0, 0.5 / l1}, net.biases(0), 1e-12);
            assertArrayEquals(new double[] {2 * l1 / l2, l1 / l2}, net.weights(1), 1e-12);
            assertArrayEquals(new double[] {0}, net.biases(1), 0);
            // The normalised ANN is the ANN divided by the output scale: o(x)/λ₂.
            assertArrayEquals(new double[] {(2 * 0.6 + 0) / l2}, net.annOutput(new double[] {153 / 255.0}), 1e-12);
            assertArrayEquals(new double[] {(2 * 0.2 + 0.3) / l2}, net.annOutput(new double[] {51 / 255.0}), 1e-12);
        }
    }

    /**
     * The percentile by hand: of {3, 1, 2} (sorted 1, 2, 3; h = 2·p/100) p = 50 is 2, p = 25 is
     * 1.5, p = 100 is 3, and p = 0.1 is 1 + 0.002·1 = 1.002; of one value, that value for every p.
     */
    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        assertEquals(2, AnnToSnn.percentile(new double[] {3, 1, 2}, 3, 50), 0);
        assertEquals(1.5, AnnToSnn.percentile(new double[] {3, 1, 2}, 3, 25), 0);
        assertEquals(3, AnnToSnn.percentile(new double[] {3, 1, 2}, 3, 100), 0);
        assertEquals(1.002, AnnToSnn.percentile(new double[] {3, 1, 2}, 3, 0.1), 1e-15);
        assertEquals(7, AnnToSnn.percentile(new double[] {7, 99}, 1, 99.9), 0);
    }

    /**
     * A layer that never fires on the calibration set (h = ReLU(−x − 1) = 0 for every x ≥ 0) keeps
     * λ = 1, as in Rueckauer's toolbox: it has no scale to measure.
     */
    @Test
    void silentLayerKeepsUnitScale() {
        ImageSet images = new ImageSet(1, 1, 1, new byte[] {10, 20, 30}, new byte[3]);
        ConvertedNetwork net = AnnToSnn.convert(new int[] {1, 1, 1}, new float[][] {{-1f}, {1f}},
                new float[][] {{-1f}, {0.25f}}, images, 3, 99.9);
        assertArrayEquals(new double[] {1, 0.25}, net.scales(), 0);
    }
}
