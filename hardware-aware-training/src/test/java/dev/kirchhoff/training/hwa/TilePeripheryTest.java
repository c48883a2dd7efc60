package dev.kirchhoff.training.hwa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.crossbar.Adc;
import dev.kirchhoff.crossbar.Dac;
import dev.kirchhoff.crossbar.Periphery;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The float periphery against the converters' definitions (Dac, Adc) and its noise law. */
class TilePeripheryTest {
    private static final Periphery NOISELESS = new Periphery(new Dac(8, 1, false), Adc.fixed(8, 10), 0, 0, true,
            false, 0);

    @Test
    void idealPeripheryChangesNothing() {
        TilePeriphery p = new TilePeriphery(Periphery.IDEAL);
        float[] x = {0.3f, -1.7f, 0f, 2.5f};
        float[] y = {4f, -0.25f};
        p.input(x, 2, 2, RandomSource.XO_SHI_RO_256_PP.create(1L));
        p.output(x, 2, y, 2, 1, new float[] {1.5f}, 1, RandomSource.XO_SHI_RO_256_PP.create(2L));
        assertArrayEquals(new float[] {0.3f, -1.7f, 0f, 2.5f}, x);
        assertArrayEquals(new float[] {4f, -0.25f}, y);
    }

    /**
     * With noise management an input row is divided by its max |x| = 2, rounded to the 8-bit DAC
     * grid of step 2/254, and multiplied back: x = 2·rint(v/2·127)/127. The largest input maps
     * to full scale exactly.
     */
    @Test
    void inputIsQuantisedOnTheDacGridOfTheRowsScale() {
        TilePeriphery p = new TilePeriphery(NOISELESS);
        float[] x = {0.3f, -2f, 1.01f, 0f};
        p.input(x, 1, 4, RandomSource.XO_SHI_RO_256_PP.create(1L));
        float[] expected = new float[4];
        float[] raw = {0.3f, -2f, 1.01f, 0f};
        for (int i = 0; i < 4; i++) {
            expected[i] = (float) (2 * new Dac(8, 1, false).convert(raw[i] / 2.0));
        }
        assertArrayEquals(expected, x, 1e-6f);
        assertEquals(-2f, x[1], 0f);
    }

    /**
     * Output: u = y/(α·s_j) is clipped to ±10 and rounded to the 8-bit grid 20/254 before being
     * scaled back; α = max |x| of the input row (here 0.5).
     */
    @Test
    void outputIsClippedAndQuantisedInTheColumnsUnit() {
        TilePeriphery p = new TilePeriphery(NOISELESS);
        float[] x = {0.5f, 0.25f};
        float[] s = {2f, 0.1f};
        float[] y = {3.3f, 7f};
        p.output(x, 2, y, 1, 2, s, 1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        Adc adc = Adc.fixed(8, 10);
        assertEquals(0.5 * 2 * adc.convert(3.3 / (0.5 * 2), 10), y[0], 1e-5);
        assertEquals(0.5 * 0.1 * 10, y[1], 1e-6, "7/(0.5·0.1) = 140 clips at 10");
    }

    /** Output noise: the spread of ỹ − y over 200,000 rows is σ_out·α·s_j, within 2%. */
    @Test
    void outputNoiseIsSigmaOutInTheColumnsUnit() {
        Periphery noisy = new Periphery(Dac.IDEAL, Adc.IDEAL, 0, 0.04, true, false, 0);
        TilePeriphery p = new TilePeriphery(noisy);
        int rows = 200_000;
        float[] x = new float[rows];
        float[] y = new float[rows];
        java.util.Arrays.fill(x, 0.5f);
        java.util.Arrays.fill(y, 1f);
        p.output(x, 1, y, rows, 1, new float[] {3f}, 1, RandomSource.XO_SHI_RO_256_PP.create(5L));
        double sum = 0;
        double sumSq = 0;
        for (float v : y) {
            sum += v - 1;
            sumSq += (v - 1) * (v - 1);
        }
        double sd = Math.sqrt(sumSq / rows - (sum / rows) * (sum / rows));
        double expected = 0.04 * 0.5 * 3;
        assertTrue(Math.abs(sd / expected - 1) < 0.02, "sd " + sd + " vs " + expected);
    }

    @Test
    void boundManagementAndCalibratedAdcAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TilePeriphery(Periphery.AIHWKIT_DEFAULT));
        assertTrue(e.getMessage().contains("boundManagement"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TilePeriphery(
                NOISELESS.withAdc(Adc.percentileCalibrated(8, 99, false))));
        assertTrue(e.getMessage().contains("PERCENTILE"), e.getMessage());
    }
}
