package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ExpStepTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);

    @Override
    protected PulsedDeviceModel noiseless() {
        return ExpStep.defaults(RANGE, 0.5e-6).withVariability(PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return ExpStep.defaults(RANGE, 0.5e-6)
                .withVariability(PulseVariability.AIHWKIT_DEFAULT.withExponentDtod(0.1).withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * One pulse against aihwkit's update_once written out here from its source: with w = G − G_c
     * (G_c = 13 µS, the window centre, aihwkit's w = 0 for w_max = −w_min) and b_max − b_min = W,
     * z = 2a·w/W + b; up adds Δg·max(1 − A_up·e^(γ_up·z), 0), down subtracts
     * Δg·max(1 − A_down·e^(−γ_down·z), 0). Checked at the bounds, the centre and in between;
     * tolerance 1e-14 of G (a few ulps of the state).
     */
    @Test
    void oneStepMatchesAihwkitsFormula() {
        double step = 0.5e-6;
        double a = 0.244;
        double b = 0.2425;
        double wMax = 12e-6; // W/2
        double wMin = -12e-6;
        PulsedDeviceArray dev = ExpStep.defaults(RANGE, step).withVariability(PulseVariability.NONE).create(1, rng(1));
        for (double g0 : new double[] {1e-6, 4e-6, 13e-6, 19.5e-6, 25e-6}) {
            double w = g0 - 13e-6;
            double z = 2 * w / (wMax - wMin) * a + b;
            double yUp = Math.max(1 - 0.00081 * Math.exp(12.44625 * z), 0);
            double yDown = Math.max(1 - 0.36833 * Math.exp(12.78785 * (-z)), 0);
            dev.fill(g0);
            dev.applyPulse(+1, rng(2));
            assertEquals(RANGE.clip(g0 + step * yUp), dev.conductance(0), 1e-14 * g0, "up from " + g0);
            dev.fill(g0);
            dev.applyPulse(-1, rng(2));
            assertEquals(RANGE.clip(g0 - step * yDown), dev.conductance(0), 1e-14 * g0, "down from " + g0);
        }
    }

    /**
     * The factors clip at 0: with A_down = 5, γ_down = 1, a = 1, b = 0, at G = 3 µS
     * z = 2·(3 − 13)/24 = −0.833 and 1 − 5·e^(0.833) ≈ −10.5 &lt; 0, so a down pulse leaves G where it
     * is; A_up = 0 makes every up step exactly Δg.
     */
    @Test
    void factorsClipAtZero() {
        double step = 0.5e-6;
        ExpStep m = new ExpStep(RANGE, step, step, 0, 5, 1, 1, 1, 0, PulseVariability.NONE);
        PulsedDeviceArray dev = m.create(1, rng(1));
        dev.fill(3e-6);
        double before = dev.conductance(0);
        dev.applyPulse(+1, rng(2));
        assertEquals(before + step, dev.conductance(0), 1e-15 * before);
        dev.fill(3e-6);
        dev.applyPulse(-1, rng(2));
        assertEquals(3e-6, dev.conductance(0), 0.0);
    }

    /**
     * Moving the reference to the bottom of the window is the same as b → b − a for a device of
     * nominal width: a fit with w = G − gMin, z' = 2a(G − gMin)/W + b', equals this model's z when
     * b = b' + a. Check one up step of each against z' computed directly.
     */
    @Test
    void bottomReferencedFitCarriesOverWithShiftedOffset() {
        double step = 0.5e-6;
        double a = 0.5;
        double bPrime = -0.3;
        ExpStep m = new ExpStep(RANGE, step, step, 0.2, 0.2, 2.0, 2.0, a, bPrime + a, PulseVariability.NONE);
        PulsedDeviceArray dev = m.create(1, rng(1));
        double g0 = 7e-6;
        dev.fill(g0);
        dev.applyPulse(+1, rng(2));
        double zPrime = 2 * a * (g0 - 1e-6) / 24e-6 + bPrime;
        assertEquals(g0 + step * (1 - 0.2 * Math.exp(2.0 * zPrime)), dev.conductance(0), 1e-14 * g0);
    }

    @Test
    void defaultsAreAihwkits() {
        ExpStep d = ExpStep.defaults(RANGE);
        assertEquals(0.00081, d.amplitudeUp(), 0.0);
        assertEquals(0.36833, d.amplitudeDown(), 0.0);
        assertEquals(12.44625, d.gammaUp(), 0.0);
        assertEquals(12.78785, d.gammaDown(), 0.0);
        assertEquals(0.244, d.zSlope(), 0.0);
        assertEquals(0.2425, d.zOffset(), 0.0);
        assertEquals(RANGE.widthSiemens() / 1200, d.stepUpSiemens(), 1e-15 * RANGE.widthSiemens());
        assertEquals(PulseVariability.AIHWKIT_DEFAULT, d.variability());
        assertEquals(ExpStep.NAME, d.modelName());
    }

    @Test
    void rejectsImpossibleParameters() {
        PulseVariability v = PulseVariability.NONE;
        assertThrows(IllegalArgumentException.class, () -> ExpStep.defaults(RANGE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ExpStep.defaults(RANGE, -1e-6));
        assertThrows(IllegalArgumentException.class, () -> ExpStep.defaults(RANGE, 30e-6));
        assertThrows(IllegalArgumentException.class, () -> new ExpStep(RANGE, 1e-6, 1e-6, Double.NaN, 0.3, 12, 12, 0.2, 0.2, v));
        assertThrows(IllegalArgumentException.class, () -> new ExpStep(RANGE, 1e-6, 1e-6, 0.1, 0.3, Double.NaN, 12, 0.2, 0.2, v));
        assertThrows(IllegalArgumentException.class,
                () -> new ExpStep(RANGE, 1e-6, 1e-6, 0.1, 0.3, 12, Double.POSITIVE_INFINITY, 0.2, 0.2, v));
        assertThrows(IllegalArgumentException.class, () -> new ExpStep(RANGE, 1e-6, 1e-6, 0.1, 0.3, 12, 12, Double.NaN, 0.2, v));
        assertThrows(IllegalArgumentException.class, () -> new ExpStep(RANGE, 1e-6, 1e-6, 0.1, 0.3, 12, 12, 0.2, Double.NaN, v));
    }
}
