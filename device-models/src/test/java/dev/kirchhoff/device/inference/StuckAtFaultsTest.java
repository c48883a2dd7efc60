package dev.kirchhoff.device.inference;

import static dev.kirchhoff.device.inference.ProgrammingNoiseTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class StuckAtFaultsTest {

    @Test
    void classifiesUniformDraws() {
        StuckAtFaults f = new StuckAtFaults(0.1, 0.2);
        assertEquals(StuckAtFaults.STUCK_AT_MIN, f.classify(0.0));
        assertEquals(StuckAtFaults.STUCK_AT_MIN, f.classify(0.0999));
        assertEquals(StuckAtFaults.STUCK_AT_MAX, f.classify(0.1));
        assertEquals(StuckAtFaults.STUCK_AT_MAX, f.classify(0.2999));
        assertEquals(StuckAtFaults.HEALTHY, f.classify(0.3001));
        assertEquals(StuckAtFaults.HEALTHY, StuckAtFaults.NONE.classify(0.0));
    }

    /**
     * 100,000 devices with f_min = 0.05, f_max = 0.10: each count is Binomial(n, f); the bound
     * is 6 binomial sd (√(n·f(1−f)) = 68.9 and 94.9), failing with probability ~2e−9 per seed.
     * Stuck devices must read exactly G_min or G_max with ν = 0 despite programming noise and drift.
     */
    @Test
    void faultFractionsAreBinomial() {
        int n = 100_000;
        double fMin = 0.05;
        double fMax = 0.10;
        ConductanceRange range = new ConductanceRange(1e-6, 25e-6);
        InferenceDeviceModel model = InferenceDeviceModel.pcm(25e-6).withFaults(new StuckAtFaults(fMin, fMax));
        model = new InferenceDeviceModel(range, null, model.faults(), model.programmingNoise(), model.drift(),
                ReadNoise.NONE);
        InferenceDeviceArray a = new InferenceDeviceArray(model, n);
        double[] targets = new double[n];
        java.util.Arrays.fill(targets, 10e-6);
        a.program(targets, RandomSource.XO_SHI_RO_256_PP.create(77L));
        double[] out = new double[n];
        a.driftAt(1e6, out);
        int atMin = 0;
        int atMax = 0;
        for (int i = 0; i < n; i++) {
            if (a.fault(i) == StuckAtFaults.STUCK_AT_MIN) {
                atMin++;
                assertEquals(1e-6, out[i], 0);
                assertEquals(0, a.nu(i), 0);
            } else if (a.fault(i) == StuckAtFaults.STUCK_AT_MAX) {
                atMax++;
                assertEquals(25e-6, out[i], 0);
            }
        }
        assertEquals(n * fMin, atMin, 6 * Math.sqrt(n * fMin * (1 - fMin)));
        assertEquals(n * fMax, atMax, 6 * Math.sqrt(n * fMax * (1 - fMax)));

        byte[] codes = new byte[n];
        new StuckAtFaults(fMin, fMax).draw(codes, RandomSource.XO_SHI_RO_256_PP.create(78L));
        int drawnMin = 0;
        for (byte c : codes) {
            drawnMin += c == StuckAtFaults.STUCK_AT_MIN ? 1 : 0;
        }
        assertEquals(n * fMin, drawnMin, 6 * Math.sqrt(n * fMin * (1 - fMin)));
    }

    @Test
    void rejectsFractionsOutsideTheUnitInterval() {
        assertMessage(() -> new StuckAtFaults(-0.01, 0), "fractionStuckAtMin", "-0.01");
        assertMessage(() -> new StuckAtFaults(0, 1.5), "fractionStuckAtMax", "1.5");
        assertMessage(() -> new StuckAtFaults(Double.NaN, 0), "fractionStuckAtMin", "NaN");
        assertMessage(() -> new StuckAtFaults(0.6, 0.5), "fractionStuckAtMin + fractionStuckAtMax", "0.6 + 0.5");
    }
}
