package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class BitSlicedMappingTest extends ConductanceMappingContract {
    @Override
    ConductanceMapping mapping(int inputs, int outputs, double[] weights) {
        return BitSlicedMapping.fitted(inputs, outputs, 3, 4, RANGE, weights);
    }

    /** W_q = sign(W)·round(Q·|W|/w_max)·w_max/Q, the encoding of the class comment. */
    @Override
    double[] heldWeights(ConductanceMapping mapping, double[] weights) {
        BitSlicedMapping b = (BitSlicedMapping) mapping;
        double[] q = new double[weights.length];
        for (int k = 0; k < q.length; k++) {
            double a = Math.min(Math.abs(weights[k]), b.weightMax());
            q[k] = Math.signum(weights[k]) * Math.round(b.levels() * a / b.weightMax()) * b.weightMax() / b.levels();
        }
        return q;
    }

    @Test
    void quantisationErrorIsWithinHalfALeastSignificantStep() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        double[] w = random(rng, 40 * 50, 0.9);
        BitSlicedMapping map = BitSlicedMapping.fitted(50, 40, 2, 8, RANGE, w);
        assertEquals(63, map.levels());
        double[] g = new double[50 * map.columns()];
        map.targetConductances(w, g);
        double[] back = new double[w.length];
        map.weightsOf(g, back);
        double bound = map.quantisationBound();
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double err = Math.abs(back[k] - w[k]);
            assertTrue(err <= bound * (1 + 1e-12), "W[" + k + "]: error " + err + " > bound " + bound);
            worst = Math.max(worst, err);
        }
        // 2000 uniform weights: the worst error comes close to the bound (it is tight).
        assertTrue(worst > 0.95 * bound, "worst " + worst);
    }

    @Test
    void digitsAreTheBaseExpansion() {
        // Q = 4³ − 1 = 63; W = w_max·27/63 → n = 27 = 3 + 2·4 + 1·16: digits 3, 2, 1.
        double[] w = {27.0 / 63};
        BitSlicedMapping map = BitSlicedMapping.of(1, 1, 3, 4, RANGE, 1.0);
        double[] g = new double[6];
        map.targetConductances(w, g);
        double delta = RANGE.widthSiemens() / 3;
        assertEquals(1e-6 + 3 * delta, g[map.column(0, 0, 0)], 1e-18);
        assertEquals(1e-6 + 2 * delta, g[map.column(0, 1, 0)], 1e-18);
        assertEquals(1e-6 + 1 * delta, g[map.column(0, 2, 0)], 1e-18);
        for (int k = 0; k < 3; k++) {
            assertEquals(1e-6, g[map.column(0, k, 1)], 1e-18);
        }
    }
}
