package dev.kirchhoff.device.compact;

import static dev.kirchhoff.device.compact.DormandPrince54Test.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompactSimulatorTest {

    /** Every breakpoint is a sample time, bit for bit, alongside the equally spaced samples. */
    @Test
    void traceLandsExactlyOnBreakpoints() {
        PulseTrain train = new PulseTrain(-0.5, 7e-9, 30e-9, 3, 1.3e-9);
        CompactTrace trace = CompactSimulator.of(Vteam.MEMTORCH_DEFAULTS).simulate(train, 1e-9, 11);
        double[] times = trace.timeSeconds();
        for (double b : train.breakpointsSeconds()) {
            assertTrue(Arrays.binarySearch(times, b) >= 0, "breakpoint " + b + " missing");
        }
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1]);
        }
        assertEquals(0.0, times[0], 0.0);
        assertEquals(train.endSeconds(), times[times.length - 1], 0.0);
        assertTrue(trace.acceptedSteps() > 0 && trace.evaluations() > trace.acceptedSteps());
        assertEquals("vteam", trace.modelName());
        assertEquals(0.1, trace.readVoltageVolts(), 0.0);
    }

    /**
     * Stanford-PKU RESET on a slow ramp to −1.5 V (isothermal): once the gap reaches the
     * minimum-field limit g*(V) it slides along it (the rate is 3e-4 m/s just below g* and 0
     * above, while g* moves at about 1e-7 m/s). The projection keeps g ≤ g*(V(t)) exactly and
     * within 1 pm below it, with a few hundred steps rather than the millions chattering would take.
     */
    @Test
    void resetSlidesAlongTheMinimumFieldLimit() {
        StanfordPku m = StanfordPku.memTorchDefaults().withThermalResistance(0);
        Waveform ramp = Waveform.piecewiseLinear(new double[] {0, 10e-3}, new double[] {0, -1.5});
        CompactTrace trace = CompactSimulator.of(m).simulate(ramp, m.gapMinMetres(), 201);
        int sliding = 0;
        for (int i = 0; i < trace.length(); i++) {
            double limit = Math.min(m.movingGapLimitMetres(trace.voltageVolts(i)), m.gapMaxMetres());
            double g = trace.state(i);
            if (limit > m.gapMinMetres() + 1e-12 && i > 0) {
                assertTrue(g <= limit && g > limit - 1e-12, "t=" + trace.timeSeconds(i) + ": " + g + " vs " + limit);
                sliding++;
            }
        }
        assertTrue(sliding > 50, "samples on the sliding limit: " + sliding);
        assertTrue(trace.acceptedSteps() + trace.rejectedSteps() < 5000,
                trace.acceptedSteps() + " accepted, " + trace.rejectedSteps() + " rejected");
    }

    @Test
    void conductanceVersusPulsesReadsBeforeAndAfterEachPulse() {
        Vteam m = Vteam.MEMTORCH_DEFAULTS;
        double[] g = CompactSimulator.of(m).conductanceVersusPulses(Waveform.pulseTrain(0.1, 10e-9, 20e-9, 5), 0);
        assertEquals(6, g.length);
        assertEquals(1 / 50.0, g[0], 0.0);
        // x grows by k_off·(0.1/0.02 − 1)·10 ns = 20 pm per pulse
        for (int k = 0; k < g.length; k++) {
            assertEquals(1 / m.resistanceOhms(k * 20e-12), g[k], 1e-9 * g[k], "pulse " + k);
        }
    }

    @Test
    void validation() {
        Vteam m = Vteam.MEMTORCH_DEFAULTS;
        CompactSimulator sim = CompactSimulator.of(m);
        Waveform w = Waveform.sine(1, 50e6, 1);
        assertMessage(() -> sim.simulate(w, -1e-9, 10), "initialState", "-1.0E-9");
        assertMessage(() -> sim.simulate(w, Double.NaN, 10), "initialState", "NaN");
        assertMessage(() -> sim.simulate(w, 0, 1), "samples", "1");
        assertMessage(() -> sim.withReadVoltage(0), "readVoltageVolts", "0.0");
        assertMessage(() -> sim.withReadVoltage(Double.NaN), "readVoltageVolts", "NaN");
        assertMessage(() -> sim.withTolerances(0, 1e-20), "relativeTolerance", "0.0");
        assertMessage(() -> sim.withTolerances(1e-6, -1), "absoluteTolerance", "-1.0");
        assertMessage(() -> new CompactSimulator(null, 1e-6, 1e-20, 0.1), "model", "null");
    }
}
