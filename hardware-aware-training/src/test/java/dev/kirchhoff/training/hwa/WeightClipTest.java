package dev.kirchhoff.training.hwa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Clipping by hand examples. */
class WeightClipTest {
    /**
     * w = (−3, −1, 1, 3, 0): mean 0, population σ = √(20/5) = 2, so 1.2σ clips at ±2.4; the
     * biases are left alone.
     */
    @Test
    void sigmaClipUsesThePopulationStandardDeviation() {
        float[] w = {-3f, -1f, 1f, 3f, 0f};
        float[] b = {10f};
        assertEquals(2, WeightClip.standardDeviation(w), 1e-12);
        WeightClip.sigma(1.2).apply(0, w, b);
        assertArrayEquals(new float[] {-2.4f, -1f, 1f, 2.4f, 0f}, w, 1e-6f);
        assertEquals(10f, b[0]);
    }

    /** The four-way sums give the same σ as the textbook two-pass formula (odd length, 1001 values). */
    @Test
    void standardDeviationMatchesTwoPasses() {
        float[] w = new float[1001];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(0.37 * i) + 0.25f;
        }
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (float v : w) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(Math.sqrt(var / w.length), WeightClip.standardDeviation(w), 1e-12);
    }

    @Test
    void fixedClipAndNone() {
        float[] w = {-3f, 0.5f, 3f};
        WeightClip.fixed(1).apply(0, w, new float[0]);
        assertArrayEquals(new float[] {-1f, 0.5f, 1f}, w);
        float[] v = {-3f, 3f};
        WeightClip.NONE.apply(0, v, new float[0]);
        assertArrayEquals(new float[] {-3f, 3f}, v);
        assertThrows(IllegalArgumentException.class, () -> WeightClip.sigma(0));
        assertThrows(IllegalArgumentException.class, () -> WeightClip.fixed(Double.NaN));
    }
}
