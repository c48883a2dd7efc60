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

    /** Noise-free devices: the pair gives back the weight, Δ = a exactly, with sd 0. */
    @Test
    void idealDevicesGiveTheWeightBack() {
        PairNoise pair = new PairNoise(InferenceDeviceModel.ideal(new ConductanceRange(0, G_MAX)), 1, 0);
        for (float a : new float[] {0f, 0.1f, 0.37f, 1f}) {
            assertEquals(a, pair.draw(a, 0f), 1e-6f);
            assertEquals(a, pair.draw(a, 3f), 1e-6f, "sd must be 0");
        }
    }

    /**
     * The table's mean and sd at a = 0, 0.02, 0.3, 1 against 400,000 draws of the real thing: both
     * PCM devices programmed and read at one day (σ scaled by k = 2), clamped, differenced. The
     * tolerances are 5 standard errors of the sample mean and sd.
     */
    @Test
    void tableMatchesSamplingTheTwoDevices() {
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
            float tableMean = pair.draw((float) a, 0f);
            float tableSd = pair.draw((float) a, 1f) - tableMean;
            assertEquals(mean, tableMean, 5 * sd / Math.sqrt(n) + 1e-7, "mean at a = " + a);
            assertEquals(sd, tableSd, 5 * sd / Math.sqrt(2.0 * n) + 1e-7, "sd at a = " + a);
            assertTrue(tableSd > 0, "PCM has noise at a = " + a);
        }
    }

    private static double device(double g, double k, double t, double xi) {
        ProgrammingNoise prog = PCM.programmingNoise();
        double sp = prog.sigmaSiemens(g);
        double sr = PCM.readNoise().sigmaSiemens(g, g, t);
        return Math.max(g + k * Math.sqrt(sp * sp + sr * sr) * xi, 0);
    }
}
