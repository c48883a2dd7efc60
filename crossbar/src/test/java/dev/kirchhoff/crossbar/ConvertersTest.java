package dev.kirchhoff.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** DAC and ADC levels, bounds, stochastic rounding and argument checks. */
class ConvertersTest {
    @Test
    void aihwkitDacHas127LevelsOfStepOneOver63() {
        // MODELS.md §4: inputs in [−1, 1] at 7 bits, resolution 1/126 of the range: Δ = 2/126.
        Dac dac = Dac.AIHWKIT_DEFAULT;
        assertEquals(2.0 / 126, dac.step(), 0);
        TreeSet<Double> levels = new TreeSet<>();
        for (int k = -30000; k <= 30000; k++) {
            levels.add(dac.convert(k * 7.5e-5) + 0.0); // + 0.0 merges −0.0 into 0.0
        }
        assertEquals(127, levels.size());
        assertEquals(-1.0, levels.first(), 0);
        assertEquals(1.0, levels.last(), 0);
        assertEquals(19.0 / 63, dac.convert(0.3), 1e-15);
        assertEquals(1.0, dac.convert(7.5), 0);
        assertEquals(-1.0, dac.convert(-1.0), 0);
        assertEquals(0.0, dac.convert(0.5 / 63 - 1e-12), 0);
    }

    @Test
    void aihwkitAdcHas511LevelsOfStep24Over510() {
        // MODELS.md §4: outputs bound ±12 at 9 bits, resolution 1/510 of the range.
        Adc adc = Adc.AIHWKIT_DEFAULT;
        double step = 24.0 / 510;
        assertEquals(step, 12 * adc.relativeStep(), 1e-15);
        TreeSet<Double> levels = new TreeSet<>();
        for (int k = -20000; k <= 20000; k++) {
            levels.add(adc.convert(k * 7e-4, 12) + 0.0);
        }
        assertEquals(511, levels.size());
        assertEquals(-12, levels.first(), 0);
        assertEquals(12, levels.last(), 0);
        assertEquals(12, adc.convert(12.5, 12), 0);
        assertEquals(-12, adc.convert(-40, 12), 0);
        assertEquals(step * 17, adc.convert(step * 17.3, 12), 1e-14);
    }

    @Test
    void idealConvertersPassValuesThrough() {
        assertEquals(123.456, Dac.IDEAL.convert(123.456), 0);
        assertEquals(-1e9, Adc.IDEAL.convert(-1e9, Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void stochasticRoundingIsUnbiased() {
        // For v between levels l and l+Δ at fraction f, q = l + Δ·Bernoulli(f): E[q] = v,
        // sd of the mean of n draws = Δ·√(f(1−f)/n). Fixed seed; bound 5 sd per value.
        Dac dac = new Dac(5, 1.0, true);
        double step = dac.step();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20260101L);
        int n = 40000;
        for (double v : new double[] {0.013, -0.29, 7.3 * step, 0.97, -0.999}) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double q = dac.convert(v, rng);
                double r = q / step;
                assertEquals(Math.rint(r), r, 1e-9, "a level");
                sum += q;
            }
            double f = v / step - Math.floor(v / step);
            double sd = step * Math.sqrt(f * (1 - f) / n);
            assertEquals(v, sum / n, 5 * sd + 1e-15, "mean of stochastic rounding of " + v);
        }
        // Deterministic rounding of the same value is biased by construction.
        double v = 7.3 * step;
        assertEquals(0.3 * step, v - dac.convert(v), 1e-15);
    }

    @Test
    void argumentChecksNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dac(7, Double.NaN, false));
        assertTrue(e.getMessage().contains("bound") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dac(1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new Dac(7, Double.POSITIVE_INFINITY, false));
        assertThrows(IllegalArgumentException.class, () -> Adc.fixed(9, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Adc.percentileCalibrated(9, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> Adc.percentileCalibrated(9, 0, false));
        e = assertThrows(IllegalArgumentException.class, () -> Periphery.AIHWKIT_DEFAULT.withOutputNoiseStd(Double.NaN));
        assertTrue(e.getMessage().contains("outputNoiseStd"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Periphery.IDEAL.withMaxBoundHalvings(-1));
        e = assertThrows(IllegalArgumentException.class, () -> TileConfig.IDEAL.withReadVoltageVolts(Double.NaN));
        assertTrue(e.getMessage().contains("readVoltageVolts"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TileConfig.IDEAL.withBackward(Periphery.IDEAL.withAdc(Adc.percentileCalibrated(9, 99, true))));
    }
}
