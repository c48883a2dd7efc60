package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void heUniformInitHasTheBoundAndVarianceOfHeEtAl() {
        Mlp m = new Mlp(new int[] {784, 256, 10}, RandomSource.XO_SHI_RO_256_PP.create(7L));
        for (int l = 0; l < m.layers(); l++) {
            // U(−a, a) with a = √(6/n_in) has variance a²/3 = 2/n_in (He et al. 2015, eq. 10)
            double bound = Math.sqrt(6.0 / m.inputs(l));
            float[] w = m.weights(l);
            double sum = 0;
            double sq = 0;
            for (float v : w) {
                assertTrue(Math.abs(v) <= bound, "weight " + v + " outside ±" + bound);
                sum += v;
                sq += (double) v * v;
            }
            double var = sq / w.length - (sum / w.length) * (sum / w.length);
            double expected = 2.0 / m.inputs(l);
            // the sample variance of N uniform draws has relative s.d. √(0.8/N): 0.2 % for layer 0
            // (200,704 weights), 2.8 % for layer 1 (2,560); 5 s.d. of the smaller set is 14 %
            assertEquals(expected, var, 0.14 * expected, "layer " + l);
            assertArrayEquals(new float[m.outputs(l)], m.biases(l), "biases start at zero");
        }
    }

    @Test
    void aSeedFixesTheNetworkAndCopiesAreIndependent() {
        int[] sizes = {5, 4, 3};
        Mlp a = new Mlp(sizes, RandomSource.XO_SHI_RO_256_PP.create(3L));
        Mlp b = new Mlp(sizes, RandomSource.XO_SHI_RO_256_PP.create(3L));
        assertTrue(a.sameParameters(b));
        Mlp c = a.copy();
        c.weights(0)[0] += 1;
        assertFalse(a.sameParameters(c));
        assertEquals(4 * 5 + 4 + 3 * 4 + 3, a.parameterCount());
        assertEquals("Mlp[5-4-3, 39 parameters]", a.toString());
    }

    @Test
    void accessorsReturnTheLiveArrays() {
        Mlp m = new Mlp(new int[] {2, 2}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        m.weights(0)[3] = 0.5f;
        m.biases(0)[1] = -1f;
        assertEquals(0.5f, m.weights(0)[3]);
        assertEquals(-1f, m.biases(0)[1]);
        int[] sizes = m.sizes();
        sizes[0] = 99;
        assertEquals(2, m.inputs(), "sizes() is a copy");
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        var rng = RandomSource.XO_SHI_RO_256_PP.create(1L);
        assertEquals("sizes must have at least 2 entries (inputs and outputs), got [3]",
                assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {3}, rng)).getMessage());
        assertEquals("sizes[1] must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {3, 0, 2}, rng)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {100_000, 100_000}, rng));
        float[][] w = {{1, 2, Float.NaN, 4}};
        float[][] b = {{0, 0}};
        assertEquals("weights[0][2] must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Mlp.of(new int[] {2, 2}, w, b)).getMessage());
        assertEquals("biases[0] must have length 2, got 3", assertThrows(IllegalArgumentException.class,
                () -> Mlp.of(new int[] {2, 2}, new float[][] {{1, 2, 3, 4}}, new float[][] {{0, 0, 0}})).getMessage());
        Mlp ok = Mlp.of(new int[] {2, 2}, new float[][] {{1, 2, 3, 4}}, b);
        assertArrayEquals(new float[] {1, 2, 3, 4}, ok.weights(0));
    }
}
