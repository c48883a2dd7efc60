package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LinearStepTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    private static final double CENTRE = 13e-6;
    private static final double W = 24e-6;

    @Override
    protected PulsedDeviceModel noiseless() {
        return new LinearStep(RANGE, 0.5e-6, 0.4e-6, 0.6, 0.9, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return new LinearStep(RANGE, 0.5e-6, 0.4e-6, 0.6, 0.9,
                PulseVariability.AIHWKIT_DEFAULT.withExponentDtod(0.2).withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * Noise-free up pulses are the affine recursion u ← u·q + Δg⁺ for u = G − G_c, with
     * q = 1 − 2γ⁺Δg⁺/W; its closed form is G_n = G* − (G* − G₀)q^n, G* = G_c + W/(2γ⁺). With
     * γ⁺ = 0.6, Δg⁺ = 0.3 µS, W = 24 µS: q = 0.985 and G* = 33 µS, beyond gMax = 25 µS, which
     * G₀ = 2 µS reaches after ln(31/8)/−ln(0.985) ≈ 89.6 pulses; after that G stays at gMax.
     * Tolerance 1e-12 relative: only rounding separates the recursion from the power.
     */
    @Test
    void potentiationFollowsTheAffineClosedForm() {
        double gamma = 0.6;
        double step = 0.3e-6;
        PulsedDeviceArray a = new LinearStep(RANGE, step, 0.2e-6, gamma, 0.5, PulseVariability.NONE).create(1, rng(1));
        double g0 = 2e-6;
        a.fill(g0);
        double q = 1 - 2 * gamma * step / W;
        double gStar = CENTRE + W / (2 * gamma);
        for (int n = 1; n <= 120; n++) {
            a.applyPulse(+1, rng(2));
            double expected = Math.min(gStar - (gStar - g0) * Math.pow(q, n), RANGE.gMaxSiemens());
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
        assertEquals(RANGE.gMaxSiemens(), a.conductance(0), 0.0);
    }

    /**
     * Down pulses: u ← u·q − Δg⁻ with q = 1 − 2γ⁻Δg⁻/W, so G_n = G* + (G₀ − G*)q^n with
     * G* = G_c − W/(2γ⁻). γ⁻ = 0.8, Δg⁻ = 0.25 µS: q = 1 − 1/60, G* = −2 µS; from 24 µS the
     * bound gMin = 1 µS is reached after ln(26/3)/−ln(q) ≈ 128.5 pulses.
     */
    @Test
    void depressionFollowsTheAffineClosedForm() {
        double gamma = 0.8;
        double step = 0.25e-6;
        PulsedDeviceArray a = new LinearStep(RANGE, 0.3e-6, step, 0.5, gamma, PulseVariability.NONE).create(1, rng(1));
        double g0 = 24e-6;
        a.fill(g0);
        double q = 1 - 2 * gamma * step / W;
        double gStar = CENTRE - W / (2 * gamma);
        for (int n = 1; n <= 150; n++) {
            a.applyPulse(-1, rng(2));
            double expected = Math.max(gStar + (g0 - gStar) * Math.pow(q, n), RANGE.gMinSiemens());
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
        assertEquals(RANGE.gMinSiemens(), a.conductance(0), 0.0);
    }

    /** γ = 0 is a constant step: at any G the step is exactly Δg. */
    @Test
    void zeroSlopeIsAConstantStep() {
        double step = 0.3e-6;
        PulsedDeviceArray a = LinearStep.of(RANGE, step, 0, PulseVariability.NONE).create(1, rng(1));
        for (double g0 : new double[] {2e-6, 13e-6, 20e-6}) {
            a.fill(g0);
            a.applyPulse(+1, rng(2));
            assertEquals(g0 + step, a.conductance(0), 1e-15 * g0);
            a.fill(g0);
            a.applyPulse(-1, rng(2));
            assertEquals(g0 - step, a.conductance(0), 1e-15 * g0);
        }
    }

    /**
     * With γ⁺ = 2 the up factor 1 − 2(G − G_c)/(W/2) is zero at G_c + W/4 = 19 µS and negative
     * above; the factor is clipped at 0, so an up pulse at 22 µS leaves G where it is (aihwkit
     * would lower it).
     */
    @Test
    void upPulseNeverLowersTheConductance() {
        PulsedDeviceArray a = LinearStep.of(RANGE, 0.3e-6, 2.0, PulseVariability.NONE).create(1, rng(1));
        a.fill(22e-6);
        a.applyPulse(+1, rng(2));
        assertEquals(22e-6, a.conductance(0), 0.0);
    }

    /** The drawn slopes: γ⁺_i/γ⁺ = |1 + 0.2ξ| over 20,000 devices has σ 0.2 within 4 standard errors (0.0057). */
    @Test
    void slopeSpreadHasTheConfiguredSigma() {
        int n = 20_000;
        LinearStep.Array a = (LinearStep.Array) LinearStep.of(RANGE, 0.3e-6, 0.5,
                PulseVariability.NONE.withExponentDtod(0.2)).create(n, rng(5));
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double rel = a.gammaDown(i) / 0.5;
            sum += rel;
            sumSq += rel * rel;
        }
        double mean = sum / n;
        double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        assertEquals(1, mean, 4 * 0.2 / Math.sqrt(n));
        assertEquals(0.2, sd, 4 * 0.2 / Math.sqrt(2.0 * (n - 1)));
        assertTrue(a.gammaUp(0) != a.gammaUp(1), "slopes are drawn per device");
    }

    @Test
    void defaultsAreTheEcRamSlopes() {
        LinearStep d = LinearStep.defaults(RANGE);
        assertEquals(0.1153, d.gammaUp(), 0.0);
        assertEquals(0.5085, d.gammaDown(), 0.0);
        assertEquals(RANGE.widthSiemens() / 1200, d.stepUpSiemens(), 1e-15 * RANGE.widthSiemens());
        assertEquals(LinearStep.NAME, d.modelName());
    }

    @Test
    void rejectsImpossibleParameters() {
        PulseVariability v = PulseVariability.NONE;
        assertThrows(IllegalArgumentException.class, () -> LinearStep.of(RANGE, Double.NaN, 0.5, v));
        assertThrows(IllegalArgumentException.class, () -> LinearStep.of(RANGE, -1e-6, 0.5, v));
        assertThrows(IllegalArgumentException.class, () -> LinearStep.of(RANGE, 30e-6, 0.5, v));
        assertThrows(IllegalArgumentException.class, () -> LinearStep.of(RANGE, 1e-6, Double.NaN, v));
        assertThrows(IllegalArgumentException.class, () -> LinearStep.of(RANGE, 1e-6, -0.1, v));
        assertThrows(IllegalArgumentException.class, () -> new LinearStep(RANGE, 1e-6, 1e-6, 0.5, Double.POSITIVE_INFINITY, v));
    }
}
