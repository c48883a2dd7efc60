package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReferenceColumnMappingTest extends ConductanceMappingContract {
    @Override
    ConductanceMapping mapping(int inputs, int outputs, double[] weights) {
        return ReferenceColumnMapping.fitted(inputs, outputs, RANGE, weights);
    }

    @Test
    void referenceColumnSitsMidWindow() {
        double[] w = {0.5, -0.5};
        ReferenceColumnMapping map = ReferenceColumnMapping.fitted(1, 2, RANGE, w);
        double[] g = new double[3];
        map.targetConductances(w, g);
        assertEquals(13e-6, map.referenceSiemens(), 1e-18);
        assertEquals(25e-6, g[0], 1e-18);
        assertEquals(1e-6, g[1], 1e-18);
        assertEquals(13e-6, g[2], 1e-18);
    }
}
