package dev.kirchhoff.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PartialSumAccumulatorTest {
    /**
     * 8 bits, F = 1: lsb = 1/128, codes −128 … 127. 0.3 → rint(38.4) = 38, so 0.3 + 0.3 = 76/128;
     * ties go to even: 2.5 lsb → 2, 3.5 lsb → 4; 0.9 → 115 and 115 + 115 saturates at 127
     * (0.9921875), −0.9 − 0.9 at −128 (−1). All exact in binary, so compared exactly.
     */
    @Test
    void roundsToNearestTiesToEvenAndSaturates() {
        PartialSumAccumulator a = PartialSumAccumulator.fixedPoint(8, 1.0);
        assertEquals(1.0 / 128, a.lsb());
        assertEquals(-128, a.minCode());
        assertEquals(127, a.maxCode());
        assertEquals(76.0 / 128, a.accumulate(new double[] {0.3, 0.3}, 0, 1, 2), 0.0);
        assertEquals(2, a.code(2.5 / 128));
        assertEquals(4, a.code(3.5 / 128));
        assertEquals(-2, a.code(-2.5 / 128));
        assertEquals(127.0 / 128, a.accumulate(new double[] {0.9, 0.9}, 0, 1, 2), 0.0);
        assertEquals(-1.0, a.accumulate(new double[] {-0.9, -0.9}, 0, 1, 2), 0.0);
        assertEquals(127, a.code(1e300));
        assertEquals(-128, a.code(-1e300));
        // saturation is per add: 127 then −0.5 gives 127 − 64, not (230 − 64) clipped
        assertEquals(63.0 / 128, a.accumulate(new double[] {0.9, 0.9, -0.5}, 0, 1, 3), 0.0);
    }

    /**
     * Without saturation, R partial sums each rounded once land within R·lsb/2 of their exact sum
     * (the integer additions are exact). Checked on 10,000 random sets of up to 8 partials at
     * 12 bits, F = 64 (sums ≤ 8 ≪ F), and the bound is nearly reached.
     */
    @Test
    void errorWithinHalfLsbPerPartial() {
        PartialSumAccumulator a = PartialSumAccumulator.fixedPoint(12, 64.0);
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(3L);
        double worst = 0;
        double[] p = new double[8];
        for (int t = 0; t < 10_000; t++) {
            int count = 1 + r.nextInt(8);
            double exact = 0;
            for (int k = 0; k < count; k++) {
                p[k] = 2 * r.nextDouble() - 1;
                exact += p[k];
            }
            double err = Math.abs(a.accumulate(p, 0, 1, count) - exact);
            double bound = count * a.lsb() / 2;
            assertTrue(err <= bound * (1 + 1e-12), err + " > " + bound);
            worst = Math.max(worst, err / bound);
        }
        assertTrue(worst > 0.5, "worst " + worst);
    }

    /** Exact mode adds left to right in double: the same bits as the plain loop. */
    @Test
    void exactModeIsThePlainSum() {
        double[] p = {0.1, 0.2, 0.3, 1e-17, -0.6};
        double s = 0;
        for (double v : p) {
            s += v;
        }
        assertEquals(s, PartialSumAccumulator.EXACT.accumulate(p, 0, 1, p.length), 0.0);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PartialSumAccumulator(1, 1)).getMessage()
                .contains("bits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PartialSumAccumulator(63, 1)).getMessage()
                .contains("bits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PartialSumAccumulator(8, Double.NaN))
                .getMessage().contains("fullScale"));
        assertThrows(IllegalArgumentException.class, () -> PartialSumAccumulator.fixedPoint(0, 1));
    }
}
