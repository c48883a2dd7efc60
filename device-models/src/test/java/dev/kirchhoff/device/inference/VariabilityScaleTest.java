package dev.kirchhoff.device.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * {@link InferenceDeviceModel#withVariabilityScale}: σ of programming and of reads and σ_ν scale
 * by the factor, μ_ν does not; scale 0 leaves exactly the mean drift law.
 */
class VariabilityScaleTest {
    private static final double G_MAX = 25e-6;
    private static final InferenceDeviceModel PCM = InferenceDeviceModel.pcm(G_MAX);

    @Test
    void everySpreadScalesByTheFactorAndTheMeanDriftDoesNot() {
        InferenceDeviceModel scaled = PCM.withVariabilityScale(1.5);
        for (double g = 0; g <= G_MAX; g += G_MAX / 8) {
            assertEquals(1.5 * PCM.programmingNoise().sigmaSiemens(g), scaled.programmingNoise().sigmaSiemens(g),
                    1e-15 * G_MAX, "programming σ at " + g);
            assertEquals(1.5 * PCM.readNoise().deviceCoefficient(g), scaled.readNoise().deviceCoefficient(g),
                    1e-12 * Math.abs(PCM.readNoise().deviceCoefficient(g)) + 1e-300, "read coefficient at " + g);
            assertEquals(1.5 * PCM.drift().sigmaNu(g), scaled.drift().sigmaNu(g), 1e-15, "σ_ν at " + g);
            assertEquals(PCM.drift().meanNu(g), scaled.drift().meanNu(g), 0.0, "μ_ν at " + g);
        }
        assertEquals(PCM.readNoise().timeFactor(3600), scaled.readNoise().timeFactor(3600), 0.0);
        assertEquals(PCM.readNoise().relative(), scaled.readNoise().relative());
        assertEquals(PCM.drift().t0Seconds(), scaled.drift().t0Seconds(), 0.0);
        assertEquals(PCM.range(), scaled.range());
    }

    /**
     * With scale 0 every device is programmed exactly to its target, drifts with ν = μ_ν(G_T)
     * and reads without noise: a read at one day equals G_T·((t + t_0)/t_0)^(−μ_ν) to rounding.
     */
    @Test
    void scaleZeroLeavesTheMeanDriftLawOnly() {
        InferenceDeviceModel none = PCM.withVariabilityScale(0);
        int n = 1000;
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = G_MAX * (i + 1) / n;
        }
        InferenceDeviceArray devices = new InferenceDeviceArray(none, n);
        devices.program(targets, RandomSource.XO_SHI_RO_256_PP.create(1L));
        double[] read = new double[n];
        double t = 86_400;
        devices.readAt(t, RandomSource.XO_SHI_RO_256_PP.create(2L), read);
        for (int i = 0; i < n; i++) {
            double expected = targets[i] * Math.pow((t + 20) / 20, -PCM.drift().meanNu(targets[i]));
            assertEquals(expected, read[i], 1e-12 * expected, "device " + i);
        }
    }

    /**
     * Programming 20,000 devices at 0.5·g_max: the sample σ of the programmed conductances is
     * factor·σ_PCM(0.5·g_max) within 3%, about 4 standard errors of a sample σ (√(1/(2n)) = 0.5%).
     */
    @Test
    void programmedSpreadFollowsTheFactor() {
        int n = 20_000;
        double target = 0.5 * G_MAX;
        double[] targets = new double[n];
        java.util.Arrays.fill(targets, target);
        for (double factor : new double[] {0.5, 2}) {
            InferenceDeviceArray devices = new InferenceDeviceArray(PCM.withVariabilityScale(factor), n);
            devices.program(targets, RandomSource.XO_SHI_RO_256_PP.create(3L));
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double d = devices.programmed(i) - target;
                sum += d;
                sumSq += d * d;
            }
            double sd = Math.sqrt((sumSq - sum * sum / n) / (n - 1));
            double expected = factor * PCM.programmingNoise().sigmaSiemens(target);
            assertTrue(Math.abs(sd / expected - 1) < 0.03, "factor " + factor + ": σ " + sd + " vs " + expected);
        }
    }

    @Test
    void negativeOrNonFiniteScaleIsRejectedWithItsValue() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PCM.withVariabilityScale(bad));
            assertTrue(e.getMessage().contains("scale") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }
}
