package dev.kirchhoff.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.crossbar.Adc;
import dev.kirchhoff.crossbar.AnalogTile;
import dev.kirchhoff.crossbar.DifferentialPairMapping;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.Periphery;
import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TiledLayerTest {
    static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    /** Constant step of 1/100 of the window, no spread, no noise: devices hold exactly what is programmed. */
    static final PulsedDeviceModel CLEAN = ConstantStep.of(RANGE, RANGE.widthSiemens() / 100, PulseVariability.NONE);
    static final double U = Math.ulp(1.0) / 2;

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    static double[] uniform(UniformRandomProvider r, int len, double scale) {
        double[] a = new double[len];
        for (int k = 0; k < len; k++) {
            a[k] = scale * (2 * r.nextDouble() - 1);
        }
        return a;
    }

    /** y_k = W·x_k, W N×M row-major, left-to-right sums. */
    static double[] mvm(double[] w, int n, int m, double[] x, int batch) {
        double[] y = new double[batch * n];
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += w[j * m + i] * x[k * m + i];
                }
                y[k * n + j] = s;
            }
        }
        return y;
    }

    static double[] forward(TiledLayer layer, double[] x, int batch, UniformRandomProvider r, EnergyLedger ledger) {
        double[] y = new double[batch * layer.outputs()];
        layer.forward(x, batch, y, r, ledger);
        return y;
    }

    /**
     * With ideal devices, crossbars and periphery, a tiled layer equals the single large tile and
     * W·x up to rounding, for shapes that do and do not divide by the tile. Bound: a tile's output
     * is (I⁺ − I⁻)/s with I^± = Σ V_i·G^±_i, each G^± = g_min + s·w^± rounded (relative u) and
     * each sum of m terms within m·u·Σ|V|G (IdealCrossbar's documented bound), so its error is at
     * most (m + 3)·u·Σ_i|x_i|·(G⁺ + G⁻)/s ≤ (m + 3)·u·w_max·(g_max + g_min)/(g_max − g_min)·Σ|x|;
     * R row tiles add R more roundings. Both results lie within that of W·x, so they differ by at
     * most twice it: ≈ 1e-13 of Σ|W||x|, the scale rounding errors are measured in (|y| itself may
     * be near zero).
     */
    @Test
    void idealTilesMatchOneLargeTileForEvenAndUnevenShapes() {
        int[][] shapes = {{300, 100, 128, 128}, {256, 128, 128, 128}, {5, 3, 2, 2}, {1000, 40, 256, 256}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int batch = 5;
            UniformRandomProvider r = rng(7L + m);
            double[] w = uniform(r, n * m, 0.8);
            double[] x = uniform(r, batch * m, 1.0);
            TiledLayer layer = TiledLayer.create("fc", w, m, n, TilingOptions.of(CLEAN).withTileSize(s[2], s[3]), rng(1L));
            double[] y = forward(layer, x, batch, null, null);
            AnalogTile big = AnalogTile.create(DifferentialPairMapping.fitted(m, n, RANGE, w), CLEAN, IdealCrossbar::new,
                    TileConfig.IDEAL, rng(2L));
            big.programWeights(w);
            double[] yBig = new double[batch * n];
            big.forward(x, batch, yBig, null);
            double[] exact = mvm(w, n, m, x, batch);
            double wMax = 0;
            for (double v : w) {
                wMax = Math.max(wMax, Math.abs(v));
            }
            double per = 2 * (m + 3 + layer.tileRowCount()) * U * wMax * (RANGE.gMaxSiemens() + RANGE.gMinSiemens())
                    / RANGE.widthSiemens();
            for (int k = 0; k < batch; k++) {
                double sumAbsX = 0;
                for (int i = 0; i < m; i++) {
                    sumAbsX += Math.abs(x[k * m + i]);
                }
                for (int j = 0; j < n; j++) {
                    int o = k * n + j;
                    String at = Arrays.toString(s) + " k=" + k + " j=" + j;
                    assertEquals(yBig[o], y[o], per * sumAbsX, at);
                    assertEquals(exact[o], y[o], per * sumAbsX, at);
                }
            }
        }
    }

    /**
     * With aihwkit's 7-bit DAC (Δ_d = 2/126 on [−1, 1]) and noise management, and a 9-bit ADC of
     * bound B = tile rows (which no |u| ≤ Σ|W|/w_max·|x̂| ≤ m_t can exceed, so nothing clips), tile r's
     * output differs from W_r·x_r by at most α_r·(Δ_a/2·w_max + Δ_d/2·Σ_{i∈r}|W_ji|), α_r = max_{i∈r}|x_i|,
     * Δ_a = 2B/510 (Periphery's equations: the DAC rounds x/α to Δ_d, the ADC rounds u to Δ_a, y = ADC(u)·w_max·α).
     * Exact accumulation adds these R bounds: the tiled error bound is R ADC half-steps plus the
     * DAC term. The test also requires the largest error to use a fair share (≥ 10%) of the bound,
     * so the periphery really quantised.
     */
    @Test
    void quantisedTiledErrorStaysWithinThePeripheryBound() {
        int m = 300;
        int n = 70;
        int batch = 8;
        int tileRows = 128;
        UniformRandomProvider r = rng(11L);
        double[] w = uniform(r, n * m, 1.0);
        double[] x = uniform(r, batch * m, 1.0);
        Periphery io = Periphery.AIHWKIT_DEFAULT.withOutputNoiseStd(0).withBoundManagement(false)
                .withAdc(Adc.fixed(9, tileRows));
        TilingOptions opts = TilingOptions.of(CLEAN).withTileSize(tileRows, 128)
                .withTileConfig(TileConfig.IDEAL.withForward(io));
        TiledLayer layer = TiledLayer.create("q", w, m, n, opts, rng(3L));
        assertEquals(3, layer.tileRowCount());
        double[] y = forward(layer, x, batch, null, null);
        double[] exact = mvm(w, n, m, x, batch);
        double wMax = 0;
        for (double v : w) {
            wMax = Math.max(wMax, Math.abs(v));
        }
        double dacStep = io.dac().step();
        double adcStep = tileRows * io.adc().relativeStep();
        double worst = 0;
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                double bound = 0;
                for (int b = 0; b < layer.tileRowCount(); b++) {
                    double alpha = 0;
                    double sumAbsW = 0;
                    for (int i = layer.rowBlockStart(b); i < layer.rowBlockStart(b + 1); i++) {
                        alpha = Math.max(alpha, Math.abs(x[k * m + i]));
                        sumAbsW += Math.abs(w[j * m + i]);
                    }
                    bound += alpha * (adcStep / 2 * wMax + dacStep / 2 * sumAbsW);
                }
                double err = Math.abs(y[k * n + j] - exact[k * n + j]);
                assertTrue(err <= bound * (1 + 1e-9) + 1e-12, "k=" + k + " j=" + j + ": " + err + " > " + bound);
                worst = Math.max(worst, err / bound);
            }
        }
        assertTrue(worst > 0.1, "largest error / bound " + worst);
    }

    /**
     * The B-bit accumulator rounds each tile's partial sum to the nearest lsb (ties to even) and
     * adds with saturation, as {@link PartialSumAccumulator} states: the tiled output equals that
     * rule applied to the exact per-block sums W_r·x_r. F = 4 at 10 bits (lsb = 1/128) makes some
     * outputs saturate and leaves others within R·lsb/2 of W·x. The tiles' own rounding (≈ 1e-14)
     * could flip a code only at an exact tie, which these random inputs do not hit.
     */
    @Test
    void fixedPointAccumulationRoundsAndSaturatesAsStated() {
        int m = 40;
        int n = 30;
        int batch = 6;
        int tileRows = 16;
        UniformRandomProvider r = rng(5L);
        double[] w = uniform(r, n * m, 1.0);
        double[] x = uniform(r, batch * m, 1.0);
        PartialSumAccumulator acc = PartialSumAccumulator.fixedPoint(10, 4.0);
        TiledLayer layer = TiledLayer.create("acc", w, m, n,
                TilingOptions.of(CLEAN).withTileSize(tileRows, 256).withAccumulator(acc), rng(4L));
        int blocks = layer.tileRowCount();
        assertEquals(3, blocks);
        double[] y = forward(layer, x, batch, null, null);
        double[] exact = mvm(w, n, m, x, batch);
        double lsb = 4.0 / 512;
        assertEquals(lsb, acc.lsb());
        int saturated = 0;
        int inside = 0;
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                long code = 0;
                boolean sat = false;
                for (int b = 0; b < blocks; b++) {
                    double p = 0;
                    for (int i = layer.rowBlockStart(b); i < layer.rowBlockStart(b + 1); i++) {
                        p += w[j * m + i] * x[k * m + i];
                    }
                    long q = Math.round(p / lsb); // no exact ties here (checked below)
                    assertTrue(Math.abs(Math.abs(p / lsb - Math.floor(p / lsb)) - 0.5) > 1e-9, "tie");
                    q = Math.max(-512, Math.min(511, q));
                    code += q;
                    if (code > 511 || code < -512) {
                        sat = true;
                        code = Math.max(-512, Math.min(511, code));
                    }
                }
                assertEquals(code * lsb, y[k * n + j], 0.0, "k=" + k + " j=" + j);
                if (sat) {
                    saturated++;
                } else {
                    inside++;
                    assertEquals(exact[k * n + j], y[k * n + j], blocks * lsb / 2 + 1e-12);
                }
            }
        }
        assertTrue(saturated > 0 && inside > 0, "saturated " + saturated + ", inside " + inside);
    }

    /**
     * Utilisation by hand. Differential pairs (2 columns per output) on 256×256: a 300×100 layer
     * needs 2 row blocks (256 + 44 rows) and one column block of 100 outputs = 200 columns, so it
     * uses 256·200 + 44·200 = 60,000 of 2·65,536 cells. A 256-input, 128-output layer fills one
     * tile exactly. A reference column (outputs + 1 columns) fits 255 outputs per tile: 300 outputs
     * over 10 inputs take 256 and 46 columns, 3,020 of 131,072 cells.
     */
    @Test
    void utilisationMatchesHandCounts() {
        TilingOptions dp = TilingOptions.of(CLEAN);
        TiledLayer a = TiledLayer.create("a", new double[300 * 100], 300, 100, dp, rng(1L));
        assertEquals(2, a.tileCount());
        assertEquals(2, a.tileRowCount());
        assertEquals(1, a.tileColumnCount());
        assertEquals(256 * 200 / 65536.0, a.utilisation(0, 0), 0.0);
        assertEquals(44 * 200 / 65536.0, a.utilisation(1, 0), 0.0);
        assertEquals(60000 / 131072.0, a.utilisation(), 0.0);
        TiledLayer full = TiledLayer.create("b", new double[256 * 128], 256, 128, dp, rng(1L));
        assertEquals(1, full.tileCount());
        assertEquals(1.0, full.utilisation(), 0.0);
        TilingOptions ref = dp.withMapping(TileMapping.referenceColumn(RANGE));
        assertEquals(255, ref.outputsPerTile());
        TiledLayer c = TiledLayer.create("c", new double[10 * 300], 10, 300, ref, rng(1L));
        assertEquals(2, c.tileCount());
        assertEquals(2560, c.usedCells(0, 0));
        assertEquals(460, c.usedCells(0, 1));
        assertEquals(3020 / 131072.0, c.utilisation(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> dp.withTileSize(256, 1));
    }

    /**
     * Cell-read energy by hand for a 2×2 crossbar: W = [0.5, −1] (one output, two inputs) on a
     * differential pair over 1–25 µS with w_max = 1, so s = 24 µS and the rows hold
     * (G⁺, G⁻) = (13, 1) µS and (1, 25) µS, row sums 14 and 26 µS. Inputs (1, −0.5) and
     * (0.25, 0.75) at V_read = 0.2 V drive (0.2, −0.1) V and (0.05, 0.15) V, so with t = 100 ns
     * E = t·Σ V_i²·ΣG_i = 1e-7·(0.04·14 + 0.01·26 + 0.0025·14 + 0.0225·26)·1e-6 = 1.44e-13 J.
     * Cutting the rows over two 1-row tiles must give the same energy and one add per output.
     */
    @Test
    void cellReadEnergyIsSumOfVSquaredGt() {
        double[] w = {0.5, -1.0};
        double[] x = {1.0, -0.5, 0.25, 0.75};
        double expected = 1e-7 * (0.04 * 14 + 0.01 * 26 + 0.0025 * 14 + 0.0225 * 26) * 1e-6;
        for (int rows : new int[] {2, 1}) {
            TiledLayer layer = TiledLayer.create("tiny", w, 2, 1, TilingOptions.of(CLEAN).withTileSize(rows, 2), rng(1L));
            EnergyLedger ledger = new EnergyLedger(HardwareDescriptions.defaultDescription());
            double[] y = forward(layer, x, 2, null, ledger);
            assertEquals(1.0, y[0], 1e-15);
            assertEquals(-0.625, y[1], 1e-15);
            int l = ledger.layer("tiny");
            assertEquals(expected, ledger.energyJoules(l, Component.CELL_READ),
                    1e-12 * expected);
            assertEquals(2 * 2 * 2, ledger.count(l, Component.CELL_READ));
            assertEquals(rows == 1 ? 2 : 0, ledger.count(l, Component.ACCUMULATION));
        }
    }

    /**
     * Counts on a 256×128 layer over four 128×128 tiles (two row blocks of 128 inputs, two column
     * blocks of 64 outputs), batch K = 3, ideal periphery: DAC conversions = tiles·128·K, ADC
     * conversions = tiles·64·K, cells read = tiles·128·128·K, adds = K·N·(R − 1). Energies are the
     * counts times the description's per-event energies. Busy time is the slowest tile,
     * K·(t_dac + t_read + ⌈64/adcs⌉·t_adc), plus K adder-tree levels ⌈log₂2⌉ = 1 of t_add.
     */
    @Test
    void conversionCountsAreTilesTimesRowsOrColumnsTimesBatch() {
        int m = 256;
        int n = 128;
        int batch = 3;
        UniformRandomProvider r = rng(9L);
        TiledLayer layer = TiledLayer.create("fc", uniform(r, n * m, 1), m, n, TilingOptions.of(CLEAN).withTileSize(128, 128),
                rng(1L));
        assertEquals(4, layer.tileCount());
        EnergyLedger ledger = new EnergyLedger(HardwareDescriptions.defaultDescription());
        forward(layer, uniform(r, batch * m, 1), batch, null, ledger);
        int l = ledger.layer("fc");
        var hw = ledger.hardware();
        assertEquals(4L * 128 * batch, ledger.count(l, Component.DAC_CONVERSION));
        assertEquals(4L * 64 * batch, ledger.count(l, Component.ADC_CONVERSION));
        assertEquals(4L * 128 * 128 * batch, ledger.count(l, Component.CELL_READ));
        assertEquals((long) batch * n, ledger.count(l, Component.ACCUMULATION));
        assertEquals(4.0 * 64 * batch * hw.energy().adcConversionJoules(),
                ledger.energyJoules(l, Component.ADC_CONVERSION), 1e-12 * 1e-9);
        double tile = batch * (hw.latency().dacConversionSeconds() + hw.latency().readPulseSeconds()
                + Math.ceil(64.0 / hw.tile().adcs()) * hw.latency().adcConversionSeconds());
        assertEquals(tile + batch * hw.latency().accumulationSeconds(), ledger.latencySeconds(), 1e-12 * tile);
    }

    /**
     * Bound management re-reads the clipped rows at half scale; every re-read drives the DACs and
     * converts the outputs again, so the DAC count is Σ_t m_t·(K + repeats_t) with repeats_t the
     * tile's own diagnostic counter.
     */
    @Test
    void boundManagementReReadsAreCounted() {
        int m = 200;
        int n = 20;
        int batch = 4;
        UniformRandomProvider r = rng(21L);
        double[] w = new double[n * m];
        Arrays.fill(w, 1.0); // |u| = Σ|x| ≈ 100 ≫ 12: clips and is re-read
        double[] x = uniform(r, batch * m, 1.0);
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.abs(x[k]);
        }
        TilingOptions opts = TilingOptions.of(CLEAN).withTileSize(128, 128).withTileConfig(
                TileConfig.IDEAL.withForward(Periphery.AIHWKIT_DEFAULT.withOutputNoiseStd(0)));
        TiledLayer layer = TiledLayer.create("bm", w, m, n, opts, rng(1L));
        EnergyLedger ledger = new EnergyLedger(HardwareDescriptions.defaultDescription());
        forward(layer, x, batch, null, ledger);
        long expected = 0;
        long repeats = 0;
        for (int b = 0; b < layer.tileRowCount(); b++) {
            AnalogTile t = layer.tile(b, 0);
            expected += (long) t.inputs() * (batch + t.boundManagementRepeats());
            repeats += t.boundManagementRepeats();
        }
        assertTrue(repeats > 0, "no re-reads");
        assertEquals(expected, ledger.count(ledger.layer("bm"), Component.DAC_CONVERSION));
    }

    /**
     * A PERCENTILE ADC at the 100th percentile takes as its bound the largest |u| of the
     * calibration batch, so reading that same batch never clips, and with 9 bits each tile's
     * output is within half an ADC step (B·Δ/B/2·w_max·α, α = 1 without noise management) of its
     * exact partial sum: the tiled error is at most Σ_r B_r/510·w_max. Before calibration the
     * forward refuses to run.
     */
    @Test
    void percentileAdcIsCalibratedPerTile() {
        int m = 100;
        int n = 10;
        int batch = 12;
        UniformRandomProvider r = rng(41L);
        double[] w = uniform(r, n * m, 1.0);
        double[] x = uniform(r, batch * m, 1.0);
        Periphery io = Periphery.IDEAL.withAdc(Adc.percentileCalibrated(9, 100, false));
        TiledLayer layer = TiledLayer.create("p", w, m, n,
                TilingOptions.of(CLEAN).withTileSize(40, 256).withTileConfig(TileConfig.IDEAL.withForward(io)), rng(1L));
        assertThrows(IllegalStateException.class, () -> forward(layer, x, batch, null, null));
        layer.calibrateOutputBounds(x, batch, null);
        double[] y = forward(layer, x, batch, null, null);
        double[] exact = mvm(w, n, m, x, batch);
        double wMax = 0;
        for (double v : w) {
            wMax = Math.max(wMax, Math.abs(v));
        }
        double bound = 0;
        for (int b = 0; b < layer.tileRowCount(); b++) {
            bound += layer.tile(b, 0).outputBounds()[0] * io.adc().relativeStep() / 2 * wMax;
        }
        for (int k = 0; k < batch * n; k++) {
            assertEquals(exact[k], y[k], bound * (1 + 1e-9), "k=" + k);
        }
    }

    /**
     * The transposed read: with ideal tiles z = Wᵀ·d, the partial sums of the column blocks
     * added digitally. Same rounding argument as the forward, with the 2·n_t columns of a tile in
     * place of its rows (each sum of 2N terms, C column blocks added). Energy by hand for the 2×2
     * crossbar of {@link #cellReadEnergyIsSumOfVSquaredGt}: d = 1 drives the pair's columns at
     * ±0.2 V, whose conductances sum to 14 and 26 µS, so E = 1e-7·0.04·40e-6 = 1.6e-13 J; one DAC
     * conversion (one output drives the pair) and two ADC conversions (two inputs read out).
     */
    @Test
    void backwardIsTransposedReadWithItsOwnAccounting() {
        int[][] shapes = {{300, 100, 128, 128}, {5, 3, 2, 2}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int batch = 4;
            UniformRandomProvider r = rng(17L + m);
            double[] w = uniform(r, n * m, 0.8);
            double[] d = uniform(r, batch * n, 1.0);
            TiledLayer layer = TiledLayer.create("fc", w, m, n, TilingOptions.of(CLEAN).withTileSize(s[2], s[3]), rng(1L));
            double[] z = new double[batch * m];
            layer.backward(d, batch, z, null, null);
            double[] wt = new double[m * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    wt[i * n + j] = w[j * m + i];
                }
            }
            double[] exact = mvm(wt, m, n, d, batch);
            double wMax = 0;
            for (double v : w) {
                wMax = Math.max(wMax, Math.abs(v));
            }
            double per = 2 * (2 * n + 3 + layer.tileColumnCount()) * U * wMax
                    * (RANGE.gMaxSiemens() + RANGE.gMinSiemens()) / RANGE.widthSiemens();
            for (int k = 0; k < batch; k++) {
                double sumAbsD = 0;
                for (int j = 0; j < n; j++) {
                    sumAbsD += Math.abs(d[k * n + j]);
                }
                for (int i = 0; i < m; i++) {
                    assertEquals(exact[k * m + i], z[k * m + i], per * sumAbsD, Arrays.toString(s) + " k=" + k + " i=" + i);
                }
            }
        }
        TiledLayer tiny = TiledLayer.create("tiny", new double[] {0.5, -1.0}, 2, 1, TilingOptions.of(CLEAN), rng(1L));
        EnergyLedger ledger = new EnergyLedger(HardwareDescriptions.defaultDescription());
        double[] z = new double[2];
        tiny.backward(new double[] {1.0}, 1, z, null, ledger);
        assertEquals(0.5, z[0], 1e-15);
        assertEquals(-1.0, z[1], 1e-15);
        int l = ledger.layer("tiny");
        assertEquals(1e-7 * 0.04 * 40e-6, ledger.energyJoules(l, Component.CELL_READ), 1e-12 * 1.6e-13);
        assertEquals(4, ledger.count(l, Component.CELL_READ));
        assertEquals(1, ledger.count(l, Component.DAC_CONVERSION));
        assertEquals(2, ledger.count(l, Component.ADC_CONVERSION));
    }

    private static double[] runIn(int threads, long seed, double[] w, int m, int n, double[] x, int batch,
            double[] energyOut) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> {
                TilingOptions opts = TilingOptions.of(ConstantStep.of(RANGE, RANGE.widthSiemens() / 100,
                        PulseVariability.AIHWKIT_DEFAULT)).withTileSize(128, 128).withTileConfig(
                        TileConfig.AIHWKIT_DEFAULT.withForward(Periphery.AIHWKIT_DEFAULT.withInputNoiseStd(0.01)));
                UniformRandomProvider r = rng(seed);
                TiledLayer layer = TiledLayer.create("fc", w, m, n, opts, r);
                EnergyLedger ledger = new EnergyLedger(HardwareDescriptions.defaultDescription());
                double[] y = forward(layer, x, batch, r, ledger);
                double[] z = new double[batch * m];
                layer.backward(y, batch, z, r, ledger);
                energyOut[0] = ledger.totalEnergyJoules();
                double[] both = Arrays.copyOf(y, y.length + z.length);
                System.arraycopy(z, 0, both, y.length, z.length);
                return both;
            }).get();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Device spreads (aihwkit defaults), input and output noise, 12 tiles large enough to run in
     * parallel: the same seed gives the same bits, forward and backward outputs and energy, on
     * one thread and on two;
     * another seed gives other outputs (so the noise is really drawn).
     */
    @Test
    void sameSeedSameBitsOnOneAndTwoThreads() throws Exception {
        int m = 300;
        int n = 200;
        int batch = 16;
        UniformRandomProvider r = rng(31L);
        double[] w = uniform(r, n * m, 0.5);
        double[] x = uniform(r, batch * m, 1.0);
        double[] e1 = new double[1];
        double[] e2 = new double[1];
        double[] e3 = new double[1];
        double[] one = runIn(1, 77L, w, m, n, x, batch, e1);
        double[] two = runIn(2, 77L, w, m, n, x, batch, e2);
        assertArrayEquals(one, two);
        assertEquals(Double.doubleToLongBits(e1[0]), Double.doubleToLongBits(e2[0]));
        double[] other = runIn(2, 78L, w, m, n, x, batch, e3);
        assertFalse(Arrays.equals(one, other));
    }

    @Test
    void badInputsNameTheParameter() {
        TilingOptions opts = TilingOptions.of(CLEAN);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> TiledLayer.create("a", new double[5], 2, 3, opts, rng(1L)));
        assertTrue(len.getMessage().contains("weights.length"), len.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> TiledLayer.create("a", new double[] {0, Double.NaN}, 2, 1, opts, rng(1L)));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        TiledLayer layer = TiledLayer.create("a", new double[] {1, 2}, 2, 1, opts, rng(1L));
        IllegalArgumentException xInf = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(new double[] {0, Double.POSITIVE_INFINITY}, 1, new double[1], null));
        assertTrue(xInf.getMessage().contains("x[1]"), xInf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TiledLayer.create(" ", new double[2], 2, 1, opts, rng(1L)));
    }
}
