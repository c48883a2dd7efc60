package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The bar every {@link ConductanceMapping} meets: targets inside the window, map → ideal MVM →
 * read-out reproduces W·x and Wᵀ·d to 1e-12 relative, read-back of the targets gives the
 * weights, and the update routing moves the weight the right way by Δg/s.
 */
abstract class ConductanceMappingContract {
    static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    static final int M = 13;
    static final int N = 7;

    /** The mapping under test for W (N×M), fitted or with a given scale. */
    abstract ConductanceMapping mapping(int inputs, int outputs, double[] weights);

    /** The weights the mapping holds for W (W itself, or its quantised form). */
    double[] heldWeights(ConductanceMapping mapping, double[] weights) {
        return weights.clone();
    }

    /** The largest weight the mapping holds (clipping bound above). */
    double highestWeight(ConductanceMapping mapping) {
        return mapping.weightMax();
    }

    /** The smallest weight the mapping holds (clipping bound below). */
    double lowestWeight(ConductanceMapping mapping) {
        return -mapping.weightMax();
    }

    static double[] random(UniformRandomProvider rng, int len, double scale) {
        double[] a = new double[len];
        for (int k = 0; k < len; k++) {
            a[k] = scale * (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void targetsLieInTheWindow() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(1L);
        double[] w = random(rng, N * M, 0.7);
        ConductanceMapping map = mapping(M, N, w);
        double[] g = new double[M * map.columns()];
        map.targetConductances(w, g);
        for (int k = 0; k < g.length; k++) {
            assertTrue(g[k] >= RANGE.gMinSiemens() - 1e-18 && g[k] <= RANGE.gMaxSiemens() + 1e-18, "g[" + k + "] = " + g[k]);
        }
    }

    @Test
    void idealForwardReadOutReproducesWx() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2L);
        double[] w = random(rng, N * M, 0.7);
        ConductanceMapping map = mapping(M, N, w);
        double[] held = heldWeights(map, w);
        double[] g = new double[M * map.columns()];
        map.targetConductances(w, g);
        IdealCrossbar engine = new IdealCrossbar(ConductanceMatrix.of(M, map.columns(), g));
        int batch = 5;
        double[] x = random(rng, batch * M, 1.3);
        double[] currents = new double[batch * map.columns()];
        engine.forward(x, batch, currents);
        double[] y = new double[batch * N];
        map.forwardOutputs(currents, 0, batch, y);
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < N; j++) {
                double ref = 0;
                double mag = 0;
                for (int i = 0; i < M; i++) {
                    ref += held[j * M + i] * x[k * M + i];
                    mag += Math.abs(held[j * M + i] * x[k * M + i]);
                }
                assertEquals(ref, y[k * N + j], 1e-12 * mag, "y[" + k + "][" + j + "]");
            }
        }
    }

    @Test
    void idealBackwardReadOutReproducesWtd() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(3L);
        double[] w = random(rng, N * M, 0.7);
        ConductanceMapping map = mapping(M, N, w);
        double[] held = heldWeights(map, w);
        double[] g = new double[M * map.columns()];
        map.targetConductances(w, g);
        IdealCrossbar engine = new IdealCrossbar(ConductanceMatrix.of(M, map.columns(), g));
        int batch = 4;
        double[] d = random(rng, batch * N, 0.9);
        double[] v = new double[batch * map.columns()];
        map.backwardDrive(d, batch, v);
        double[] rowCurrents = new double[batch * M];
        engine.backward(v, batch, rowCurrents);
        double[] z = new double[batch * M];
        map.backwardOutputs(rowCurrents, 0, batch, z);
        for (int k = 0; k < batch; k++) {
            for (int i = 0; i < M; i++) {
                double ref = 0;
                double mag = 0;
                for (int j = 0; j < N; j++) {
                    ref += held[j * M + i] * d[k * N + j];
                    mag += Math.abs(held[j * M + i] * d[k * N + j]);
                }
                assertEquals(ref, z[k * M + i], 1e-12 * mag, "z[" + k + "][" + i + "]");
            }
        }
    }

    @Test
    void readBackOfTheTargetsGivesTheWeights() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(4L);
        double[] w = random(rng, N * M, 0.7);
        ConductanceMapping map = mapping(M, N, w);
        double[] held = heldWeights(map, w);
        double[] g = new double[M * map.columns()];
        map.targetConductances(w, g);
        double[] back = new double[N * M];
        map.weightsOf(g, back);
        for (int k = 0; k < back.length; k++) {
            assertEquals(held[k], back[k], 1e-12 * map.weightMax(), "W[" + k / M + "][" + k % M + "]");
        }
    }

    @Test
    void updateColumnMovesTheWeightByOneStepInTheRightDirection() {
        double[] w = new double[N * M];
        w[0] = 0.5;
        w[1] = -0.5;
        ConductanceMapping map = mapping(M, N, w);
        double[] g = new double[M * map.columns()];
        double[] zero = new double[N * M];
        map.targetConductances(zero, g);
        double dg = 0.01 * RANGE.widthSiemens();
        int c = map.columns();
        for (int j = 0; j < N; j++) {
            for (boolean up : new boolean[] {true, false}) {
                double[] gp = g.clone();
                int i = j % M;
                gp[i * c + map.updateColumn(j, up)] += map.updatePolarity(up) * dg;
                double[] back = new double[N * M];
                map.weightsOf(gp, back);
                assertEquals((up ? 1 : -1) * dg / map.weightScaleSiemens(), back[j * M + i],
                        1e-12 * map.weightMax(), "j=" + j + " up=" + up);
            }
        }
    }

    @Test
    void rejectsNanWeightsNamingTheElement() {
        double[] w = new double[N * M];
        ConductanceMapping map = mapping(M, N, new double[] {1});
        w[M + 2] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map.targetConductances(w, new double[M * map.columns()]));
        assertTrue(e.getMessage().contains("weights[1][2]") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void weightsBeyondWeightMaxAreClipped() {
        double[] w = new double[N * M];
        w[0] = 1;
        ConductanceMapping map = mapping(M, N, w);
        double[] big = new double[N * M];
        big[0] = 5;
        big[1] = -5;
        double[] g = new double[M * map.columns()];
        map.targetConductances(big, g);
        double[] back = new double[N * M];
        map.weightsOf(g, back);
        assertEquals(highestWeight(map), back[0], 1e-12 * map.weightMax());
        assertEquals(lowestWeight(map), back[1], 1e-12 * map.weightMax());
    }
}
