package dev.kirchhoff.device.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ProgrammingNoiseTest {
    private static final double G_MAX = 25e-6;

    /**
     * Nandakumar et al. ICECS 2019 / aihwkit at g = 0.5, g_max = 25 µS (scale 1), by hand:
     * 0.26348 + 1.9650·0.5 − 1.1731·0.25 = 0.26348 + 0.9825 − 0.293275 = 0.952705 µS.
     */
    @Test
    void pcmSigmaAtHalfWindow() {
        ProgrammingNoise p = ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX);
        assertEquals(0.952705e-6, p.sigmaSiemens(12.5e-6), 1e-15 * 1e-6 * 10);
        // g = 0: only c0.
        assertEquals(0.26348e-6, p.sigmaSiemens(0), 1e-20);
    }

    /** aihwkit rescales the µS fit by g_max/25 µS: at g_max = 50 µS and g = 0.5, σ doubles. */
    @Test
    void pcmSigmaScalesWithGMax() {
        ProgrammingNoise p = ProgrammingNoise.Polynomial.pcmNandakumar2019(50e-6);
        assertEquals(2 * 0.952705e-6, p.sigmaSiemens(25e-6), 1e-20);
    }

    /** At g = 1 the polynomial is the sum of the coefficients (fitted at 40 µS, so g_max = 40 µS gives scale 1). */
    @Test
    void wanPolynomialAtFullScaleIsCoefficientSum() {
        double gMax = 40e-6;
        assertEquals((0.348 + 16.030 - 43.853 + 45.393 - 16.815) * 1e-6,
                ProgrammingNoise.Polynomial.rramWan2022OneSecond(gMax).sigmaSiemens(gMax), 1e-19);
        assertEquals((0.701 + 22.086 - 50.773 + 47.095 - 16.458) * 1e-6,
                ProgrammingNoise.Polynomial.rramWan2022OneDay(gMax).sigmaSiemens(gMax), 1e-19);
        assertEquals((0.782 + 20.274 - 43.507 + 37.062 - 11.934) * 1e-6,
                ProgrammingNoise.Polynomial.rramWan2022TwoDays(gMax).sigmaSiemens(gMax), 1e-19);
    }

    @Test
    void genericCrossSimModels() {
        assertEquals(0.3e-6, new ProgrammingNoise.Independent(0.3e-6).sigmaSiemens(10e-6), 0);
        assertEquals(0.5e-6, new ProgrammingNoise.Proportional(0.05).sigmaSiemens(10e-6), 1e-21);
        // σ_g = 0.01/g at g = 0.5 → 0.02 in units of g_max = 20 µS → 0.4 µS.
        ProgrammingNoise inv = new ProgrammingNoise.InverseProportional(0.01, 1e-6, 20e-6);
        assertEquals(0.4e-6, inv.sigmaSiemens(10e-6), 1e-20);
        // Below g_min the floor g_min/g_max = 0.05 applies: 0.01/0.05·20 µS = 4 µS.
        assertEquals(4e-6, inv.sigmaSiemens(0), 1e-19);
    }

    /** Milo: σ = −0.009107·100 + 4.782 = 3.8713 µS at 100 µS; zero beyond 4.782/0.009107 ≈ 525.1 µS. */
    @Test
    void miloRram() {
        ProgrammingNoise m = new ProgrammingNoise.MiloRram();
        assertEquals(3.8713e-6, m.sigmaSiemens(100e-6), 1e-18);
        assertEquals(0, m.sigmaSiemens(600e-6), 0);
    }

    /**
     * 20,000 devices at g = 0.5: the programmed G is N(12.5 µS, σ²), σ = 0.952705 µS (clipping at 0
     * is 13σ away). (n−1)s²/σ² ~ χ²(n−1), so s/σ has standard deviation ≈ 1/√(2(n−1)) = 0.0050;
     * the bound |s/σ − 1| < 0.03 is 6 of those, failing with probability ≈ 2e−9 per seed. The mean
     * is within 6σ/√n.
     */
    @Test
    void sampleSpreadMatchesSigma() {
        int n = 20_000;
        ProgrammingNoise p = ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX);
        double[] targets = new double[n];
        Arrays.fill(targets, 12.5e-6);
        double[] out = new double[n];
        p.program(targets, out, RandomSource.XO_SHI_RO_256_PP.create(20191124L));
        double sigma = p.sigmaSiemens(12.5e-6);
        double mean = Arrays.stream(out).average().orElseThrow();
        double ss = 0;
        for (double g : out) {
            ss += (g - mean) * (g - mean);
        }
        double s = Math.sqrt(ss / (n - 1));
        assertEquals(1, s / sigma, 0.03);
        assertEquals(12.5e-6, mean, 6 * sigma / Math.sqrt(n));
    }

    @Test
    void programmedConductanceIsNeverNegative() {
        ProgrammingNoise p = new ProgrammingNoise.Independent(1e-6);
        double[] targets = new double[10_000];
        double[] out = new double[targets.length];
        p.program(targets, out, RandomSource.XO_SHI_RO_256_PP.create(3L));
        for (double g : out) {
            assertTrue(g >= 0);
        }
        assertEquals(0, p.program(0, -5), 0);
    }

    @Test
    void sameBitsOnOneAndTwoThreads() throws Exception {
        int n = 2 * 65536 + 777;
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = G_MAX * i / n;
        }
        ProgrammingNoise p = ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX);
        double[] one = new double[n];
        double[] two = new double[n];
        ForkJoinPool pool1 = new ForkJoinPool(1);
        ForkJoinPool pool2 = new ForkJoinPool(2);
        try {
            pool1.submit(() -> p.program(targets, one, RandomSource.XO_SHI_RO_256_PP.create(99L))).get();
            pool2.submit(() -> p.program(targets, two, RandomSource.XO_SHI_RO_256_PP.create(99L))).get();
        } finally {
            pool1.shutdown();
            pool2.shutdown();
        }
        assertArrayEquals(one, two);
    }

    @Test
    void rejectsInvalidParameters() {
        assertMessage(() -> new ProgrammingNoise.Polynomial(new double[] {1, Double.NaN}, G_MAX, G_MAX),
                "coefficientsMicroSiemens[1]", "NaN");
        assertMessage(() -> new ProgrammingNoise.Polynomial(new double[0], G_MAX, G_MAX), "coefficientsMicroSiemens", "0");
        assertMessage(() -> ProgrammingNoise.Polynomial.pcmNandakumar2019(-1e-6), "gMaxSiemens", "-1.0E-6");
        assertMessage(() -> new ProgrammingNoise.Independent(Double.NaN), "sigmaSiemens", "NaN");
        assertMessage(() -> new ProgrammingNoise.Proportional(-0.1), "relativeSigma", "-0.1");
        assertMessage(() -> new ProgrammingNoise.InverseProportional(0.1, 0, 1e-6), "gMinSiemens", "0.0");
        ProgrammingNoise p = ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX);
        assertMessage(() -> p.program(new double[] {1e-6, -2e-6}, new double[2], RandomSource.XO_SHI_RO_256_PP.create(1L)),
                "targetsSiemens[1]", "-2.0E-6");
        assertMessage(() -> p.program(new double[] {Double.NaN}, new double[1], RandomSource.XO_SHI_RO_256_PP.create(1L)),
                "targetsSiemens[0]", "NaN");
        assertMessage(() -> p.program(new double[3], new double[2], RandomSource.XO_SHI_RO_256_PP.create(1L)),
                "out.length", "2");
    }

    @Test
    void polynomialIsAValue() {
        double[] c = {1, 2};
        ProgrammingNoise.Polynomial p = new ProgrammingNoise.Polynomial(c, G_MAX, G_MAX);
        c[0] = 5;
        assertEquals(1, p.coefficientsMicroSiemens()[0]);
        p.coefficientsMicroSiemens()[0] = 7;
        assertEquals(1, p.coefficientsMicroSiemens()[0]);
        assertEquals(new ProgrammingNoise.Polynomial(new double[] {1, 2}, G_MAX, G_MAX), p);
        assertEquals(new ProgrammingNoise.Polynomial(new double[] {1, 2}, G_MAX, G_MAX).hashCode(), p.hashCode());
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String name, String value) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name), () -> "message lacks " + name + ": " + ex.getMessage());
        assertTrue(ex.getMessage().contains(value), () -> "message lacks " + value + ": " + ex.getMessage());
    }
}
