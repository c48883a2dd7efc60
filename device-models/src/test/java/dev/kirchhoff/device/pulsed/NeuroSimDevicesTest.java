package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The presets of MODELS.md §8 (NeuroSim MLP V3.0 manual, Table II). */
class NeuroSimDevicesTest {

    /** The table's rows: name, states, NL LTP, NL LTD, R_on (Ω), on/off, C2C σ (chosen values for "<1%", "<0.5%"). */
    private static final Object[][] TABLE = {
        {"Ag:a-Si", 97, 2.4, -4.88, 26e6, 12.5, 0.035},
        {"TaOx/HfOx", 128, 0.04, -0.63, 100e3, 10.0, 0.037},
        {"PCMO", 50, 3.68, -6.76, 23e6, 6.84, 0.01},
        {"AlOx/HfO2", 40, 1.94, -0.61, 16.9e3, 4.43, 0.05},
        {"GST PCM", 100, 0.105, 2.4, 4.71e3, 19.8, 0.015},
        {"EpiRAM", 64, 0.5, -0.5, 81e3, 50.2, 0.02},
        {"HZO FeFET", 32, 1.75, 1.46, 559e3, 45.0, 0.005},
    };

    @Test
    void presetsCarryTheTablesNumbers() {
        assertEquals(TABLE.length, NeuroSimDevices.values().length);
        for (Object[] row : TABLE) {
            NeuroSimDevices d = NeuroSimDevices.byName((String) row[0]);
            NeuroSimNonlinear m = d.model();
            double gMax = 1 / (double) row[4];
            assertEquals(gMax, m.range().gMaxSiemens(), 1e-15 * gMax, d + " gMax = 1/R_on");
            assertEquals(gMax / (double) row[5], m.range().gMinSiemens(), 1e-15 * gMax, d + " gMin = gMax/ratio");
            assertEquals((int) row[1], m.pulsesLtp(), d + " states");
            assertEquals((int) row[1], m.pulsesLtd(), d + " states");
            assertEquals((double) row[6], m.variability().c2cStd(), 0.0, d + " c2c");
            assertEquals(NeuroSimNonlinear.normalizedAOnNeuroSimGrid((double) row[2]), m.normalizedALtp(), 0.0, d + " A_LTP");
            assertEquals(NeuroSimNonlinear.normalizedAOnNeuroSimGrid((double) row[3]), m.normalizedALtd(), 0.0, d + " A_LTD");
            assertEquals(NeuroSimNonlinear.NAME, m.modelName());
            assertTrue(d.source().contains(NeuroSimDevices.TABLE_SOURCE), d + " source");
        }
    }

    /** Ag:a-Si as NeuroSim's Cell.cpp sets it: maxConductance 3.8462e-8 S, minConductance 3.0769e-9 S. */
    @Test
    void agASiMatchesNeuroSimsDefaultDevice() {
        ConductanceRange r = NeuroSimDevices.AG_A_SI.range();
        assertEquals(3.8462e-8, r.gMaxSiemens(), 1e-12);
        assertEquals(3.0769e-9, r.gMinSiemens(), 1e-13);
        assertEquals(0.499181, NeuroSimDevices.AG_A_SI.model().normalizedALtp(), 5e-7);
        assertEquals(-0.200303, NeuroSimDevices.AG_A_SI.model().normalizedALtd(), 5e-7);
    }

