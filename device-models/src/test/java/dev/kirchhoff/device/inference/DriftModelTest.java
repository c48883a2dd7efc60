package dev.kirchhoff.device.inference;

import static dev.kirchhoff.device.inference.ProgrammingNoiseTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class DriftModelTest {
    private static final double G_MAX = 25e-6;
    private static final DriftModel.Pcm PCM = DriftModel.Pcm.nandakumar2019(G_MAX);

    /**
     * g = 0.1, no clipping: ln 0.1 = −2.302585093;
     * μ_ν = 0.0155·2.302585093 + 0.0244 = 0.060090069 ∈ [0.049, 0.1],
     * σ_ν = 0.0125·2.302585093 − 0.0059 = 0.022882314 ∈ [0.008, 0.045].
     */
    @Test
    void pcmExponentWithoutClipping() {
        assertEquals(0.060090069, PCM.meanNu(2.5e-6), 1e-9);
        assertEquals(0.022882314, PCM.sigmaNu(2.5e-6), 1e-9);
    }

    /**
     * g = 1: μ_ν = 0.0244 → clipped up to 0.049, σ_ν = −0.0059 → clipped up to 0.008.
     * g = 1e−3: μ_ν = 0.0155·6.907755 + 0.0244 = 0.131470 → clipped down to 0.1,
     * σ_ν = 0.0125·6.907755 − 0.0059 = 0.080447 → clipped down to 0.045.
     * g = 0 is floored at 1e−7 (aihwkit's _ZERO_CLIP) and clips the same way.
     */
    @Test
    void pcmExponentWithClipping() {
        assertEquals(0.049, PCM.meanNu(G_MAX), 0);
        assertEquals(0.008, PCM.sigmaNu(G_MAX), 0);
        assertEquals(0.1, PCM.meanNu(1e-3 * G_MAX), 0);
        assertEquals(0.045, PCM.sigmaNu(1e-3 * G_MAX), 0);
        assertEquals(0.1, PCM.meanNu(0), 0);
        assertEquals(0.045, PCM.sigmaNu(0), 0);
    }

    /**
     * The drift law against Math.pow: the array evaluates exp(−ν·ln((t+t0)/t0)), which differs
     * from pow only by rounding of the logarithm and the product; 1e−14 relative is ample.
     */
    @Test
    void driftFollowsThePowerLaw() {
        double gProg = 10e-6;
        double nu = 0.06;
        for (double t : new double[] {0, 1, 20, 3600, 86400, 3.15e7}) {
            double expected = gProg * Math.pow((t + 20) / 20, -nu);
            assertEquals(expected, PCM.conductanceAt(gProg, nu, t), 1e-14 * expected, "t=" + t);
        }
        assertEquals(gProg, PCM.conductanceAt(gProg, nu, 0), 0);
        // ν = 0.1 metal-oxide RRAM (MemTorch's default), t0 = 1 s, one day later: (86401)^−0.1.
        DriftModel rram = DriftModel.Constant.of(0.1, 1);
        assertEquals(gProg * Math.pow(86401, -0.1), rram.conductanceAt(gProg, 0.1, 86400), 1e-14 * gProg);
        assertEquals(0.1, rram.drawNu(gProg, 3.7), 0);
    }

    /**
     * 20,000 draws of ν at g = 0.1. ν = |X|, X ~ N(μ, σ²), μ = 0.060090, σ = 0.022882: a folded
     * normal (the fold moves 0.4% of the mass), with
     * E ν = σ√(2/π)·e^(−μ²/2σ²) + μ(1 − 2Φ(−μ/σ)), Var ν = μ² + σ² − (E ν)².
     * Bounds: mean within 6·sd/√n; sample sd within 6/√(2(n−1)) = 4.2% relative (normal-theory
     * χ² width; the fold barely changes the kurtosis). Either fails with probability ~1e−9 per seed.
     */
    @Test
    void exponentDistributionIsTheFoldedNormal() {
        int n = 20_000;
        double g = 2.5e-6;
        double mu = PCM.meanNu(g);
        double sigma = PCM.sigmaNu(g);
        double phi = new NormalDistribution(0, 1).cumulativeProbability(-mu / sigma);
        double mean = sigma * Math.sqrt(2 / Math.PI) * Math.exp(-mu * mu / (2 * sigma * sigma)) + mu * (1 - 2 * phi);
        double sd = Math.sqrt(mu * mu + sigma * sigma - mean * mean);

        InferenceDeviceModel model = InferenceDeviceModel.ideal(new dev.kirchhoff.device.ConductanceRange(0, G_MAX))
                .withDrift(PCM);
        InferenceDeviceArray a = new InferenceDeviceArray(model, n);
        double[] targets = new double[n];
        Arrays.fill(targets, g);
        a.program(targets, RandomSource.XO_SHI_RO_256_PP.create(8964852L));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a.nu(i);
        }
        double m = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (a.nu(i) - m) * (a.nu(i) - m);
        }
        double s = Math.sqrt(ss / (n - 1));
        assertEquals(mean, m, 6 * sd / Math.sqrt(n));
        assertEquals(1, s / sd, 6 / Math.sqrt(2.0 * (n - 1)));
    }

    @Test
    void rejectsInvalidParameters() {
        assertMessage(() -> new DriftModel.Pcm(Double.NaN, 20), "gMaxSiemens", "NaN");
        assertMessage(() -> new DriftModel.Pcm(G_MAX, 0), "t0Seconds", "0.0");
        assertMessage(() -> new DriftModel.Constant(-0.1, 0, 1), "nu", "-0.1");
        assertMessage(() -> new DriftModel.Constant(0.1, Double.NaN, 1), "sigmaNu", "NaN");
        assertMessage(() -> PCM.conductanceAt(1e-6, 0.05, -1), "tInferenceSeconds", "-1.0");
        assertMessage(() -> PCM.conductanceAt(1e-6, 0.05, Double.NaN), "tInferenceSeconds", "NaN");
        assertMessage(() -> PCM.logTimeRatio(Double.POSITIVE_INFINITY), "tInferenceSeconds", "Infinity");
    }

    /** LogLinear.pcm evaluates the same expressions as Pcm, so the two agree bit for bit, clipped or not. */
    @Test
    void logLinearWithThePcmCoefficientsIsThePcmModel() {
        DriftModel.LogLinear l = DriftModel.LogLinear.pcm(G_MAX, 20);
        for (int k = 0; k <= 200; k++) {
            double g = G_MAX * Math.pow(10, -5 + 5.0 * k / 200);
            assertEquals(PCM.meanNu(g), l.meanNu(g), 0, "g=" + g);
            assertEquals(PCM.sigmaNu(g), l.sigmaNu(g), 0, "g=" + g);
        }
        assertEquals(PCM.meanNu(0), l.meanNu(0), 0);
        assertEquals(20, l.t0Seconds(), 0);
    }

    /**
     * μ_ν = clip(0.03 − 0.01·ln g, 0.02, 0.09), σ_ν = clip(0.004 − 0.006·ln g, 0.005, 0.03):
     * g = e^−2: μ = 0.05, σ = 0.016; g = 1: μ = 0.03, σ = 0.004 → 0.005; g = e^−8: μ = 0.11 → 0.09,
     * σ = 0.052 → 0.03.
     */
    @Test
    void logLinearClipsEachLine() {
        DriftModel.LogLinear l = new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005, 0.03);
        assertEquals(0.05, l.meanNu(G_MAX * Math.exp(-2)), 1e-15);
        assertEquals(0.016, l.sigmaNu(G_MAX * Math.exp(-2)), 1e-15);
        assertEquals(0.03, l.meanNu(G_MAX), 1e-15);
        assertEquals(0.005, l.sigmaNu(G_MAX), 0);
        assertEquals(0.09, l.meanNu(G_MAX * Math.exp(-8)), 0);
        assertEquals(0.03, l.sigmaNu(G_MAX * Math.exp(-8)), 0);
    }

    @Test
    void logLinearRejectsInvalidParameters() {
        assertMessage(() -> new DriftModel.LogLinear(0, 20, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005, 0.03),
                "gMaxSiemens", "0.0");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, -1, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005, 0.03),
                "t0Seconds", "-1.0");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, Double.NaN, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005,
                0.03), "meanNuIntercept", "NaN");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, 0.03, Double.POSITIVE_INFINITY, 0.02, 0.09, 0.004,
                -0.006, 0.005, 0.03), "meanNuSlope", "Infinity");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.1, 0.09, 0.004, -0.006, 0.005, 0.03),
                "meanNuMax", "0.09");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.02, 0.09, 0.004, Double.NaN, 0.005,
                0.03), "sigmaNuSlope", "NaN");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, -0.001, 0.03),
                "sigmaNuMin", "-0.001");
        assertMessage(() -> new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005, 0.004),
                "sigmaNuMax", "0.004");
    }
}
