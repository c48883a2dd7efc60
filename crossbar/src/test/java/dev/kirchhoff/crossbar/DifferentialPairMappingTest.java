package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DifferentialPairMappingTest extends ConductanceMappingContract {
    @Override
    ConductanceMapping mapping(int inputs, int outputs, double[] weights) {
        return DifferentialPairMapping.fitted(inputs, outputs, RANGE, weights);
    }

    @Test
    void scaleAndPairFollowTheStatedEquations() {
        // s = (g_max − g_min)/max|W| = 24 µS/0.6; W = 0.3 → G⁺ = 1 µS + 12 µS, G⁻ = 1 µS.
        double[] w = {0.3, -0.6};
        DifferentialPairMapping map = DifferentialPairMapping.fitted(2, 1, RANGE, w);
        assertEquals(24e-6 / 0.6, map.weightScaleSiemens(), 1e-18);
        double[] g = new double[4];
        map.targetConductances(w, g);
        assertEquals(13e-6, g[0], 1e-18);
        assertEquals(1e-6, g[1], 1e-18);
        assertEquals(1e-6, g[2], 1e-18);
        assertEquals(25e-6, g[3], 1e-18);
    }

    @Test
    void rejectsNanScale() {
        assertThrows(IllegalArgumentException.class, () -> DifferentialPairMapping.of(2, 2, RANGE, Double.NaN));
    }
}
