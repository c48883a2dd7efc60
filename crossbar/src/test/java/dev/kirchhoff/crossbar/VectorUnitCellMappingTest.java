package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Three devices per weight against a reference column 3/8 of the way up the window (as
 * {@link OffCentreReferenceColumnMappingTest}): the mapping contract, the cell's read as the sum
 * of its devices' weights, and the checks on the parameters.
 */
class VectorUnitCellMappingTest extends ConductanceMappingContract {
    static final double REFERENCE = RANGE.gMinSiemens() + 0.375 * RANGE.widthSiemens();
    static final int D = 3;

    @Override
    ConductanceMapping mapping(int inputs, int outputs, double[] weights) {
        double max = ConductanceMapping.maxAbs(weights);
        return VectorUnitCellMapping.of(inputs, outputs, RANGE, (max > 0 ? max : 1) / 0.75, REFERENCE, D);
    }

    @Override
    double highestWeight(ConductanceMapping mapping) {
        return 1.25 * mapping.weightMax();
    }

    @Override
    double lowestWeight(ConductanceMapping mapping) {
        return -0.75 * mapping.weightMax();
    }

    /**
     * With unequal devices in every cell (each device anywhere in the window), the cell's weight
     * is exactly {@code Σ_k (G_k − G_ref)/s} with {@code s = D·(g_max − g_min)/(2·w_max)}, and an
     * ideal forward and transposed read give W·x and Wᵀ·d with that W (to 1e-12 relative).
     */
    @Test
    void cellReadsTheSumOfItsDevicesWeights() {
        int m = 5;
        int n = 4;
        double wMax = 0.4;
        VectorUnitCellMapping map = VectorUnitCellMapping.of(m, n, RANGE, wMax, REFERENCE, D);
        int c = map.columns();
        assertEquals(n * D + 1, c);
        double s = D * RANGE.widthSiemens() / (2 * wMax);
        assertEquals(s, map.weightScaleSiemens(), 1e-12 * s);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        double[] g = new double[m * c];
        for (int i = 0; i < m; i++) {
            for (int col = 0; col < n * D; col++) {
                g[i * c + col] = RANGE.gMinSiemens() + rng.nextDouble() * RANGE.widthSiemens();
            }
            g[i * c + n * D] = REFERENCE;
        }
        double[] w = new double[n * m];
        map.weightsOf(g, w);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int k = 0; k < D; k++) {
                    sum += (g[i * c + j * D + k] - REFERENCE) / s;
                }
                assertEquals(sum, w[j * m + i], 1e-12 * wMax, "W[" + j + "][" + i + "]");
            }
        }
        IdealCrossbar engine = new IdealCrossbar(ConductanceMatrix.of(m, c, g));
        double[] x = random(rng, m, 1.0);
        double[] currents = new double[c];
        engine.forward(x, 1, currents);
        double[] y = new double[n];
        map.forwardOutputs(currents, 0, 1, y);
        for (int j = 0; j < n; j++) {
            double ref = 0;
            double mag = 0;
            for (int i = 0; i < m; i++) {
                ref += w[j * m + i] * x[i];
                mag += Math.abs(w[j * m + i] * x[i]);
            }
            assertEquals(ref, y[j], 1e-12 * mag, "y[" + j + "]");
        }
        double[] d = random(rng, n, 1.0);
        double[] v = new double[c];
        map.backwardDrive(d, 1, v);
        double[] z = new double[m];
        engine.backward(v, 1, z);
        map.backwardOutputs(z, 0, 1, z);
        for (int i = 0; i < m; i++) {
            double ref = 0;
            double mag = 0;
            for (int j = 0; j < n; j++) {
                ref += w[j * m + i] * d[j];
                mag += Math.abs(w[j * m + i] * d[j]);
            }
            assertEquals(ref, z[i], 1e-12 * mag, "z[" + i + "]");
        }
    }

    /**
     * Programming puts every device of a cell at the same conductance, the one a single-device
     * {@link ReferenceColumnMapping} with the same w_max and reference would use, so the cell
     * holds the window's [−0.75, 1.25]·w_max and each device 1/D of it.
     */
    @Test
    void programmingSetsEveryDeviceOfACellAlike() {
        VectorUnitCellMapping map = VectorUnitCellMapping.of(2, 2, RANGE, 1.0, REFERENCE, D);
        ReferenceColumnMapping single = ReferenceColumnMapping.of(2, 2, RANGE, 1.0, REFERENCE);
        assertEquals(-0.75, map.weightLow(), 1e-12);
        assertEquals(1.25, map.weightHigh(), 1e-12);
        double[] w = {0.3, -0.6, 1.1, -2};
        double[] g = new double[2 * map.columns()];
        double[] g1 = new double[2 * single.columns()];
        map.targetConductances(w, g);
        single.targetConductances(w, g1);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < D; k++) {
                    assertEquals(g1[i * 3 + j], g[i * map.columns() + j * D + k], 1e-18, "i=" + i + " j=" + j + " k=" + k);
                }
            }
            assertEquals(REFERENCE, g[i * map.columns() + 2 * D], 1e-18);
        }
    }

    /** Each device of each cell has its own update column; a step Δg there moves only that cell, by Δg/s. */
    @Test
    void everyCellDeviceMovesItsCellByOneStep() {
        int m = 3;
        int n = 2;
        VectorUnitCellMapping map = VectorUnitCellMapping.of(m, n, RANGE, 1.0, REFERENCE, D);
        int c = map.columns();
        double[] g = new double[m * c];
        map.targetConductances(new double[n * m], g);
        double dg = 0.01 * RANGE.widthSiemens();
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < D; k++) {
                for (boolean up : new boolean[] {true, false}) {
                    int col = map.updateColumn(j, up, k);
                    assertEquals(j * D + k, col);
                    double[] gp = g.clone();
                    gp[c + col] += map.updatePolarity(up) * dg;
                    double[] w = new double[n * m];
                    map.weightsOf(gp, w);
                    for (int e = 0; e < w.length; e++) {
                        double expected = e == j * m + 1 ? (up ? 1 : -1) * dg / map.weightScaleSiemens() : 0;
                        assertEquals(expected, w[e], 1e-12, "j=" + j + " k=" + k + " up=" + up + " W[" + e + "]");
                    }
                }
            }
        }
        assertEquals(map.updateColumn(1, true, 0), map.updateColumn(1, true));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertMessage(() -> VectorUnitCellMapping.of(2, 2, RANGE, 1.0, REFERENCE, 0), "devicesPerCell", "0");
        assertMessage(() -> VectorUnitCellMapping.of(2, 2, RANGE, 1.0, REFERENCE, -3), "devicesPerCell", "-3");
        assertMessage(() -> VectorUnitCellMapping.of(2, 2, RANGE, 1.0, 30e-6, 2), "referenceSiemens", "3.0E-5");
        assertMessage(() -> VectorUnitCellMapping.of(2, 2, RANGE, Double.NaN, REFERENCE, 2), "weightMax", "NaN");
        assertMessage(() -> VectorUnitCellMapping.of(0, 2, RANGE, 1.0, REFERENCE, 2), "inputs", "0");
        assertMessage(() -> VectorUnitCellMapping.of(2, 1 << 30, RANGE, 1.0, REFERENCE, 4), "devicesPerCell",
                "4294967297");
        VectorUnitCellMapping map = VectorUnitCellMapping.of(2, 2, RANGE, 1.0, REFERENCE, 2);
        assertMessage(() -> map.updateColumn(0, true, 2), "device", "2");
        assertMessage(() -> map.updateColumn(2, true, 0), "j", "2");
        assertMessage(() -> ReferenceColumnMapping.of(2, 2, RANGE, 1.0).updateColumn(0, true, 1), "device", "1");
        assertTrue(map.toString().contains("devicesPerCell=2"), map.toString());
    }

    static void assertMessage(Runnable r, String name, String value) {
        String msg = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(msg.contains(name) && msg.contains(value), "message should name " + name + " and " + value + ": " + msg);
    }
}
