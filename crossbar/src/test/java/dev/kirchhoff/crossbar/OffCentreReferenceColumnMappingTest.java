package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A reference column 3/8 of the way up the window (the symmetry point of soft-bounds devices
 * whose depression step is 5/3 of their potentiation step): the contract holds with
 * {@code w_max = max|W|/0.75}, so that the most negative weight still fits below the reference.
 */
class OffCentreReferenceColumnMappingTest extends ConductanceMappingContract {
    static final double REFERENCE = RANGE.gMinSiemens() + 0.375 * RANGE.widthSiemens();

    @Override
    ConductanceMapping mapping(int inputs, int outputs, double[] weights) {
        double max = ConductanceMapping.maxAbs(weights);
        return ReferenceColumnMapping.of(inputs, outputs, RANGE, (max > 0 ? max : 1) / 0.75, REFERENCE);
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
     * s = W/(2·w_max) as for a centred reference, so with w_max = 1 the window holds
     * [−0.75, 1.25]: 0.375·W below the reference is 0.75 weight units, 0.625·W above is 1.25.
     */
    @Test
    void windowHoldsAnAsymmetricWeightRange() {
        ReferenceColumnMapping map = ReferenceColumnMapping.of(2, 3, RANGE, 1.0, REFERENCE);
        assertEquals(RANGE.widthSiemens() / 2, map.weightScaleSiemens(), 1e-18);
        assertEquals(-0.75, map.weightLow(), 1e-12);
        assertEquals(1.25, map.weightHigh(), 1e-12);
        double[] w = {0, 1.25, -0.75, 2, -2, 0.5};
        double[] g = new double[2 * 4];
        map.targetConductances(w, g);
        // Row i holds W[0][i], W[1][i], W[2][i], then the reference; W[j][i] = w[2j + i].
        assertEquals(REFERENCE, g[0], 1e-18);
        assertEquals(-0.75, (g[1] - REFERENCE) / map.weightScaleSiemens(), 1e-12);
        assertEquals(RANGE.gMinSiemens(), g[2], 1e-18, "−2 is clipped to g_min");
        assertEquals(REFERENCE, g[3], 1e-18);
        assertEquals(RANGE.gMaxSiemens(), g[4], 1e-18, "1.25 is g_max");
        assertEquals(RANGE.gMaxSiemens(), g[5], 1e-18, "2 is clipped to g_max");
        assertEquals(REFERENCE + 0.5 * map.weightScaleSiemens(), g[6], 1e-18);
        assertEquals(REFERENCE, g[7], 1e-18);
        assertTrue(map.toString().contains("referenceSiemens"), map.toString());
    }

    @Test
    void rejectsAReferenceOutsideTheWindow() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> ReferenceColumnMapping.of(2, 3, RANGE, 1.0, 30e-6)).getMessage();
        assertTrue(msg.contains("referenceSiemens") && msg.contains("3.0E-5"), msg);
    }
}
