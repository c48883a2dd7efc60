package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ConstantStepTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);

    @Override
    protected PulsedDeviceModel noiseless() {
        return ConstantStep.of(RANGE, 0.5e-6, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return ConstantStep.of(RANGE, 0.5e-6, PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * Noise-free constant steps add up: G_n = min(G₀ + n·Δg⁺, gMax). From 3 µS with 0.7 µS steps the
     * bound (25 µS) is reached at n = 32 and held afterwards. The recursion differs from G₀ + nΔg
     * only by n roundings of ≈ 1 ulp, far below the 1e-12 relative tolerance.
     */
    @Test
    void potentiationAddsTheStepUntilTheBound() {
        double step = 0.7e-6;
        PulsedDeviceArray a = new ConstantStep(RANGE, step, 0.3e-6, PulseVariability.NONE).create(1, rng(1));
        double g0 = 3e-6;
        a.fill(g0);
        for (int n = 1; n <= 40; n++) {
            a.applyPulse(+1, rng(2));
            double expected = Math.min(g0 + n * step, RANGE.gMaxSiemens());
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
        assertEquals(RANGE.gMaxSiemens(), a.conductance(0), 0.0);
    }

    /** Depression with its own step: G_n = max(G₀ − n·Δg⁻, gMin); 0.3 µS from 20 µS hits 1 µS at n = 64. */
    @Test
    void depressionSubtractsItsOwnStepUntilTheBound() {
        double stepDown = 0.3e-6;
        PulsedDeviceArray a = new ConstantStep(RANGE, 0.7e-6, stepDown, PulseVariability.NONE).create(1, rng(1));
        double g0 = 20e-6;
        a.fill(g0);
        for (int n = 1; n <= 70; n++) {
            a.applyPulse(-1, rng(2));
            double expected = Math.max(g0 - n * stepDown, RANGE.gMinSiemens());
            assertEquals(expected, a.conductance(0), 1e-12 * g0, "after pulse " + n);
        }
        assertEquals(RANGE.gMinSiemens(), a.conductance(0), 0.0);
    }

    private static final int DEVICES = 20_000;
    private static final int REPLICATES = 10;

    /** One up pulse on each of DEVICES devices from the window centre; returns step_i/Δg. */
    private static double[] relativeSteps(PulseVariability v, long seed) {
        double step = ConstantStep.AIHWKIT_RELATIVE_STEP * RANGE.widthSiemens(); // 20 nS: no device reaches a bound
        UniformRandomProvider r = rng(seed);
        PulsedDeviceArray a = ConstantStep.of(RANGE, step, v).create(DEVICES, r);
        double g0 = 0.5 * (RANGE.gMinSiemens() + RANGE.gMaxSiemens());
        a.fill(g0);
        a.applyPulse(+1, r);
        double[] s = new double[DEVICES];
        for (int i = 0; i < DEVICES; i++) {
            s[i] = (a.conductance(i) - g0) / step;
        }
        return s;
    }

    /**
     * Counts replicates whose sample mean or sample standard deviation of step/Δg lies more than
     * three standard errors from (1, σ). For n normal draws the standard error of the mean is σ/√n
     * and that of the sample standard deviation σ/√(2(n − 1)) (n = 20,000: σ/141 and σ/200). A
     * correct model leaves a replicate outside with probability ≈ 2·0.0027, so two or more of ten
     * outside happens with probability ≈ 1.3e-3; the seeds are fixed, so the test is reproducible.
     */
    private static int replicatesOutside(PulseVariability v, double sigma) {
        int outside = 0;
        for (int rep = 0; rep < REPLICATES; rep++) {
            double[] s = relativeSteps(v, 100 + rep);
            double mean = 0;
            for (double x : s) {
                mean += x;
            }
            mean /= s.length;
            double ss = 0;
            for (double x : s) {
                ss += (x - mean) * (x - mean);
            }
            double sd = Math.sqrt(ss / (s.length - 1));
            boolean meanOk = Math.abs(mean - 1) <= 3 * sigma / Math.sqrt(s.length);
            boolean sdOk = Math.abs(sd - sigma) <= 3 * sigma / Math.sqrt(2.0 * (s.length - 1));
            if (!meanOk || !sdOk) {
                outside++;
            }
        }
        return outside;
    }

    /** With only cycle-to-cycle noise, step_i/Δg = 1 + c2c·ξ_i: mean 1, σ = c2c = 0.3. */
    @Test
    void cycleToCycleNoiseHasTheConfiguredSigma() {
        PulseVariability v = PulseVariability.NONE.withC2cStd(0.3);
        int outside = replicatesOutside(v, 0.3);
        assertTrue(outside <= 1, outside + " of " + REPLICATES + " replicates outside 3 standard errors");
    }

    /**
     * With only the device-to-device step spread, step_i/Δg = upScale_i = max(1 + stepDtod·ξ_i, 0):
     * mean 1, σ = stepDtod = 0.3. The clip at 0 touches ξ &lt; −3.33 (probability 4e-4) and moves the
     * variance by ≈ 3e-6 of 0.09, far inside the tolerance.
     */
    @Test
    void deviceToDeviceStepGainsHaveTheConfiguredSigma() {
        PulseVariability v = PulseVariability.NONE.withStepDtod(0.3);
        int outside = replicatesOutside(v, 0.3);
        assertTrue(outside <= 1, outside + " of " + REPLICATES + " replicates outside 3 standard errors");
    }

    @Test
    void defaultsAreAihwkitGranularity() {
        ConstantStep d = ConstantStep.defaults(RANGE);
        assertEquals(RANGE.widthSiemens() / 1200, d.stepUpSiemens(), 1e-15 * RANGE.widthSiemens());
        assertEquals(d.stepUpSiemens(), d.stepDownSiemens(), 0.0);
        assertEquals(PulseVariability.AIHWKIT_DEFAULT, d.variability());
        assertEquals(ConstantStep.NAME, d.modelName());
    }

    @Test
    void rejectsImpossibleParameters() {
        PulseVariability v = PulseVariability.NONE;
        assertThrows(IllegalArgumentException.class, () -> ConstantStep.of(RANGE, Double.NaN, v));
        assertThrows(IllegalArgumentException.class, () -> ConstantStep.of(RANGE, -1e-6, v));
        assertThrows(IllegalArgumentException.class, () -> ConstantStep.of(RANGE, 0, v));
        assertThrows(IllegalArgumentException.class, () -> new ConstantStep(RANGE, 1e-6, Double.NaN, v));
        assertThrows(IllegalArgumentException.class, () -> new ConstantStep(RANGE, 1e-6, Double.POSITIVE_INFINITY, v));
        assertThrows(IllegalArgumentException.class, () -> ConstantStep.of(RANGE, 30e-6, v));
    }
}
