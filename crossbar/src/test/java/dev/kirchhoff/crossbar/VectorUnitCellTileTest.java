package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The pulsed update of a tile whose weights are unit cells of D devices
 * ({@link VectorUnitCellMapping}, aihwkit's {@code VectorUnitCell} with {@code SINGLE_RANDOM}).
 */
class VectorUnitCellTileTest {
    static final double MID = AnalogTileTest.RANGE.gMinSiemens() + 0.5 * AnalogTileTest.RANGE.widthSiemens();

    static VectorUnitCellMapping cells(int m, int n, int devices) {
        return VectorUnitCellMapping.of(m, n, AnalogTileTest.RANGE, 1.0, MID, devices);
    }

    /**
     * SINGLE_RANDOM: every update of one sample pulses exactly one device of every cross-point,
     * the same device index k across the tile, in the direction −sign(x_i·d_j), and k is uniform
     * over the D = 4 devices. Noise-free constant steps and inputs and errors of magnitude 0.5–1
     * at lr = 1 (pulse probabilities min(2.5·|·|, 1) = 1) make every cross-point fire in every
     * slot, so each update shows its choice on all 5×3 cells. Over R = 4000 updates each
     * device's count is Binomial(R, 1/4): mean 1000, sd √(R·(1/4)(3/4)) ≈ 27.4; the test asks
     * each count to lie within 5 sd (a false alarm about 6e−7 per device, 2e−6 for the four).
     */
    @Test
    void singleRandomPulsesOneDevicePerCellChosenUniformly() {
        int m = 5;
        int n = 3;
        int dpc = 4;
        VectorUnitCellMapping map = cells(m, n, dpc);
        AnalogTile t = AnalogTile.create(map, AnalogTileTest.CLEAN, AnalogTileTest.IDEAL, TileConfig.IDEAL,
                AnalogTileTest.rng(1L));
        UniformRandomProvider r = AnalogTileTest.rng(2L);
        double[] x = new double[m];
        double[] d = new double[n];
        for (int i = 0; i < m; i++) {
            x[i] = (0.5 + 0.5 * r.nextDouble()) * (i % 2 == 0 ? 1 : -1);
        }
        for (int j = 0; j < n; j++) {
            d[j] = (0.5 + 0.5 * r.nextDouble()) * (j == 1 ? 1 : -1);
        }
        int c = map.columns();
        double[] g0 = new double[m * c];
        double[] g = new double[m * c];
        t.readConductances(g0);
        int reps = 4000;
        int[] counts = new int[dpc];
        UniformRandomProvider pulses = AnalogTileTest.rng(3L);
        for (int rep = 0; rep < reps; rep++) {
            t.programWeights(new double[n * m]);
            t.update(x, d, 1, 1.0, pulses);
            t.readConductances(g);
            int chosen = -1;
            for (int i = 0; i < m; i++) {
                assertEquals(g0[i * c + n * dpc], g[i * c + n * dpc], 0.0, "the reference is never pulsed");
                for (int j = 0; j < n; j++) {
                    int changed = 0;
                    for (int k = 0; k < dpc; k++) {
                        double dg = g[i * c + j * dpc + k] - g0[i * c + j * dpc + k];
                        if (dg != 0) {
                            changed++;
                            assertTrue(chosen < 0 || chosen == k, "one device index across the tile, rep " + rep);
                            chosen = k;
                            assertEquals(-Math.signum(x[i] * d[j]), Math.signum(dg), 0.0, "direction of cell " + i + "," + j);
                        }
                    }
                    assertEquals(1, changed, "devices pulsed in cell (" + i + ", " + j + "), rep " + rep);
                }
            }
            counts[chosen]++;
        }
        double sd = Math.sqrt(reps * 0.25 * 0.75);
        for (int k = 0; k < dpc; k++) {
            assertEquals(reps / 4.0, counts[k], 5 * sd, "updates sent to device " + k);
        }
    }

    /**
     * The cell's expected change is −lr·d·xᵀ in the cell's units, far from the bounds, with noisy
     * devices: D = 4 constant-step devices (step 1/200 of the window, no spread), cycle-to-cycle
     * σ 0.3 and write noise 0.5 steps, weights near 0. Whichever device is chosen, a pulse moves
     * the cell by Δw_min = Δg/s ({@link AnalogTile#weightStep()}, 1/D of a single device's step),
     * so a weight's change is Σ_{n≤N} Δw_min(1 + 0.3ξ_n) plus the write noise of the pulsed
     * device, N ~ Binomial(BL, p_i·q_j), and
     * {@code Var ≤ Δw_min²·(BL·pq(1 − pq) + 0.09·BL·pq + 0.25)}. Over R = 400 updates the mean
     * must lie within 5 standard errors of −lr·d_j·x_i (false alarm about 3e−5 over 24 weights).
     */
    @Test
    void expectedCellUpdateIsMinusLrTimesOuterProduct() {
        int m = 8;
        int n = 3;
        int dpc = 4;
        double lr = 0.05;
        UniformRandomProvider r = AnalogTileTest.rng(15L);
        double[] w0 = AnalogTileTest.random(r, n * m, 0.05);
        double[] x = AnalogTileTest.random(r, m, 1.0);
        double[] d = AnalogTileTest.random(r, n, 1.0);
        double c2c = 0.3;
        double writeNoise = 0.5;
        PulsedDeviceModel noisy = ConstantStep.of(AnalogTileTest.RANGE, AnalogTileTest.RANGE.widthSiemens() / 200,
                PulseVariability.NONE.withC2cStd(c2c).withWriteNoiseStd(writeNoise));
        AnalogTile t = AnalogTile.create(cells(m, n, dpc), noisy, AnalogTileTest.IDEAL, TileConfig.IDEAL,
                AnalogTileTest.rng(16L));
        double dwMin = t.weightStep();
        assertEquals(2.0 / 200 / dpc, dwMin, 1e-15, "Δw_min = Δg/s, 1/D of one device's step at w_max = 1");
        int slots = t.config().pulseSlots();
        double a = Math.sqrt(lr / (dwMin * slots));
        int reps = 400;
        double[] mean = new double[n * m];
        double[] w = new double[n * m];
        UniformRandomProvider pulses = AnalogTileTest.rng(17L);
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
                double var = dwMin * dwMin * (slots * pq * (1 - pq) + c2c * c2c * slots * pq + writeNoise * writeNoise);
                double se = Math.sqrt(var / reps);
                assertEquals(-lr * d[j] * x[i], mean[j * m + i], 5 * se, "W[" + j + "][" + i + "]");
            }
        }
    }

    /**
     * One device per cell is the reference-column tile, to the bit: the same weights after the
     * same updates from the same seed (so D = 1 draws nothing for the device choice).
     */
    @Test
    void oneDevicePerCellIsTheReferenceColumnTile() {
        int m = 6;
        int n = 4;
        PulsedDeviceModel noisy = ConstantStep.of(AnalogTileTest.RANGE, AnalogTileTest.RANGE.widthSiemens() / 200,
                PulseVariability.NONE.withC2cStd(0.3).withWriteNoiseStd(0.5));
        UniformRandomProvider r = AnalogTileTest.rng(21L);
        double[] w0 = AnalogTileTest.random(r, n * m, 0.3);
        double[] x = AnalogTileTest.random(r, 3 * m, 1.0);
        double[] d = AnalogTileTest.random(r, 3 * n, 0.2);
        double[][] out = new double[2][n * m];
        ConductanceMapping[] maps = {cells(m, n, 1), ReferenceColumnMapping.of(m, n, AnalogTileTest.RANGE, 1.0, MID)};
        for (int v = 0; v < 2; v++) {
            AnalogTile t = AnalogTile.create(maps[v], noisy, AnalogTileTest.IDEAL,
                    TileConfig.AIHWKIT_DEFAULT.withUpdateManagement(true), AnalogTileTest.rng(22L));
            t.programWeights(w0);
            t.update(x, d, 3, 0.1, AnalogTileTest.rng(23L));
            t.readWeights(out[v]);
        }
        assertArrayEquals(out[1], out[0], 0.0);
    }
}