    /**
     * Noise-free, each preset needs exactly its state count of pulses from gMin to gMax and back,
     * visiting states + 1 distinct conductances each way.
     */
    @Test
    void eachPresetReproducesItsStateCount() {
        for (NeuroSimDevices d : NeuroSimDevices.values()) {
            NeuroSimNonlinear m = d.model(PulseVariability.NONE);
            int states = d.states();
            double[] up = sweep(m, +1, states + 10);
            double[] down = sweep(m, -1, states + 10);
            assertEquals(m.range().gMaxSiemens(), up[states], 0.0, d + ": gMax after " + states + " pulses");
            assertTrue(up[states - 1] < m.range().gMaxSiemens(), d + ": gMax reached early");
            assertEquals(states + 1, NeuroSimNonlinearTest.distinct(up), d + " LTP levels");
            assertEquals(m.range().gMinSiemens(), down[states], 0.0, d + ": gMin after " + states + " pulses");
            assertTrue(down[states - 1] > m.range().gMinSiemens(), d + ": gMin reached early");
            assertEquals(states + 1, NeuroSimNonlinearTest.distinct(down), d + " LTD levels");
        }
    }

    /**
     * Curvature from the label's sign: NL_LTP > 0 gives a concave LTP (first step larger than the
     * last); NL_LTD < 0 a depression whose first step (from gMax) is larger than its last, and
     * NL_LTD > 0 the reverse.
     */
    @Test
    void eachPresetHasTheCurvatureOfItsLabels() {
        for (NeuroSimDevices d : NeuroSimDevices.values()) {
            NeuroSimNonlinear m = d.model(PulseVariability.NONE);
            int states = d.states();
            double[] up = sweep(m, +1, states);
            double[] down = sweep(m, -1, states);
            double firstUp = up[1] - up[0];
            double lastUp = up[states] - up[states - 1];
            double firstDown = down[0] - down[1];
            double lastDown = down[states - 1] - down[states];
            assertTrue(firstUp > 0 && lastUp > 0 && firstDown > 0 && lastDown > 0, d + " steps move the right way");
            assertEquals(d.nlLtp() > 0, firstUp > lastUp, d + " LTP concave iff NL_LTP > 0");
            assertEquals(d.nlLtd() < 0, firstDown > lastDown, d + " LTD saturating iff NL_LTD < 0");
        }
    }

    @Test
    void looksUpByEitherName() {
        assertSame(NeuroSimDevices.GST_PCM, NeuroSimDevices.byName("gst pcm"));
        assertSame(NeuroSimDevices.HZO_FEFET, NeuroSimDevices.byName("HZO_FEFET"));
        assertEquals(NeuroSimDevices.EPIRAM.model(), NeuroSimDevices.of("EpiRAM"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuroSimDevices.byName("TiO2"));
        assertTrue(e.getMessage().contains("TiO2") && e.getMessage().contains("Ag:a-Si"), e.getMessage());
    }

    @Test
    void datasheetFactoryValidates() {
        assertEquals(NeuroSimDevices.PCMO.model(), NeuroSimDevices.fromDatasheet(50, 3.68, -6.76, 23e6, 6.84, 0.01));
        NeuroSimNonlinearTest.assertMessage("rOnOhm", "NaN", () -> NeuroSimDevices.fromDatasheet(50, 1, -1, Double.NaN, 10, 0));
        NeuroSimNonlinearTest.assertMessage("onOffRatio", "1.0", () -> NeuroSimDevices.fromDatasheet(50, 1, -1, 1e5, 1, 0));
        NeuroSimNonlinearTest.assertMessage("pulsesLtp", "0", () -> NeuroSimDevices.fromDatasheet(0, 1, -1, 1e5, 10, 0));
        NeuroSimNonlinearTest.assertMessage("c2cStd", "-0.1", () -> NeuroSimDevices.fromDatasheet(50, 1, -1, 1e5, 10, -0.1));
    }

    private static double[] sweep(NeuroSimNonlinear m, int polarity, int pulses) {
        PulsedDeviceArray a = m.create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        a.fill(polarity > 0 ? m.range().gMinSiemens() : m.range().gMaxSiemens());
        double[] g = new double[pulses + 1];
        g[0] = a.conductance(0);
        for (int p = 1; p <= pulses; p++) {
            a.applyPulse(polarity, RandomSource.XO_SHI_RO_256_PP.create(2L));
            g[p] = a.conductance(0);
        }
        return g;
    }
}
