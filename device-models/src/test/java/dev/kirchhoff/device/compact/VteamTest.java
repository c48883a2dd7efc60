package dev.kirchhoff.device.compact;

import static dev.kirchhoff.device.compact.DormandPrince54Test.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VteamTest {
    private static final Vteam MEMTORCH = Vteam.MEMTORCH_DEFAULTS;

    /**
     * Constant V ≥ v_off with α_off = 1: x(t) = x0 + k_off·(V/v_off − 1)·t until x reaches d, then d.
     * The rate is constant, so the integrator is exact up to rounding: asserted at 1e-9 relative.
     */
    @Test
    void constantVoltageAlphaOneFollowsTheClosedFormUntilTheBound() {
        double v = 0.5;
        double x0 = 0.3e-9;
        double rate = 5e-4 * (v / 0.02 - 1); // 0.012 m/s: reaches d = 3 nm at t = 225 ns
        Waveform w = Waveform.piecewiseLinear(new double[] {0, 400e-9}, new double[] {v, v});
        CompactTrace trace = CompactSimulator.of(MEMTORCH).simulate(w, x0, 81);
        boolean reachedBound = false;
        for (int i = 0; i < trace.length(); i++) {
            double expected = Math.min(x0 + rate * trace.timeSeconds(i), 3e-9);
            reachedBound |= expected == 3e-9;
            assertEquals(expected, trace.state(i), 1e-9 * expected, "t=" + trace.timeSeconds(i));
            assertEquals(v / MEMTORCH.resistanceOhms(trace.state(i)), trace.currentAmperes(i), 0.0);
        }
        assertTrue(reachedBound);
        assertEquals(3e-9, trace.state(trace.length() - 1), 0.0);
    }

    /**
     * Linear ramps V = ±s·t with α_off = 1.5 and α_on = 3. The rate depends on t only, so
     * x(t) = x0 + k·(|v_th|/s)·u^(α+1)/(α+1), u = V/v_th − 1 past the threshold: a closed form the
     * integrator (rtol 1e-12) must meet at 1e-9 relative. The threshold crossing is a cut, so
     * the non-smooth onset costs no accuracy.
     */
    @Test
    void rampsWithNonUnitExponentsFollowTheClosedForm() {
        Vteam m = new Vteam(1000, 50, 3e-9, -1e-3, 5e-4, 3, 1.5, -0.2, 0.02);
        CompactSimulator sim = CompactSimulator.of(m).withTolerances(1e-12, 1e-22);
        double T = 20e-9;
        double s = 1 / T; // V/s
        double x0 = 1e-9;
        CompactTrace up = sim.simulate(Waveform.piecewiseLinear(new double[] {0, T}, new double[] {0, 1}), x0, 21);
        for (int i = 0; i < up.length(); i++) {
            double u = Math.max(s * up.timeSeconds(i) / 0.02 - 1, 0);
            double expected = x0 + 5e-4 * (0.02 / s) * Math.pow(u, 2.5) / 2.5;
            assertEquals(expected, up.state(i), 1e-9 * expected, "up, t=" + up.timeSeconds(i));
        }
        double x1 = 2e-9;
        CompactTrace down = sim.simulate(Waveform.piecewiseLinear(new double[] {0, T}, new double[] {0, -1}), x1, 21);
        for (int i = 0; i < down.length(); i++) {
            double u = Math.max(s * down.timeSeconds(i) / 0.2 - 1, 0);
            double expected = x1 - 1e-3 * (0.2 / s) * Math.pow(u, 4) / 4;
            assertEquals(expected, down.state(i), 1e-9 * expected, "down, t=" + down.timeSeconds(i));
        }
    }

    /**
     * A sine with α_off = 1.5 against an independent classic RK4 with 200 000 fixed steps written
     * here (for VTEAM the rate depends on t only while x stays inside the bounds, so RK4 is
     * Simpson's rule on the rate). Simpson over the threshold onset, where the rate grows like
     * (t − t*)^1.5, errs by about 1e-10 relative with this step; asserted at 1e-8 of x − x0.
     */
    @Test
    void sineAgainstFixedStepReference() {
        Vteam m = MEMTORCH.withAlphas(3, 1.5);
        double f = 50e6;
        double amplitude = 1.0;
        double x0 = 0.5e-9;
        CompactTrace trace = CompactSimulator.of(m).withTolerances(1e-11, 1e-22)
                .simulate(Waveform.sine(amplitude, f, 0.5), x0, 11);
        int steps = 200_000;
        double end = 0.5 / f;
        double h = end / steps;
        double x = x0;
        int next = 1;
        for (int k = 0; k < steps; k++) {
            double t = k * h;
            double a = m.stateRate(x, amplitude * Math.sin(2 * Math.PI * f * t));
            double b = m.stateRate(x, amplitude * Math.sin(2 * Math.PI * f * (t + h / 2)));
            double c = m.stateRate(x, amplitude * Math.sin(2 * Math.PI * f * (t + h)));
            x += h * (a + 4 * b + c) / 6;
            if ((k + 1) % (steps / 10) == 0) {
                // compared on the change x − x0, the part the integrator computes
                assertEquals(x - x0, trace.state(next) - x0, 1e-8 * (x - x0) + 1e-24, "t=" + trace.timeSeconds(next));
                next++;
            }
        }
        assertTrue(trace.state(10) > 2 * x0 && trace.state(10) < 3e-9, "switches, stays inside: " + trace.state(10));
    }

    /**
     * MemTorch's hysteresis sweep (1 V, 50 MHz) from the ON state: positive half-wave RESETs, so the
     * current at +0.5 V is larger on the rising branch (t = T/12) than on the falling one (5T/12); the
     * loop is pinched, I = 0 wherever V = 0.
     */
    @Test
    void hysteresisLoopIsPinchedWithDistinctBranches() {
        CompactTrace trace = CompactSimulator.of(MEMTORCH).hysteresis(1.0, 50e6, 0, 1201);
        assertEquals(1201, trace.length());
        int rising = 100;
        int falling = 500;
        assertEquals(trace.voltageVolts(rising), trace.voltageVolts(falling), 1e-12);
        assertTrue(trace.currentAmperes(rising) > 1.01 * trace.currentAmperes(falling),
                trace.currentAmperes(rising) + " vs " + trace.currentAmperes(falling));
        for (int i = 0; i < trace.length(); i++) {
            double v = trace.voltageVolts(i);
            double r = MEMTORCH.resistanceOhms(trace.state(i));
            assertEquals(v / r, trace.currentAmperes(i), 0.0);
            assertEquals(1 / r, trace.readConductanceSiemens(i), 0.0);
            assertTrue(trace.state(i) >= 0 && trace.state(i) <= 3e-9);
        }
        assertEquals(0.0, trace.currentAmperes(0), 0.0);
        assertTrue(Math.abs(trace.currentAmperes(600)) < 1e-14, "I at V = 0: " + trace.currentAmperes(600));
        // the negative half-wave (k_on = −10 m/s) SETs the device fully back to x = 0
        assertEquals(0.0, trace.state(1200), 0.0);
    }

    /** Below both thresholds nothing moves: the state stays exactly where it started. */
    @Test
    void subThresholdSweepLeavesTheStateUntouched() {
        CompactTrace trace = CompactSimulator.of(MEMTORCH).simulate(Waveform.sine(0.015, 1e6, 2), 1e-9, 50);
        for (int i = 0; i < trace.length(); i++) {
            assertEquals(1e-9, trace.state(i), 0.0);
        }
    }

    @Test
    void stateForConductanceInvertsTheResistance() {
        double x = MEMTORCH.stateForConductance(1 / 300.0);
        assertEquals(300.0, MEMTORCH.resistanceOhms(x), 1e-12 * 300);
        assertEquals(3e-9, MEMTORCH.stateForConductance(1e-9), 0.0);   // clipped to 1/R_off
        assertEquals(0.0, MEMTORCH.stateForConductance(1.0), 0.0);     // clipped to 1/R_on
        assertArrayEquals(new double[] {-0.2, 0.02}, MEMTORCH.switchingThresholdsVolts(), 0.0);
    }

    @Test
    void validation() {
        assertMessage(() -> new Vteam(1000, -50, 3e-9, -10, 5e-4, 3, 1, -0.2, 0.02), "rOnOhms", "-50.0");
        assertMessage(() -> new Vteam(-1000, 50, 3e-9, -10, 5e-4, 3, 1, -0.2, 0.02), "rOffOhms", "-1000.0");
        assertMessage(() -> new Vteam(40, 50, 3e-9, -10, 5e-4, 3, 1, -0.2, 0.02), "rOffOhms", "40.0");
        assertMessage(() -> new Vteam(1000, 50, Double.NaN, -10, 5e-4, 3, 1, -0.2, 0.02), "dMetres", "NaN");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, 10, 5e-4, 3, 1, -0.2, 0.02), "kOnMetresPerSecond", "10.0");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, -10, Double.NaN, 3, 1, -0.2, 0.02), "kOffMetresPerSecond", "NaN");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, -10, 5e-4, 0, 1, -0.2, 0.02), "alphaOn", "0.0");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, -10, 5e-4, 3, -1, -0.2, 0.02), "alphaOff", "-1.0");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, -10, 5e-4, 3, 1, 0.2, 0.02), "vOnVolts", "0.2");
        assertMessage(() -> new Vteam(1000, 50, 3e-9, -10, 5e-4, 3, 1, -0.2, Double.NaN), "vOffVolts", "NaN");
    }
}
