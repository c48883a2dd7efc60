package dev.kirchhoff.training.hwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The pair's moments against the clamped-normal formulas and against sampling the two devices. */
class PairNoiseTest {
    private static final double G_MAX = 25e-6;
    private static final InferenceDeviceModel PCM = InferenceDeviceModel.pcm(G_MAX);

    /** A half-normal (G = 0): E[X⁺] = σ/√(2π), E[X⁺²] = σ²/2. */
    @Test
    void clampedMomentsOfAHalfNormal() {
        double s = 0.7;
        double[] m = PairNoise.clampedMoments(0, s);
        assertEquals(s / Math.sqrt(2 * Math.PI), m[0], 1e-15);
        assertEquals(s * s / 2, m[1], 1e-15);
    }

    /** Far above zero the clamp never acts: E[X⁺] = G, E[X⁺²] = G² + σ² to double precision. */
    @Test
    void clampedMomentsFarFromZeroAreTheNormalOnes() {
        double[] m = PairNoise.clampedMoments(10, 1);
        assertEquals(10, m[0], 1e-12);
        assertEquals(101, m[1], 1e-10);
    }

    /** Noise-free devices: the pair gives back the weight, μ(a) = a with sd 0, exactly and fitted. */
    @Test
    void idealDevicesGiveTheWeightBack() {
        PairNoise pair = new PairNoise(InferenceDeviceModel.ideal(new ConductanceRange(0, G_MAX)), 1, 0);
        for (double a : new double[] {0, 0.1, 0.37, 1}) {
            assertEquals(a, pair.exactMoments(a)[0], 1e-15);
            assertEquals(0, pair.exactMoments(a)[1], 0.0);
            assertEquals(a, pair.fittedMean(a), 1e-5);
            assertEquals(0, pair.fittedSd(a), 1e-5);
        }
    }

    /**
     * The exact moments at a = 0, 0.02, 0.3, 1 against 400,000 draws of the real thing: both PCM
     * devices programmed and read at one day (σ scaled by k = 2), clamped, differenced. The
     * tolerances are 5 standard errors of the sample mean and sd.
     */
    @Test
    void exactMomentsMatchSamplingTheTwoDevices() {
        double k = 2;
        double t = 86_400;
        PairNoise pair = new PairNoise(PCM, k, t);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 400_000;
        for (double a : new double[] {0, 0.02, 0.3, 1}) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double d = (device(a * G_MAX, k, t, gauss.sample()) - device(0, k, t, gauss.sample())) / G_MAX;
                sum += d;
                sumSq += d * d;
            }
            double mean = sum / n;
            double sd = Math.sqrt(sumSq / n - mean * mean);
            double[] exact = pair.exactMoments(a);
            assertEquals(mean, exact[0], 5 * sd / Math.sqrt(n), "mean at a = " + a);
            assertEquals(sd, exact[1], 5 * sd / Math.sqrt(2.0 * n), "sd at a = " + a);
            assertTrue(exact[1] > 0, "PCM has noise at a = " + a);
        }
    }

    /**
     * The polynomials the training loop evaluates stay within 3% of sd(a) of the exact mean and sd,
     * at 1000 points of (0, 1], for the PCM preset at k = 1 and k = 3 (measured: under 2.5%).
     */
    @Test
    void fittedPolynomialsFollowTheExactMoments() {
        for (double k : new double[] {1, 3}) {
            PairNoise pair = new PairNoise(PCM, k, 86_400);
            for (int p = 1; p <= 1000; p++) {
                double a = p / 1000.0;
                double[] exact = pair.exactMoments(a);
                assertEquals(exact[0], pair.fittedMean(a), 0.03 * exact[1], "mean at a = " + a + ", k = " + k);
                assertEquals(exact[1], pair.fittedSd(a), 0.03 * exact[1], "sd at a = " + a + ", k = " + k);
            }
        }
    }

    private static double device(double g, double k, double t, double xi) {
        ProgrammingNoise prog = PCM.programmingNoise();
        double sp = prog.sigmaSiemens(g);
        double sr = PCM.readNoise().sigmaSiemens(g, g, t);
        return Math.max(g + k * Math.sqrt(sp * sp + sr * sr) * xi, 0);
    }
}
