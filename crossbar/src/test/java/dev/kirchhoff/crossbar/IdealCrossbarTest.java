package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IdealCrossbar against the textbook triple loop, written out here.
 *
 * <p>Tolerance: both compute the same products x·g; only the order of the additions differs
 * (blocks of 128 rows, groups of four, versus left to right). Each order's error is at most
 * γ_n·Σ|x·g| with γ_n = n·u/(1 − n·u), u = 2⁻⁵³ (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §3.1), so the two differ by at most 2·γ_n·Σ|x·g|. With non-negative
 * conductances and inputs in [−1, 1] we check |Δ| ≤ 1e-12·Σ|x·g|, which holds for n ≤ 4000
 * (2·4000·1.1e-16 = 8.9e-13); observed differences are a few ulps.
 */
class IdealCrossbarTest {
    private static final double REL_TOL = 1e-12;

    private static double[] uniform(SplittableRandom rng, int len, double lo, double hi) {
        double[] a = new double[len];
        for (int q = 0; q < len; q++) {
            a[q] = lo + (hi - lo) * rng.nextDouble();
        }
        return a;
    }

    private static ConductanceMatrix randomG(SplittableRandom rng, int m, int n) {
        return ConductanceMatrix.of(m, n, uniform(rng, m * n, 1e-6, 100e-6));
    }

