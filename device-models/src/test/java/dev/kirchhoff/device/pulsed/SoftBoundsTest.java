package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SoftBoundsTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);

    @Override
    protected PulsedDeviceModel noiseless() {
        return SoftBounds.of(RANGE, 0.5e-6, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return SoftBounds.of(RANGE, 0.5e-6, PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(1));
    }

    /**
     * Closed form of noise-free soft bounds: G_n = gMax − (gMax − G₀)(1 − α/W)^n (aihwkit's
     * w_n = b_max − (b_max − w₀)(1 − α/b_max)^n with w = G − gMin). Only rounding separates
     * the recursion from the power, so the tolerance is 1e-12 relative.
     */
    @Test
    void potentiationFollowsTheClosedForm() {
        double alpha = 0.7e-6;
        PulsedDeviceArray a = SoftBounds.of(RANGE, alpha, PulseVariability.NONE)
                .create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        double g0 = 3e-6;
        a.fill(g0);
        double w = RANGE.widthSiemens();
        for (int n = 1; n <= 200; n++) {
            a.applyPulse(+1, RandomSource.XO_SHI_RO_256_PP.create(2L));
            double expected = RANGE.gMaxSiemens() - (RANGE.gMaxSiemens() - g0) * Math.pow(1 - alpha / w, n);
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
    }

    /** Depression mirrors it: G_n = gMin + (G₀ − gMin)(1 − α⁻/W)^n. */
    @Test
    void depressionFollowsTheClosedForm() {
        double alphaDown = 0.4e-6;
        PulsedDeviceArray a = new SoftBounds(RANGE, 0.5e-6, alphaDown, 0, PulseVariability.NONE)
                .create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        double g0 = 20e-6;
        a.fill(g0);
        double w = RANGE.widthSiemens();
        for (int n = 1; n <= 200; n++) {
            a.applyPulse(-1, RandomSource.XO_SHI_RO_256_PP.create(2L));
            double expected = RANGE.gMinSiemens() + (g0 - RANGE.gMinSiemens()) * Math.pow(1 - alphaDown / w, n);
            assertEquals(expected, a.conductance(0), 1e-12 * expected, "after pulse " + n);
        }
    }

    /**
     * Pulse-count form: from gMin, G(p) = gMin + B(1 − e^(−a·p)) with B = W/(1 − e^(−a·pMax)), so
     * G(pMax) = gMax exactly (to rounding).
     */
    @Test
    void pulseCountFormReachesGMaxAtPMax() {
        int pMax = 64;
        double shape = 0.05;
        PulsedDeviceArray a = SoftBounds.fromPulseCount(RANGE, pMax, shape, PulseVariability.NONE)
                .create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        double w = RANGE.widthSiemens();
        double b = w / (1 - Math.exp(-shape * pMax));
        for (int p = 1; p <= pMax; p++) {
            a.applyPulse(+1, RandomSource.XO_SHI_RO_256_PP.create(2L));
            double expected = RANGE.gMinSiemens() + b * (1 - Math.exp(-shape * p));
            assertEquals(expected, a.conductance(0), 1e-11 * expected, "after pulse " + p);
        }
        assertEquals(RANGE.gMaxSiemens(), a.conductance(0), 1e-11 * RANGE.gMaxSiemens());
    }

    /**
     * Soft bounds balance where α⁺(Ĝmax − G) = α⁻(G − Ĝmin), i.e.
     * G* = Ĝmin + (Ĝmax − Ĝmin)·α⁺/(α⁺ + α⁻): mid-window for equal steps, 3/8 of the way up for
     * α⁻/α⁺ = 5/3 (the RRAM preset), and with headroom h the saturation conductances move out by
     * h·W each side. The bisection stops within 2⁻⁶⁰ of the window: 1e−12 relative is loose.
     */
    @Test
    void symmetryPointIsWhereTheSoftBoundsStepsBalance() {
        double w = RANGE.widthSiemens();
        assertEquals(13e-6, SoftBounds.of(RANGE, 0.5e-6, PulseVariability.AIHWKIT_DEFAULT).symmetryPointSiemens(), 1e-12 * w);
        double up = 0.3e-6;
        double down = 0.5e-6;
        assertEquals(RANGE.gMinSiemens() + 0.375 * w,
                new SoftBounds(RANGE, up, down, 0, PulseVariability.NONE).symmetryPointSiemens(), 1e-12 * w);
        double h = 0.2;
        double satLo = RANGE.gMinSiemens() - h * w;
        double span = (1 + 2 * h) * w;
        assertEquals(satLo + span * up / (up + down),
                new SoftBounds(RANGE, up, down, h, PulseVariability.NONE).symmetryPointSiemens(), 1e-12 * w);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> SoftBounds.of(RANGE, -1e-6, PulseVariability.NONE));
        assertThrows(IllegalArgumentException.class, () -> SoftBounds.of(RANGE, Double.NaN, PulseVariability.NONE));
        assertThrows(IllegalArgumentException.class, () -> SoftBounds.of(RANGE, 30e-6, PulseVariability.NONE));
        assertThrows(IllegalArgumentException.class, () -> new ConductanceRange(25e-6, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new ConductanceRange(-1e-6, 1e-6));
    }
}
