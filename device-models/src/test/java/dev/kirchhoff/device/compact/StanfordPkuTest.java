package dev.kirchhoff.device.compact;

import static dev.kirchhoff.device.compact.DormandPrince54Test.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class StanfordPkuTest {
    private static final StanfordPku MEMTORCH = StanfordPku.memTorchDefaults();
    private static final double Q = 1.602176634e-19;
    private static final double KB = 1.380649e-23;

    /**
     * MemTorch's bounds g = g0·ln(I0·sinh(0.1/0.25)·R/0.1) for R = 542 Ω and 218 586 Ω: 0.200083 nm
     * and 1.699999941 nm (evaluated independently in double precision), asserted at 1e-12 relative.
     */
    @Test
    void gapBoundsFollowMemTorchsResistanceWindow() {
        assertEquals(2.0008273892565852e-10, MEMTORCH.gapMinMetres(), 1e-12 * 2e-10);
        assertEquals(1.699999940755209e-09, MEMTORCH.gapMaxMetres(), 1e-12 * 1.7e-9);
        assertEquals(MEMTORCH.gapMinMetres(), MEMTORCH.initialState(), 0.0); // gap_init 0.2 nm clamped up
        assertEquals(1 / 542.0, MEMTORCH.readConductanceSiemens(MEMTORCH.gapMinMetres(), 0.1), 1e-12 / 542);
        assertEquals(1 / 218586.0, MEMTORCH.readConductanceSiemens(MEMTORCH.gapMaxMetres(), 0.1), 1e-12 / 218586);
        double g = MEMTORCH.stateForConductance(1e-4, 0.1);
        assertEquals(1e-4, MEMTORCH.readConductanceSiemens(g, 0.1), 1e-16);
    }

    /** Reference rate, written out from the paper's equations in nm and ns (so in m/s). */
    private static double referenceRateNmPerNs(double gNm, double v, double r_th) {
        double iAmps = 1e-3 * Math.exp(-gNm / 0.25) * Math.sinh(v / 0.25);
        double temperature = 298 + Math.abs(v * iAmps) * r_th;
        double gamma = 16 - 0.8 * gNm * gNm * gNm;
        if (gamma * Math.abs(v) / 12e-9 < 1.4e9) {
            return 0;
        }
        double kt = KB * temperature / Q; // V
        return -10 * Math.exp(-0.6 / kt) * Math.sinh(gamma * 0.25 * v / (12 * kt));
    }

    /**
     * Constant SET voltage 1.4 V from the OFF gap for 400 ns (before the runaway at about 480 ns), isothermal (R_th = 0, where the ODE is
     * dg/dt = −c·sinh(k(γ0 − βg³))) and with MemTorch's Joule heating (R_th = 2.1 kK/W). Reference:
     * classic RK4 with 100 000 fixed steps of 4 ps in nm/ns units written here, whose error is
     * below 1e-12 relative; the simulator runs at rtol 1e-11 and is asserted at 1e-8 relative.
     */
    @Test
    void constantVoltageAgainstFixedStepReference() {
        for (double rTh : new double[] {0, 2.1e3}) {
            StanfordPku m = MEMTORCH.withThermalResistance(rTh);
            double v = 1.4;
            double end = 400e-9;
            CompactTrace trace = CompactSimulator.of(m).withTolerances(1e-11, 1e-22)
                    .simulate(Waveform.piecewiseLinear(new double[] {0, end}, new double[] {v, v}), m.gapMaxMetres(), 11);
            double g = m.gapMaxMetres() * 1e9;
            int steps = 100_000;
            double h = end * 1e9 / steps;
            int next = 1;
            for (int k = 0; k < steps; k++) {
                double k1 = referenceRateNmPerNs(g, v, rTh);
                double k2 = referenceRateNmPerNs(g + h / 2 * k1, v, rTh);
                double k3 = referenceRateNmPerNs(g + h / 2 * k2, v, rTh);
                double k4 = referenceRateNmPerNs(g + h * k3, v, rTh);
                g += h * (k1 + 2 * k2 + 2 * k3 + k4) / 6;
                if ((k + 1) % (steps / 10) == 0) {
                    assertEquals(g * 1e-9, trace.state(next), 1e-8 * g * 1e-9, "R_th=" + rTh + " t="
                            + trace.timeSeconds(next));
                    next++;
                }
            }
            assertTrue(g < 1.45 && g * 1e-9 > m.gapMinMetres(), "gap moved but stayed inside: " + g + " nm");
        }
    }

    /** SET pulses (+1.5 V, 10 ns every 50 ns) from the OFF state: conductance never decreases and grows overall. */
    @Test
    void conductanceGrowsMonotonicallyUnderSetPulses() {
        double[] g = CompactSimulator.of(MEMTORCH)
                .conductanceVersusPulses(Waveform.pulseTrain(1.5, 10e-9, 50e-9, 40), MEMTORCH.gapMaxMetres());
        assertEquals(41, g.length);
        assertEquals(1 / 218586.0, g[0], 1e-12 / 218586);
        for (int k = 1; k < g.length; k++) {
            assertTrue(g[k] >= g[k - 1], "pulse " + k + ": " + g[k] + " < " + g[k - 1]);
        }
        assertTrue(g[40] > 10 * g[0], "G after 40 pulses " + g[40]);
    }

    /** RESET pulses (−1.5 V, trapezoidal) from the ON state: conductance never increases and falls overall. */
    @Test
    void conductanceFallsMonotonicallyUnderResetPulses() {
        double[] g = CompactSimulator.of(MEMTORCH).conductanceVersusPulses(
                new PulseTrain(-1.5, 10e-9, 50e-9, 20, 1e-9), MEMTORCH.gapMinMetres());
        for (int k = 1; k < g.length; k++) {
            assertTrue(g[k] <= g[k - 1], "pulse " + k + ": " + g[k] + " > " + g[k - 1]);
        }
        assertTrue(g[20] < 0.5 * g[0], "G after 20 pulses " + g[20]);
    }

    /** Long strong pulses drive the gap onto both bounds, never past them. */
    @Test
    void gapStaysInBounds() {
        CompactSimulator sim = CompactSimulator.of(MEMTORCH);
        CompactTrace set = sim.simulate(Waveform.pulseTrain(2.0, 1e-6, 2e-6, 2), MEMTORCH.gapMaxMetres(), 50);
        CompactTrace reset = sim.simulate(Waveform.pulseTrain(-2.0, 1e-6, 2e-6, 2), MEMTORCH.gapMinMetres(), 50);
        for (int i = 0; i < set.length(); i++) {
            assertTrue(set.state(i) >= MEMTORCH.gapMinMetres() && set.state(i) <= MEMTORCH.gapMaxMetres());
            assertTrue(reset.state(i) >= MEMTORCH.gapMinMetres() && reset.state(i) <= MEMTORCH.gapMaxMetres());
        }
        assertEquals(MEMTORCH.gapMinMetres(), set.state(set.length() - 1), 0.0);
        assertEquals(MEMTORCH.gapMaxMetres(), reset.state(reset.length() - 1), 0.0);
    }

    /**
     * MemTorch's hysteresis sweep (1.5 V, 10 Hz) from the ON state: pinched at V = 0, the two
     * branches differ at the same voltage, the gap stays inside its bounds. Exercises the
     * minimum-field discontinuity, which the error control has to locate by itself.
     */
    @Test
    void hysteresisLoop() {
        CompactTrace trace = CompactSimulator.of(MEMTORCH).hysteresis(1.5, 10, MEMTORCH.gapMinMetres(), 1201);
        int n = trace.length();
        assertEquals(0.0, trace.currentAmperes(0), 0.0);
        assertTrue(Math.abs(trace.currentAmperes(600)) < 1e-15, "I at V = 0: " + trace.currentAmperes(600));
        // −0.75 V on the way down (t = 7T/12) and on the way back up (11T/12): the RESET in between lowers |I|
        assertEquals(trace.voltageVolts(700), trace.voltageVolts(1100), 1e-12);
        assertTrue(Math.abs(trace.currentAmperes(700)) > 10 * Math.abs(trace.currentAmperes(1100)),
                trace.currentAmperes(700) + " vs " + trace.currentAmperes(1100));
        for (int i = 0; i < n; i++) {
            assertTrue(trace.state(i) >= MEMTORCH.gapMinMetres() && trace.state(i) <= MEMTORCH.gapMaxMetres());
        }
    }

    /** Gap noise: off by default, reproducible for a seed, different across seeds, bounded. */
    @Test
    void gapNoiseIsSeededAndBounded() {
        StanfordPku noisy = MEMTORCH.withGapNoise(StanfordPku.GapNoise.of(1e-6));
        PulseTrain train = Waveform.pulseTrain(1.5, 10e-9, 50e-9, 10);
        CompactSimulator sim = CompactSimulator.of(noisy);
        double[] a = sim.conductanceVersusPulses(train, noisy.gapMaxMetres(), RandomSource.XO_SHI_RO_256_PP.create(7L));
        double[] b = sim.conductanceVersusPulses(train, noisy.gapMaxMetres(), RandomSource.XO_SHI_RO_256_PP.create(7L));
        double[] c = sim.conductanceVersusPulses(train, noisy.gapMaxMetres(), RandomSource.XO_SHI_RO_256_PP.create(8L));
        double[] clean = sim.conductanceVersusPulses(train, noisy.gapMaxMetres());
        double[] off = CompactSimulator.of(MEMTORCH).conductanceVersusPulses(train, MEMTORCH.gapMaxMetres(),
                RandomSource.XO_SHI_RO_256_PP.create(7L));
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertNotEquals(a[10], c[10]);
        assertNotEquals(a[10], clean[10]);
        assertEquals(java.util.Arrays.toString(clean), java.util.Arrays.toString(off));
        double gMax = 1 / 542.0 * (1 + 1e-9);
        double gMin = 1 / 218586.0 * (1 - 1e-9);
        for (double g : a) {
            assertTrue(g >= gMin && g <= gMax, "G " + g);
        }
    }

    @Test
    void temperatureAndGamma() {
        assertEquals(298, MEMTORCH.temperatureKelvin(1e-9, 0), 0.0);
        double i = MEMTORCH.currentAmperes(0.5e-9, 1.0);
        assertEquals(298 + i * 2.1e3, MEMTORCH.temperatureKelvin(0.5e-9, 1.0), 1e-9);
        assertEquals(16 - 0.8, MEMTORCH.gamma(1e-9), 1e-12);
        assertEquals(0.0, MEMTORCH.stateRate(1e-9, 1.0), 0.0); // γ|V|/t_ox = 1.27e9 V/m < F_min
        assertTrue(MEMTORCH.withMinField(0).stateRate(1e-9, 1.0) < 0);
    }

    @Test
    void validation() {
        StanfordPku m = MEMTORCH;
        assertMessage(() -> new StanfordPku(-1e-3, 0.25e-9, 0.25, 10, 0.6, 0.25e-9, 12e-9, 16, 0.8, 298, 2.1e3, 1.4e9,
                0.2e-9, 1.7e-9, StanfordPku.GapNoise.NONE), "i0Amperes", "-0.001");
        assertMessage(() -> new StanfordPku(1e-3, Double.NaN, 0.25, 10, 0.6, 0.25e-9, 12e-9, 16, 0.8, 298, 2.1e3, 1.4e9,
                0.2e-9, 1.7e-9, StanfordPku.GapNoise.NONE), "g0Metres", "NaN");
        assertMessage(() -> new StanfordPku(1e-3, 0.25e-9, 0.25, 10, 0.6, 0.25e-9, 12e-9, 16, 0.8, 298, 2.1e3, 1.4e9,
                1.7e-9, 0.2e-9, StanfordPku.GapNoise.NONE), "gapMaxMetres", "2.0E-10");
        assertMessage(() -> new StanfordPku(1e-3, 0.25e-9, 0.25, 10, 0.6, 0.25e-9, 12e-9, 16, 0.8, 298, 2.1e3, 1.4e9,
                0.2e-9, 1.7e-9, null), "gapNoise", "null");
        assertMessage(() -> m.withThermalResistance(-1), "thermalResistanceKelvinPerWatt", "-1.0");
        assertMessage(() -> m.withAmbientTemperature(0), "ambientKelvin", "0.0");
        assertMessage(() -> m.withMinField(Double.NaN), "minFieldVoltsPerMetre", "NaN");
        assertMessage(() -> StanfordPku.GapNoise.of(-1), "sigmaMetresPerRootSecond", "-1.0");
        assertMessage(() -> StanfordPku.gapForResistance(1e-3, 0.25e-9, 0.25, -5, 0.1), "resistanceOhms", "-5.0");
    }
}
