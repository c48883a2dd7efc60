package dev.kirchhoff.device.inference;

import static dev.kirchhoff.device.inference.ProgrammingNoiseTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.ConductanceRange;
import org.junit.jupiter.api.Test;

class ConductanceLevelsTest {
    private static final ConductanceRange RANGE = new ConductanceRange(0, 20e-6);

    /** 5 levels over [0, 20 µS]: 0, 5, 10, 15, 20 µS. */
    @Test
    void roundsToTheNearestLevel() {
        ConductanceLevels l = new ConductanceLevels(5, RANGE);
        assertEquals(5e-6, l.stepSiemens(), 1e-21);
        assertEquals(5e-6, l.quantize(7.4e-6), 1e-21);
        assertEquals(10e-6, l.quantize(7.6e-6), 1e-21);
        assertEquals(0, l.quantize(2.4e-6), 0);
        assertEquals(20e-6, l.quantize(19e-6), 0);
        assertEquals(20e-6, l.quantize(1), 0);
        assertEquals(0, l.quantize(-1), 0);
        assertEquals(3, l.nearestIndex(14e-6));
        assertEquals(20e-6, l.level(4), 0);
        double[] out = new double[2];
        l.quantize(new double[] {1e-6, 18e-6}, out);
        assertEquals(0, out[0], 0);
        assertEquals(20e-6, out[1], 0);
    }

    @Test
    void bitsGiveAPowerOfTwoLevels() {
        assertEquals(16, ConductanceLevels.ofBits(4, RANGE).count());
    }

    /** Levels are applied on programming before the noise: a noiseless array lands on a level. */
    @Test
    void arrayProgramsOntoLevels() {
        InferenceDeviceModel m = InferenceDeviceModel.ideal(RANGE).withLevels(new ConductanceLevels(3, RANGE));
        InferenceDeviceArray a = new InferenceDeviceArray(m, 3);
        a.program(new double[] {4e-6, 6e-6, 30e-6}, org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertEquals(0, a.programmed(0), 0);
        assertEquals(10e-6, a.programmed(1), 1e-21);
        assertEquals(20e-6, a.programmed(2), 0);
    }

    @Test
    void rejectsFewerThanTwoLevels() {
        assertMessage(() -> new ConductanceLevels(1, RANGE), "count", "1");
        assertMessage(() -> new ConductanceLevels(-3, RANGE), "count", "-3");
        assertMessage(() -> new ConductanceLevels(4, null), "range", "null");
        assertMessage(() -> ConductanceLevels.ofBits(0, RANGE), "bits", "0");
        assertMessage(() -> new ConductanceLevels(4, RANGE).level(4), "k", "4");
        assertMessage(() -> new ConductanceLevels(4, RANGE).quantize(Double.NaN), "gSiemens", "NaN");
    }
}
