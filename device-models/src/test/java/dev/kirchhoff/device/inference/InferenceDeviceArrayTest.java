package dev.kirchhoff.device.inference;

import static dev.kirchhoff.device.inference.ProgrammingNoiseTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class InferenceDeviceArrayTest {
    private static final double G_MAX = 25e-6;
    /** More than two chunks of ChunkedParallel, and a ragged last chunk. */
    private static final int N = 2 * 65536 + 4321;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    private static double[] uniformTargets(int n, long seed) {
        UniformRandomProvider r = rng(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = G_MAX * r.nextDouble();
        }
        return t;
    }

    private static double[] programAndRead(InferenceDeviceModel model, double[] targets, double t) {
        InferenceDeviceArray a = new InferenceDeviceArray(model, targets.length);
        a.program(targets, rng(11L));
        double[] out = new double[targets.length];
        a.readAt(t, rng(12L), out);
        return out;
    }

    @Test
    void sameBitsOnOneAndTwoThreads() throws Exception {
        InferenceDeviceModel model = InferenceDeviceModel.pcm(G_MAX)
                .withFaults(new StuckAtFaults(0.01, 0.01))
                .withLevels(ConductanceLevels.ofBits(6, new dev.kirchhoff.device.ConductanceRange(0, G_MAX)));
        double[] targets = uniformTargets(N, 5L);
        ForkJoinPool pool1 = new ForkJoinPool(1);
        ForkJoinPool pool2 = new ForkJoinPool(2);
        double[] one;
        double[] two;
        try {
            one = pool1.submit(() -> programAndRead(model, targets, 3600)).get();
            two = pool2.submit(() -> programAndRead(model, targets, 3600)).get();
        } finally {
            pool1.shutdown();
            pool2.shutdown();
        }
        assertArrayEquals(one, two);
        InferenceDeviceArray a = new InferenceDeviceArray(model, N);
        a.program(targets, rng(11L));
        double[] sequential = new double[N];
        a.readAt(3600, rng(12L), sequential, false);
        assertArrayEquals(one, sequential);
    }

    /** driftAt is G_prog·((t + 20)/20)^(−ν) per device (1e−14 relative against Math.pow). */
    @Test
    void driftOnlyReadFollowsThePowerLaw() {
        InferenceDeviceArray a = new InferenceDeviceArray(InferenceDeviceModel.pcm(G_MAX), 5000);
        a.program(uniformTargets(5000, 6L), rng(7L));
        double[] out = new double[5000];
        double t = 86400;
        a.driftAt(t, out);
        for (int i = 0; i < out.length; i++) {
            double expected = a.programmed(i) * Math.pow((t + 20) / 20, -a.nu(i));
            assertEquals(expected, out[i], 1e-14 * expected, "device " + i);
            assertTrue(a.nu(i) >= 0);
        }
        a.driftAt(0, out);
        double[] programmed = new double[5000];
        a.programmedConductances(programmed);
        assertArrayEquals(programmed, out);
    }

    /** With read noise off, readAt is the drift-only read, bit for bit. */
    @Test
    void readWithoutNoiseIsTheDriftOnlyRead() {
        InferenceDeviceModel model = InferenceDeviceModel.pcm(G_MAX).withReadNoise(ReadNoise.NONE);
        InferenceDeviceArray a = new InferenceDeviceArray(model, 1000);
        a.program(uniformTargets(1000, 8L), rng(9L));
        double[] read = new double[1000];
        double[] drift = new double[1000];
        a.readAt(1e5, rng(10L), read);
        a.driftAt(1e5, drift);
        assertArrayEquals(drift, read);
    }

    /** Reading does not change the state: the same read seed gives the same bits twice; reads are never negative. */
    @Test
    void readsLeaveTheProgrammingUntouched() {
        InferenceDeviceArray a = new InferenceDeviceArray(InferenceDeviceModel.pcm(G_MAX), 3000);
        a.program(uniformTargets(3000, 13L), rng(14L));
        double[] first = new double[3000];
        double[] second = new double[3000];
        a.readAt(3600, rng(15L), first);
        a.readAt(1e7, rng(16L), second);
        a.readAt(3600, rng(15L), second);
        assertArrayEquals(first, second);
        for (double g : first) {
            assertTrue(g >= 0);
        }
    }

    @Test
    void unprogrammedDevicesSitAtGMin() {
        InferenceDeviceModel model = InferenceDeviceModel.ideal(new dev.kirchhoff.device.ConductanceRange(2e-6, G_MAX));
        InferenceDeviceArray a = new InferenceDeviceArray(model, 4);
        double[] out = new double[4];
        a.readAt(100, rng(1L), out);
        assertArrayEquals(new double[] {2e-6, 2e-6, 2e-6, 2e-6}, out);
    }

    @Test
    void rejectsInvalidArguments() {
        InferenceDeviceArray a = new InferenceDeviceArray(InferenceDeviceModel.pcm(G_MAX), 3);
        double[] out = new double[3];
        assertMessage(() -> a.readAt(-1, rng(1L), out), "tInferenceSeconds", "-1.0");
        assertMessage(() -> a.readAt(Double.NaN, rng(1L), out), "tInferenceSeconds", "NaN");
        assertMessage(() -> a.driftAt(-0.5, out), "tInferenceSeconds", "-0.5");
        assertMessage(() -> a.readAt(1, rng(1L), new double[2]), "out.length", "2");
        assertMessage(() -> a.program(new double[] {1e-6, Double.NaN, 0}, rng(1L)), "targetsSiemens[1]", "NaN");
        assertMessage(() -> a.program(new double[] {1e-6, 0, -3e-6}, rng(1L)), "targetsSiemens[2]", "-3.0E-6");
        assertMessage(() -> a.program(new double[2], rng(1L)), "targetsSiemens.length", "2");
        assertMessage(() -> new InferenceDeviceArray(InferenceDeviceModel.pcm(G_MAX), 0), "deviceCount", "0");
        assertMessage(() -> new InferenceDeviceArray(null, 3), "model", "null");
        assertMessage(() -> InferenceDeviceModel.pcm(G_MAX).withDrift(null), "drift", "null");
        assertMessage(() -> InferenceDeviceModel.pcm(-G_MAX), "gMaxSiemens", "-2.5E-5");
    }
}
