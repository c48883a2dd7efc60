package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PowStepTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);

    @Override
    protected PulsedDeviceModel noiseless() {
        return new PowStep(RANGE, 0.5e-6, 0.4e-6, 1.5, 2.0, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return new PowStep(RANGE, 0.5e-6, 0.4e-6, 1.5, 2.0,
                PulseVariability.AIHWKIT_DEFAULT.withExponentDtod(0.2).withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * γ = 1 is soft bounds: G ← G + Δg(gMax − G)/W, whose closed form is
     * G_n = gMax − (gMax − G₀)(1 − Δg/W)^n. Only rounding separates the recursion from the power
     * (the pow call with exponent 1 is exact), so the tolerance is 1e-12 relative.
     */
    @Test
    void gammaOneFollowsTheSoftBoundsClosedForm() {
        double step = 0.7e-6;
        PulsedDeviceArray a = PowStep.of(RANGE, step, 1.0, PulseVariability.NONE).create(1, rng(1));
        double g0 = 3e-6;
        a.fill(g0);
        double w = RANGE.widthSiemens();
        for (int n = 1; n <= 200; n++) {
            a.applyPulse(+1, rng(2));
            double expected = RANGE.gMaxSiemens() - (RANGE.gMaxSiemens() - g0) * Math.pow(1 - step / w, n);
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
    }

    /** Depression mirrors it: G_n = gMin + (G₀ − gMin)(1 − Δg⁻/W)^n. */
    @Test
    void gammaOneDepressionFollowsTheSoftBoundsClosedForm() {
        double stepDown = 0.4e-6;
        PulsedDeviceArray a = new PowStep(RANGE, 0.5e-6, stepDown, 1, 1, PulseVariability.NONE).create(1, rng(1));
        double g0 = 20e-6;
        a.fill(g0);
        double w = RANGE.widthSiemens();
        for (int n = 1; n <= 200; n++) {
            a.applyPulse(-1, rng(2));
            double expected = RANGE.gMinSiemens() + (g0 - RANGE.gMinSiemens()) * Math.pow(1 - stepDown / w, n);
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
    }

    /**
     * One pulse with γ⁺ = 2.5, γ⁻ = 0.5 from G = 7 µS in [1, 25] µS: the relative distances are
     * (25 − 7)/24 = 0.75 up and (7 − 1)/24 = 0.25 down, so the steps are Δg⁺·0.75^2.5 and
     * Δg⁻·0.25^0.5 = Δg⁻/2, written out here with the literal distances. Tolerance 1e-14 of G
     * (a few ulps of the 1e-5 S state).
     */
    @Test
    void oneStepMatchesThePowerLaw() {
        double up = 0.6e-6;
        double down = 0.8e-6;
        PowStep m = new PowStep(RANGE, up, down, 2.5, 0.5, PulseVariability.NONE);
        double g0 = 7e-6;
        PulsedDeviceArray a = m.create(1, rng(1));
        a.fill(g0);
        a.applyPulse(+1, rng(2));
        assertEquals(g0 + up * Math.pow(0.75, 2.5), a.conductance(0), 1e-14 * g0);
        a.fill(g0);
        a.applyPulse(-1, rng(2));
        assertEquals(g0 - down * 0.5, a.conductance(0), 1e-14 * g0);
    }

    /**
     * Exponent spread: from the window centre the up step is Δg·(1/2)^γ_i, so γ_i = −log₂(step/Δg).
     * With γ = 1.5 and exponentDtod 0.1, γ_i/γ = |1 + 0.1ξ_i| (the |·| matters only for ξ &lt; −10)
     * has mean 1 and σ = 0.1. Over 20,000 devices the standard errors are σ/141 (mean) and σ/200
     * (standard deviation); a replicate falls outside 3 standard errors with probability ≈ 0.0054,
     * so two or more of ten replicates outside has probability ≈ 1.3e-3.
     */
    @Test
    void exponentSpreadHasTheConfiguredSigma() {
        int devices = 20_000;
        double gamma = 1.5;
        double sigma = 0.1;
        double step = ConstantStep.AIHWKIT_RELATIVE_STEP * RANGE.widthSiemens();
        double g0 = 0.5 * (RANGE.gMinSiemens() + RANGE.gMaxSiemens());
        int outside = 0;
        for (int rep = 0; rep < 10; rep++) {
            UniformRandomProvider r = rng(200 + rep);
            PulsedDeviceArray a = PowStep.of(RANGE, step, gamma, PulseVariability.NONE.withExponentDtod(sigma))
                    .create(devices, r);
            a.fill(g0);
            a.applyPulse(+1, r);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < devices; i++) {
                double rel = -Math.log((a.conductance(i) - g0) / step) / Math.log(2) / gamma;
                sum += rel;
                sumSq += rel * rel;
            }
            double mean = sum / devices;
            double sd = Math.sqrt((sumSq - devices * mean * mean) / (devices - 1));
            boolean meanOk = Math.abs(mean - 1) <= 3 * sigma / Math.sqrt(devices);
            boolean sdOk = Math.abs(sd - sigma) <= 3 * sigma / Math.sqrt(2.0 * (devices - 1));
            if (!meanOk || !sdOk) {
                outside++;
            }
        }
        assertTrue(outside <= 1, outside + " of 10 replicates outside 3 standard errors");
    }

    /** The up and down exponents share one draw per device, as aihwkit's pow_gamma_dtod gain. */
    @Test
    void upAndDownExponentsShareTheDeviceDraw() {
        PowStep.Array a = (PowStep.Array) new PowStep(RANGE, 0.5e-6, 0.5e-6, 1.5, 3.0,
                PulseVariability.NONE.withExponentDtod(0.2)).create(100, rng(3));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(2 * a.gammaUp(i), a.gammaDown(i), 1e-15 * a.gammaDown(i));
        }
    }

    @Test
    void defaultsAreAihwkits() {
        PowStep d = PowStep.defaults(RANGE);
        assertEquals(1.0, d.gammaUp(), 0.0);
        assertEquals(1.0, d.gammaDown(), 0.0);
        assertEquals(0.1, d.variability().exponentDtod(), 0.0);
        assertEquals(RANGE.widthSiemens() / 1200, d.stepUpSiemens(), 1e-15 * RANGE.widthSiemens());
        assertEquals(PowStep.NAME, d.modelName());
    }

    @Test
    void rejectsImpossibleParameters() {
        PulseVariability v = PulseVariability.NONE;
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, Double.NaN, 1, v));
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, -1e-6, 1, v));
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, 30e-6, 1, v));
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, 1e-6, Double.NaN, v));
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, 1e-6, -1, v));
        assertThrows(IllegalArgumentException.class, () -> PowStep.of(RANGE, 1e-6, 0, v));
        assertThrows(IllegalArgumentException.class, () -> new PowStep(RANGE, 1e-6, 1e-6, 1, Double.POSITIVE_INFINITY, v));
    }
}
