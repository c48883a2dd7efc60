package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class AnalogTileTest {
    static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    static final Function<ConductanceMatrix, CrossbarEngine> IDEAL = IdealCrossbar::new;
    /** Constant step of 1/100 of the window, no spread, no noise. */
    static final PulsedDeviceModel CLEAN = ConstantStep.of(RANGE, RANGE.widthSiemens() / 100, PulseVariability.NONE);

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    static double[] random(UniformRandomProvider rng, int len, double scale) {
        return ConductanceMappingContract.random(rng, len, scale);
    }

    static AnalogTile tile(ConductanceMapping map, TileConfig config, double[] w) {
        AnalogTile t = AnalogTile.create(map, CLEAN, IDEAL, config, rng(99L));
        t.programWeights(w);
        return t;
    }

    static double[] mvm(double[] w, int rows, int cols, double[] x, int batch) {
        double[] y = new double[batch * rows];
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    s += w[j * cols + i] * x[k * cols + i];
                }
                y[k * rows + j] = s;
            }
        }
        return y;
    }

    static double[] transpose(double[] w, int rows, int cols) {
        double[] t = new double[w.length];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                t[i * rows + j] = w[j * cols + i];
            }
        }
        return t;
    }

    @Test
    void idealForwardAndBackwardAreWxAndWtd() {
        int m = 17;
        int n = 9;
        int batch = 6;
        UniformRandomProvider r = rng(1L);
        double[] w = random(r, n * m, 0.8);
        double[] x = random(r, batch * m, 2.0);
        double[] d = random(r, batch * n, 0.5);
        for (ConductanceMapping map : new ConductanceMapping[] {DifferentialPairMapping.fitted(m, n, RANGE, w),
                ReferenceColumnMapping.fitted(m, n, RANGE, w)}) {
            AnalogTile t = tile(map, TileConfig.IDEAL, w);
            double[] y = new double[batch * n];
            t.forward(x, batch, y, null);
            assertArrayEquals(mvm(w, n, m, x, batch), y, 1e-12 * m, map.toString());
            double[] z = new double[batch * m];
            t.backward(d, batch, z, null);
            assertArrayEquals(mvm(transpose(w, n, m), m, n, d, batch), z, 1e-12 * n, map.toString());
            double[] back = new double[n * m];
            t.readWeights(back);
            assertArrayEquals(w, back, 1e-12);
        }
    }

    @Test
    void idealBitSlicedTileComputesWithTheQuantisedWeights() {
        int m = 11;
        int n = 5;
        int batch = 3;
        UniformRandomProvider r = rng(13L);
        double[] w = random(r, n * m, 0.8);
        double[] x = random(r, batch * m, 1.0);
        double[] d = random(r, batch * n, 1.0);
        BitSlicedMapping map = BitSlicedMapping.fitted(m, n, 2, 16, RANGE, w);
        AnalogTile t = tile(map, TileConfig.IDEAL, w);
        double[] wq = new double[n * m];
        t.readWeights(wq);
        for (int k = 0; k < w.length; k++) {
            assertEquals(w[k], wq[k], map.quantisationBound() * (1 + 1e-9));
        }
        double[] y = new double[batch * n];
        t.forward(x, batch, y, null);
        assertArrayEquals(mvm(wq, n, m, x, batch), y, 1e-12 * m);
        double[] z = new double[batch * m];
        t.backward(d, batch, z, null);
        assertArrayEquals(mvm(transpose(wq, n, m), m, n, d, batch), z, 1e-12 * n);
    }

    @Test
    void noiseManagementMakesTheQuantisedForwardScaleInvariant() {
        int m = 32;
        int n = 8;
        int batch = 4;
        UniformRandomProvider r = rng(2L);
        double[] w = random(r, n * m, 0.5);
        double[] x = random(r, batch * m, 1.0);
        Periphery quantised = Periphery.AIHWKIT_DEFAULT.withOutputNoiseStd(0).withBoundManagement(false);
        AnalogTile t = tile(DifferentialPairMapping.fitted(m, n, RANGE, w), TileConfig.IDEAL.withForward(quantised), w);
        double[] y = new double[batch * n];
        t.forward(x, batch, y, null);
        for (double scale : new double[] {1e-4, 0.37, 1e3}) {
            double[] xs = x.clone();
            for (int k = 0; k < xs.length; k++) {
                xs[k] *= scale;
            }
            double[] ys = new double[batch * n];
            t.forward(xs, batch, ys, null);
            for (int k = 0; k < ys.length; k++) {
                assertEquals(scale * y[k], ys[k], 1e-12 * scale * (1 + Math.abs(y[k])), "scale " + scale + ", y[" + k + "]");
            }
        }
        // Without noise management, inputs of 1e-4 fall below half a DAC step and read as zero.
        AnalogTile plain = tile(DifferentialPairMapping.fitted(m, n, RANGE, w),
                TileConfig.IDEAL.withForward(quantised.withNoiseManagement(false)), w);
        double[] xs = x.clone();
        for (int k = 0; k < xs.length; k++) {
            xs[k] *= 1e-4;
        }
        double[] ys = new double[batch * n];
        plain.forward(xs, batch, ys, null);
        assertArrayEquals(new double[batch * n], ys, 0);
    }

    @Test
    void boundManagementRemovesClipping() {
        // W = 1 everywhere, x = 1: u_j = M = 64 output units, beyond the ADC bound of 12.
        int m = 64;
        int n = 3;
        double[] w = new double[n * m];
        java.util.Arrays.fill(w, 1.0);
        double[] x = new double[m];
        java.util.Arrays.fill(x, 1.0);
        Periphery io = Periphery.AIHWKIT_DEFAULT.withOutputNoiseStd(0);
        ConductanceMapping map = DifferentialPairMapping.fitted(m, n, RANGE, w);
        double[] y = new double[n];
        tile(map, TileConfig.IDEAL.withForward(io.withBoundManagement(false)), w).forward(x, 1, y, null);
        assertArrayEquals(new double[] {12, 12, 12}, y, 1e-12, "clipped at the bound without management");
        AnalogTile managed = tile(map, TileConfig.IDEAL.withForward(io), w);
        managed.forward(x, 1, y, null);
        // Three halvings: the DAC turns 1/8 into 8/63, u = 64·8/63 ≈ 8.13 ≤ 12, read back ×8 — the
        // DAC's coarser effective resolution at small scales is part of the scheme (aihwkit's max_bm_res).
        double expected = Adc.AIHWKIT_DEFAULT.convert(64 * Dac.AIHWKIT_DEFAULT.convert(0.125), 12) * 8;
        assertEquals(64 * 8.0 / 63 * 8, expected, 8 * 12.0 / 510);
        assertArrayEquals(new double[] {expected, expected, expected}, y, 1e-9);
        assertEquals(3, managed.boundManagementRepeats());
        // The halving limit stops the repeats: one halving leaves u = 32, clipped at 12, read as 24.
        AnalogTile limited = tile(map, TileConfig.IDEAL.withForward(io.withMaxBoundHalvings(1)), w);
        limited.forward(x, 1, y, null);
        assertArrayEquals(new double[] {24, 24, 24}, y, 1e-9);
    }

    @Test
    void maxAndPercentileAdcRangesDoNotClipTheirCalibration() {
        int m = 64;
        int n = 5;
        UniformRandomProvider r = rng(3L);
        double[] w = random(r, n * m, 1.0);
        double[] x = random(r, 3 * m, 1.0);
        double[] exact = mvm(w, n, m, x, 3);
        ConductanceMapping map = ReferenceColumnMapping.fitted(m, n, RANGE, w);
        for (Adc adc : new Adc[] {Adc.maxBased(9), Adc.percentileCalibrated(9, 100, true),
                Adc.percentileCalibrated(9, 100, false)}) {
            AnalogTile t = tile(map, TileConfig.IDEAL.withForward(Periphery.IDEAL.withAdc(adc)), w);
            if (adc.mode() == Adc.RangeMode.PERCENTILE) {
                assertThrows(IllegalStateException.class, () -> t.forward(x, 3, new double[3 * n], null));
                t.calibrateOutputBounds(x, 3, null);
                assertEquals(adc.perColumn() ? n : 1, t.outputBounds().length);
            }
            double[] y = new double[3 * n];
            t.forward(x, 3, y, null);
            double worstStep = 0;
            for (int k = 0; k < 3; k++) {
                double rowMax = 0;
                for (int j = 0; j < n; j++) {
                    rowMax = Math.max(rowMax, Math.abs(exact[k * n + j]));
                }
                worstStep = Math.max(worstStep, rowMax);
            }
            // Within half an ADC step of the largest bound (at most the largest |y|).
            double tol = 0.5 * adc.relativeStep() * worstStep * (1 + 1e-9);
            assertArrayEquals(exact, y, tol, adc.toString());
        }
    }

    @Test
    void outputNoiseHasTheConfiguredSigma() {
        // W = 0, |x| max 1, w_max = 1: y = σ_out·ξ in weight units. 10,000 draws: the sample sd
        // is within 5 of its standard errors (σ/√(2n)); the mean within 5 of σ/√n.
        int m = 8;
        int n = 50;
        int batch = 200;
        double sigma = 0.06;
        double[] w = new double[n * m];
        ConductanceMapping map = DifferentialPairMapping.of(m, n, RANGE, 1.0);
        AnalogTile t = tile(map, TileConfig.IDEAL.withForward(Periphery.IDEAL.withOutputNoiseStd(sigma)
                .withNoiseManagement(true)), w);
        double[] x = new double[batch * m];
        for (int k = 0; k < batch; k++) {
            x[k * m] = 1;
        }
        double[] y = new double[batch * n];
        t.forward(x, batch, y, rng(4L));
        double sum = 0;
        double sq = 0;
        for (double v : y) {
            sum += v;
            sq += v * v;
        }
        int count = y.length;
        double mean = sum / count;
        double sd = Math.sqrt((sq - count * mean * mean) / (count - 1));
        assertEquals(0, mean, 5 * sigma / Math.sqrt(count));
        assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2.0 * count));
    }

    @Test
    void expectedUpdateIsMinusLrTimesOuterProduct() {
        // Constant step, no noise: Δw per pulse is exactly Δw_min = 0.01. Each weight changes by
        // Δw_min·(±Binomial(BL, p_i·q_j)); its sd per update is Δw_min·√(BL·pq(1−pq)). The mean
        // of R = 400 updates from the same start must lie within 5 standard errors of −lr·d·xᵀ.
        int m = 6;
        int n = 4;
        double lr = 0.1;
        UniformRandomProvider r = rng(5L);
        double[] w0 = random(r, n * m, 0.3);
        double[] x = random(r, m, 1.0);
        double[] d = random(r, n, 1.0);
        for (ConductanceMapping map : new ConductanceMapping[] {DifferentialPairMapping.of(m, n, RANGE, 1.0),
                ReferenceColumnMapping.of(m, n, RANGE, 1.0)}) {
            AnalogTile t = tile(map, TileConfig.IDEAL, w0);
            double dwMin = t.weightStep();
            int slots = t.config().pulseSlots();
            double a = Math.sqrt(lr / (dwMin * slots));
            int reps = 400;
            double[] mean = new double[n * m];
            double[] w = new double[n * m];
            UniformRandomProvider pulses = rng(6L);
            for (int rep = 0; rep < reps; rep++) {
                t.programWeights(w0);
                t.update(x, d, 1, lr, pulses);
                t.readWeights(w);
                for (int k = 0; k < w.length; k++) {
                    mean[k] += (w[k] - w0[k]) / reps;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double pq = Math.min(a * Math.abs(x[i]), 1) * Math.min(a * Math.abs(d[j]), 1);
                    double se = dwMin * Math.sqrt(slots * pq * (1 - pq) / reps);
                    assertEquals(-lr * d[j] * x[i], mean[j * m + i], 5 * se + 1e-12, map + " W[" + j + "][" + i + "]");
                }
            }
        }
    }

    /**
     * The sparse pulse path keeps E[Δw] = −lr·d·xᵀ with noisy devices in the linear regime:
     * constant steps (no device-to-device spread, so every device's mean step is Δw_min),
     * cycle-to-cycle σ 0.3 on each step and write noise of σ_wn = 0.5 steps on the read, weights
     * near 0 (far from the bounds). A weight's change is S = Σ_{n≤N} Δw_min(1 + 0.3ξ_n) plus the
     * write noise of its last pulse, with N ~ Binomial(BL, p_i·q_j), so
     * Var[Δw] ≤ Δw_min²·(BL·pq(1 − pq) + 0.09·BL·pq + 0.25) (the write noise counts once if
     * pulsed, its σ² bounded by 0.25·Δw_min²). Over R = 400 updates from the same start the mean
     * lies within 5 standard errors of −lr·d_j·x_i; a false alarm has a chance of about
     * 6e−7 per weight, 3e−5 over the 48 weights checked.
     */
    @Test
    void expectedUpdateWithNoisyDevicesIsMinusLrTimesOuterProduct() {
        int m = 8;
        int n = 3;
        double lr = 0.05;
        UniformRandomProvider r = rng(15L);
        double[] w0 = random(r, n * m, 0.05);
        double[] x = random(r, m, 1.0);
        double[] d = random(r, n, 1.0);
        double c2c = 0.3;
        double writeNoise = 0.5;
        PulsedDeviceModel noisy = ConstantStep.of(RANGE, RANGE.widthSiemens() / 200,
                PulseVariability.NONE.withC2cStd(c2c).withWriteNoiseStd(writeNoise));
        for (ConductanceMapping map : new ConductanceMapping[] {DifferentialPairMapping.of(m, n, RANGE, 1.0),
                ReferenceColumnMapping.of(m, n, RANGE, 1.0)}) {
            AnalogTile t = AnalogTile.create(map, noisy, IDEAL, TileConfig.IDEAL, rng(16L));
            double dwMin = t.weightStep();
            int slots = t.config().pulseSlots();
            double a = Math.sqrt(lr / (dwMin * slots));
            int reps = 400;
            double[] mean = new double[n * m];
            double[] w = new double[n * m];
            UniformRandomProvider pulses = rng(17L);
            for (int rep = 0; rep < reps; rep++) {
                t.programWeights(w0);
                t.update(x, d, 1, lr, pulses);
                t.readWeights(w);
                for (int k = 0; k < w.length; k++) {
                    mean[k] += (w[k] - w0[k]) / reps;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double pq = Math.min(a * Math.abs(x[i]), 1) * Math.min(a * Math.abs(d[j]), 1);
                    double var = dwMin * dwMin * (slots * pq * (1 - pq) + c2c * c2c * slots * pq
                            + writeNoise * writeNoise);
                    double se = Math.sqrt(var / reps);
                    assertEquals(-lr * d[j] * x[i], mean[j * m + i], 5 * se, map + " W[" + j + "][" + i + "]");
                }
            }
        }
    }

    /**
     * Update management keeps E[Δw] = −lr·d·xᵀ where fixed trains saturate. lr = 2, |x| ≤ 1,
     * |d| ≤ 0.05, Δw_min = 0.02 (constant step of 1/100 of the window, w_max = 1, reference
     * column), BL = 31: unmanaged, A = B = √(lr/(Δw_min·BL)) ≈ 1.8, so every input above 0.56
     * fires in every slot and the change is capped at Δw_min·BL·min(B|x|, 1)·min(A|d|, 1);
     * managed, BL_k = ⌈lr·x_m·d_m/Δw_min⌉ ≤ 5 slots with probabilities
     * √(lr/(Δw_min·BL_k))·√(d_m/x_m)·|x_i| (and the mirror for d) that stay ≤ 1, whose product
     * times BL_k·Δw_min is lr·|x_i·d_j| exactly. Each mean of R = 400 updates must lie within
     * 5 standard errors (Δw_min·√(BL·pq(1 − pq)/R)) of its own expectation, and the unmanaged
     * one must fall short of −lr·d·x on the saturated weights by more than 5 of them.
     */
    @Test
    void updateManagementKeepsTheExpectationWhereFixedTrainsSaturate() {
        int m = 6;
        int n = 4;
        double lr = 2;
        UniformRandomProvider r = rng(18L);
        double[] w0 = random(r, n * m, 0.2);
        double[] x = random(r, m, 1.0);
        double[] d = random(r, n, 0.05);
        x[0] = 1;
        d[0] = 0.05;
        double xm = 0;
        double dm = 0;
        for (double v : x) {
            xm = Math.max(xm, Math.abs(v));
        }
        for (double v : d) {
            dm = Math.max(dm, Math.abs(v));
        }
        int reps = 400;
        boolean shortfall = false;
        for (boolean managed : new boolean[] {true, false}) {
            TileConfig config = TileConfig.IDEAL.withUpdateManagement(managed);
            AnalogTile t = tile(ReferenceColumnMapping.of(m, n, RANGE, 1.0), config, w0);
            double dwMin = t.weightStep();
            assertEquals(0.02, dwMin, 1e-12);
            int slots = managed ? (int) Math.ceil(lr * xm * dm / dwMin) : 31;
            double base = Math.sqrt(lr / (dwMin * slots));
            double bx = managed ? base * Math.sqrt(dm / xm) : base;
            double ad = managed ? base * Math.sqrt(xm / dm) : base;
            double[] mean = new double[n * m];
            double[] w = new double[n * m];
            UniformRandomProvider pulses = rng(19L);
            for (int rep = 0; rep < reps; rep++) {
                t.programWeights(w0);
                t.update(x, d, 1, lr, pulses);
                t.readWeights(w);
                for (int k = 0; k < w.length; k++) {
                    mean[k] += (w[k] - w0[k]) / reps;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double p = Math.min(bx * Math.abs(x[i]), 1);
                    double q = Math.min(ad * Math.abs(d[j]), 1);
                    double se = dwMin * Math.sqrt(slots * p * q * (1 - p * q) / reps);
                    double expected = -Math.signum(x[i] * d[j]) * dwMin * slots * p * q;
                    String where = (managed ? "managed" : "fixed") + " W[" + j + "][" + i + "]";
                    assertEquals(expected, mean[j * m + i], 5 * se + 1e-12, where);
                    if (managed) {
                        assertEquals(-lr * d[j] * x[i], expected, 1e-12, where + " expectation");
                    } else {
                        shortfall |= Math.abs(lr * d[j] * x[i]) - Math.abs(mean[j * m + i]) > 5 * se;
                    }
                }
            }
        }
        assertTrue(shortfall, "fixed trains should fall short of lr·|d·x| where B|x| > 1");
    }

    @Test
    void zeroLearningRateOrZeroErrorLeavesWeightsUnchanged() {
        int m = 10;
        int n = 6;
        UniformRandomProvider r = rng(7L);
        double[] w0 = random(r, n * m, 0.5);
        AnalogTile t = tile(DifferentialPairMapping.of(m, n, RANGE, 1.0), TileConfig.IDEAL, w0);
        double[] before = new double[n * m];
        t.readWeights(before);
        double[] x = random(r, 3 * m, 1.0);
        double[] d = random(r, 3 * n, 1.0);
        t.update(x, d, 3, 0.0, rng(8L));
        t.update(x, new double[3 * n], 3, 0.5, rng(8L));
        double[] after = new double[n * m];
        t.readWeights(after);
        assertArrayEquals(before, after, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.update(x, d, 3, Double.NaN, rng(8L)));
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        double[] bad = x.clone();
        bad[4] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> t.forward(bad, 3, new double[3 * n], null));
        assertTrue(e.getMessage().contains("x[4]"), e.getMessage());
    }

    @Test
    void updateAndNoisyForwardAreReproducibleOnOneOrTwoThreads() throws Exception {
        // 128×(2·300) = 76,800 devices: two chunks of the devices' parallel pulse loop.
        int m = 128;
        int n = 300;
        int batch = 2;
        UniformRandomProvider r = rng(9L);
        double[] w0 = random(r, n * m, 0.5);
        double[] x = random(r, batch * m, 1.0);
        double[] d = random(r, batch * n, 0.3);
        PulsedDeviceModel noisy = ConstantStep.of(RANGE, RANGE.widthSiemens() / 100, PulseVariability.AIHWKIT_DEFAULT);
        double[][] results = new double[2][];
        for (int p = 1; p <= 2; p++) {
            ForkJoinPool pool = new ForkJoinPool(p);
            try {
                results[p - 1] = pool.submit(() -> {
                    AnalogTile t = AnalogTile.create(DifferentialPairMapping.of(m, n, RANGE, 1.0), noisy, IDEAL, TileConfig.AIHWKIT_DEFAULT, rng(10L));
                    t.programWeights(w0);
                    UniformRandomProvider run = rng(11L);
                    t.update(x, d, batch, 0.05, run);
                    double[] out = new double[n * m + batch * n];
                    t.readWeights(out);
                    double[] y = new double[batch * n];
                    t.forward(x, batch, y, run);
                    System.arraycopy(y, 0, out, n * m, y.length);
                    return out;
                }).get();
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(results[0], results[1], 0);
        double[] changed = results[0];
        int moved = 0;
        for (int k = 0; k < n * m; k++) {
            if (changed[k] != w0[k]) {
                moved++;
            }
        }
        assertTrue(moved > n * m / 10, "the update moved " + moved + " weights");
    }

    @Test
    void noisyReadsGiveTheSameBitsOnOneOrTwoThreads() throws Exception {
        // 300 rows × 256 inputs: large enough that the periphery's row loops and the engine run in
        // parallel. Stochastic rounding, input and output noise, and a low ADC bound so that bound
        // management re-reads some rows (each re-read draws fresh streams).
        int m = 256;
        int n = 200;
        int batch = 300;
        UniformRandomProvider r = rng(21L);
        double[] w = random(r, n * m, 0.5);
        double[] x = random(r, batch * m, 1.0);
        double[] d = random(r, batch * n, 1.0);
        Periphery fwd = Periphery.AIHWKIT_DEFAULT.withDac(new Dac(7, 1.0, true)).withInputNoiseStd(0.01)
                .withAdc(Adc.fixed(9, 3.0));
        TileConfig config = TileConfig.AIHWKIT_DEFAULT.withForward(fwd);
        ConductanceMapping map = ReferenceColumnMapping.fitted(m, n, RANGE, w);
        double[][] results = new double[3][];
        long[] repeats = new long[3];
        for (int p = 0; p < 3; p++) {
            ForkJoinPool pool = p < 2 ? new ForkJoinPool(p + 1) : null;
            java.util.concurrent.Callable<double[]> run = () -> {
                AnalogTile t = tile(map, config, w);
                UniformRandomProvider noise = rng(22L);
                double[] out = new double[2 * batch * n + batch * m];
                double[] y = new double[batch * n];
                t.forward(x, batch, y, noise);
                System.arraycopy(y, 0, out, 0, y.length);
                t.forward(x, batch, y, noise);
                System.arraycopy(y, 0, out, batch * n, y.length);
                double[] z = new double[batch * m];
                t.backward(d, batch, z, noise);
                System.arraycopy(z, 0, out, 2 * batch * n, z.length);
                return out;
            };
            if (pool == null) {
                results[p] = run.call(); // from outside any pool: the common pool
            } else {
                try {
                    results[p] = pool.submit(run).get();
                } finally {
                    pool.shutdown();
                }
            }
            AnalogTile probe = tile(map, config, w);
            probe.forward(x, batch, new double[batch * n], rng(22L));
            repeats[p] = probe.boundManagementRepeats();
        }
        assertTrue(repeats[0] > 0, "bound management re-read " + repeats[0] + " rows");
        for (int e = 0; e < results[0].length; e++) {
            assertEquals(Double.doubleToRawLongBits(results[0][e]), Double.doubleToRawLongBits(results[1][e]),
                    "element " + e + " on one and two threads");
            assertEquals(Double.doubleToRawLongBits(results[0][e]), Double.doubleToRawLongBits(results[2][e]),
                    "element " + e + " on one thread and the common pool");
        }
        // Two forwards with the same stream position differ: the noise is fresh.
        int same = 0;
        for (int e = 0; e < batch * n; e++) {
            if (results[0][e] == results[0][batch * n + e]) {
                same++;
            }
        }
        assertTrue(same < batch * n / 2, same + " outputs repeated exactly");
    }

    @Test
    void refreshResetsAPairToOneActiveDevice() {
        int m = 3;
        int n = 2;
        double[] w0 = {0.2, -0.1, 0.0, 0.3, 0.1, -0.2};
        AnalogTile t = tile(DifferentialPairMapping.of(m, n, RANGE, 1.0), TileConfig.IDEAL, w0);
        double[] x = {1, -1, 0.5};
        double[] d = {0.5, -0.5};
        t.update(x, d, 1, 0.05, rng(12L));
        double[] w = new double[n * m];
        t.readWeights(w);
        t.refresh();
        double[] after = new double[n * m];
        t.readWeights(after);
        assertArrayEquals(w, after, 1e-12);
        double[] g = new double[m * 2 * n];
        t.readConductances(g);
        for (int k = 0; k < g.length; k += 2) {
            assertTrue(g[k] == RANGE.gMinSiemens() || g[k + 1] == RANGE.gMinSiemens(), "pair " + k / 2);
        }
    }
}