    /** Textbook forward: y[k][j] = Σ_i x[k][i]·G[i][j], i left to right; also Σ|x·g| per output. */
    private static double[][] referenceForward(ConductanceMatrix g, double[] x, int batch) {
        int m = g.rows();
        int n = g.cols();
        double[] y = new double[batch * n];
        double[] abs = new double[batch * n];
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double a = 0;
                for (int i = 0; i < m; i++) {
                    double p = x[k * m + i] * g.get(i, j);
                    s += p;
                    a += Math.abs(p);
                }
                y[k * n + j] = s;
                abs[k * n + j] = a;
            }
        }
        return new double[][] {y, abs};
    }

    /** Textbook backward: y[k][i] = Σ_j x[k][j]·G[i][j], j left to right; also Σ|x·g|. */
    private static double[][] referenceBackward(ConductanceMatrix g, double[] x, int batch) {
        int m = g.rows();
        int n = g.cols();
        double[] y = new double[batch * m];
        double[] abs = new double[batch * m];
        for (int k = 0; k < batch; k++) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                double a = 0;
                for (int j = 0; j < n; j++) {
                    double p = x[k * n + j] * g.get(i, j);
                    s += p;
                    a += Math.abs(p);
                }
                y[k * m + i] = s;
                abs[k * m + i] = a;
            }
        }
        return new double[][] {y, abs};
    }

    private static void assertClose(double[][] ref, double[] actual, int len) {
        for (int q = 0; q < len; q++) {
            double diff = Math.abs(actual[q] - ref[0][q]);
            assertTrue(diff <= REL_TOL * ref[1][q],
                    "element " + q + ": expected " + ref[0][q] + ", got " + actual[q]);
        }
    }

    @ParameterizedTest(name = "M={0} N={1} K={2}")
    @CsvSource({
        "1, 1, 1", "1, 1, 3", "3, 5, 1", "3, 5, 3", "3, 5, 9",
        "17, 33, 1", "17, 33, 3", "17, 33, 9",
        "130, 70, 1", "130, 70, 3", "130, 70, 9",
        "70, 130, 9", "257, 300, 9", "5, 600, 3", "600, 5, 3",
        "40, 1025, 5", "40, 1100, 5", "130, 520, 9", "520, 130, 9"
    })
    void matchesTheTextbookLoop(int m, int n, int batch) {
        SplittableRandom rng = new SplittableRandom(0x1DEA1L + 31L * m + 7L * n + batch);
        ConductanceMatrix g = randomG(rng, m, n);
        IdealCrossbar xbar = new IdealCrossbar(g);
        assertEquals(m, xbar.rows());
        assertEquals(n, xbar.cols());

        double[] vRows = uniform(rng, batch * m, -1, 1);
        double[] iCols = new double[batch * n + 2];
        iCols[batch * n] = 42;
        iCols[batch * n + 1] = -7;
        xbar.forward(vRows, batch, iCols);
        assertClose(referenceForward(g, vRows, batch), iCols, batch * n);
        assertEquals(42, iCols[batch * n], "forward must not write past batch·N");
        assertEquals(-7, iCols[batch * n + 1]);

        double[] vCols = uniform(rng, batch * n, -1, 1);
        double[] iRows = new double[batch * m + 1];
        iRows[batch * m] = 42;
        xbar.backward(vCols, batch, iRows);
        assertClose(referenceBackward(g, vCols, batch), iRows, batch * m);
        assertEquals(42, iRows[batch * m], "backward must not write past batch·M");
    }

    @Test
    void aBatchGivesTheSameBitsAsItsRowsOneByOne() {
        SplittableRandom rng = new SplittableRandom(20240611L);
        int m = 131;
        int n = 270;
        int batch = 7;
        IdealCrossbar xbar = new IdealCrossbar(randomG(rng, m, n));
        double[] x = uniform(rng, batch * m, 0, 0.2);
        double[] y = new double[batch * n];
        xbar.forward(x, batch, y);
        double[] xt = uniform(rng, batch * n, 0, 0.2);
        double[] yt = new double[batch * m];
        xbar.backward(xt, batch, yt);
        for (int k = 0; k < batch; k++) {
            double[] one = new double[n];
            xbar.forward(java.util.Arrays.copyOfRange(x, k * m, (k + 1) * m), 1, one);
            assertArrayEquals(java.util.Arrays.copyOfRange(y, k * n, (k + 1) * n), one);
            double[] oneT = new double[m];
            xbar.backward(java.util.Arrays.copyOfRange(xt, k * n, (k + 1) * n), 1, oneT);
            assertArrayEquals(java.util.Arrays.copyOfRange(yt, k * m, (k + 1) * m), oneT);
        }
    }

    @Test
    void identicalBitsOnOneAndTwoThreads() throws InterruptedException, ExecutionException {
        SplittableRandom rng = new SplittableRandom(0xC0FFEEL);
        int m = 300;
        int n = 700;
        int batch = 41;
        assertTrue((long) m * n * batch >= 4 * PackedMatrix.PARALLEL_MIN_MACS, "must take the parallel path");
        ConductanceMatrix g = randomG(rng, m, n);
        IdealCrossbar xbar = new IdealCrossbar(g);
        double[] x = uniform(rng, batch * m, -1, 1);
        double[] xt = uniform(rng, batch * n, -1, 1);
        double[][] one = runIn(new ForkJoinPool(1), xbar, x, xt, batch);
        double[][] two = runIn(new ForkJoinPool(2), xbar, x, xt, batch);
        double[][] common = runIn(ForkJoinPool.commonPool(), xbar, x, xt, batch);
        double[] caller = new double[batch * n];
        xbar.forward(x, batch, caller);
        for (int q = 0; q < 2; q++) {
            for (int e = 0; e < one[q].length; e++) {
                assertEquals(Double.doubleToRawLongBits(one[q][e]), Double.doubleToRawLongBits(two[q][e]),
                        "result " + q + " element " + e);
            }
            assertArrayEquals(one[q], common[q]);
        }
        assertArrayEquals(one[0], caller);
        assertClose(referenceForward(g, x, batch), one[0], batch * n);
        assertClose(referenceBackward(g, xt, batch), one[1], batch * m);
    }

    private static double[][] runIn(ForkJoinPool pool, IdealCrossbar xbar, double[] x, double[] xt, int batch)
            throws InterruptedException, ExecutionException {
        try {
            return pool.submit(() -> {
                double[] y = new double[batch * xbar.cols()];
                xbar.forward(x, batch, y);
                double[] yt = new double[batch * xbar.rows()];
                xbar.backward(xt, batch, yt);
                return new double[][] {y, yt};
            }).get();
        } finally {
            if (pool != ForkJoinPool.commonPool()) {
                pool.shutdown();
            }
        }
    }

    @Test
    void rejectsBadInput() {
        IdealCrossbar xbar = new IdealCrossbar(ConductanceMatrix.of(3, 5, new double[15]));
        double[] y = new double[2 * 5];
        double[] yt = new double[2 * 3];
        assertThrows(IllegalArgumentException.class, () -> xbar.forward(new double[6], 0, y));
        assertThrows(IllegalArgumentException.class, () -> xbar.forward(new double[6], -1, y));
        assertThrows(IllegalArgumentException.class, () -> xbar.forward(new double[5], 2, y));
        assertThrows(IllegalArgumentException.class, () -> xbar.forward(new double[6], 2, new double[9]));
        assertThrows(IllegalArgumentException.class, () -> xbar.backward(new double[10], 0, yt));
        assertThrows(IllegalArgumentException.class, () -> xbar.backward(new double[9], 2, yt));
        assertThrows(IllegalArgumentException.class, () -> xbar.backward(new double[10], 2, new double[5]));
    }
}
