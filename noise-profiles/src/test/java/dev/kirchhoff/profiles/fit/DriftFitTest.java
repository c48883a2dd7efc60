package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.ReadNoise;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Recovery of drift from devices simulated with {@link dev.kirchhoff.device.inference.InferenceDeviceArray}:
 * programmed exactly, ν drawn from the model, read with proportional read noise at
 * t = 20 s·2^k (the first read at t_0 = 20 s).
 */
class DriftFitTest {
    private static final double G_MAX = 25e-6;

    private static double[] times(int count) {
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = 20 * Math.pow(2, k);
        }
        return t;
    }

    /**
     * PCM drift (Nandakumar et al. 2019), 2000 devices log-uniform over g ∈ [0.02, 0.2] where neither
     * line is clipped, 10 reads from 20 s to 2.8 h with 1% read noise. The log-linear form is
     * chosen; μ_ν(G) is within 5% and σ_ν(G) within 20% of the truth over the range (about 3
     * standard errors at the ends of the range, where the lines are least certain: PCM's σ_ν is
     * 30–50% of μ_ν, so with 500 devices the standard error of μ_ν at g = 0.2 alone is about 5%; the
     * fold |μ + σξ| moves 2% of the mass at g = 0.02, which the fit does not model, and biases σ_ν
     * slightly low there). Each coefficient is within 3 standard errors of the truth (the 99.7% Wald
     * interval): over 16 seeds the σ_ν line's coefficients sat on average 0.7 standard errors from
     * the truth because of the fold, and four 95% intervals at once all cover only 81% of the time,
     * so the 95% level is tested where it is exact, in {@link #intervalsCoverTheTruthAtTheirLevel}.
     */
    @Test
    void pcmDriftIsRecoveredAsLogLinear() {
        DriftModel.Pcm truth = DriftModel.Pcm.nandakumar2019(G_MAX);
        DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(truth, new ReadNoise.Proportional(0.01), G_MAX,
                InferenceFitData.logUniformTargets(2000, G_MAX, 0.02, 0.2), times(10),
                RandomSource.XO_SHI_RO_256_PP.create(301L)), 20, G_MAX);
        assertEquals("log-linear", r.summary().model(), r.summary().toText());
        DriftModel.LogLinear m = assertInstanceOf(DriftModel.LogLinear.class, r.model());
        assertEquals(20, m.t0Seconds(), 0);
        double muErr = InferenceFitData.maxRelativeError(m::meanNu, truth::meanNu, G_MAX, 0.02, 0.2);
        double sigmaErr = InferenceFitData.maxRelativeError(m::sigmaNu, truth::sigmaNu, G_MAX, 0.02, 0.2);
        assertTrue(muErr < 0.05, "μ_ν max relative error " + muErr + "\n" + r.summary().toText());
        assertTrue(sigmaErr < 0.20, "σ_ν max relative error " + sigmaErr + "\n" + r.summary().toText());
        double[] exact = {0.0244, -0.0155, -0.0059, -0.0125};
        String[] names = {"meanNuIntercept", "meanNuSlope", "sigmaNuIntercept", "sigmaNuSlope"};
        for (int k = 0; k < 4; k++) {
            FitParameter p = r.summary().parameters().get(k);
            assertEquals(names[k], p.name());
            assertTrue(Math.abs(p.value() - exact[k]) <= 3 * p.standardError(), p.toString());
        }
    }

    /**
     * ν = |0.05 + 0.01ξ| for every device, 400 devices, 6 reads (20 s … 640 s) with 2% read noise:
     * each regression's se(ν) ≈ 0.007 is comparable to σ_ν, so the observed sd of ν̂ is about 0.0122,
     * 22% above the true 0.01. The fit recovers ν within 5% and σ_ν within 15% (the corrected
     * spread has a relative standard error of about 5%), its intervals cover both, while the
     * uncorrected sd (in the notes) would miss by more than 15%: the correction is what makes the
     * test pass.
     */
    @Test
    void constantDriftIsRecoveredWithTheEstimationNoiseRemoved() {
        DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(new DriftModel.Constant(0.05, 0.01, 20),
                new ReadNoise.Proportional(0.02), G_MAX, InferenceFitData.logUniformTargets(400, G_MAX, 0.05, 1), times(6),
                RandomSource.XO_SHI_RO_256_PP.create(302L)));
        assertEquals("constant", r.summary().model(), r.summary().toText());
        DriftModel.Constant c = assertInstanceOf(DriftModel.Constant.class, r.model());
        assertEquals(20, c.t0Seconds(), 0, "t0 is the first measurement time");
        assertEquals(1, c.nu() / 0.05, 0.05);
        assertEquals(1, c.sigmaNu() / 0.01, 0.15);
        FitParameter nu = r.summary().parameters().get(0);
        FitParameter sigma = r.summary().parameters().get(1);
        assertTrue(nu.ciLow() <= 0.05 && 0.05 <= nu.ciHigh(), nu.toString());
        assertTrue(sigma.ciLow() <= 0.01 && 0.01 <= sigma.ciHigh(), sigma.toString());
        double[] nuHat = r.exponents().rows().stream().mapToDouble(row -> row[2]).toArray();
        double mean = Arrays.stream(nuHat).average().orElseThrow();
        double observedSd = Math.sqrt(Arrays.stream(nuHat).map(v -> (v - mean) * (v - mean)).sum() / (nuHat.length - 1));
        assertTrue(Math.abs(observedSd / 0.01 - 1) > 0.15, "uncorrected sd " + observedSd);
    }

    /**
     * The constant form is chosen for G-independent drift in at least 8 of 10 data sets (a spurious
     * extra parameter wins with probability about P(χ²₁ &gt; ln 300) = 1.6% per data set).
     */
    @Test
    void constantFormIsChosenForConductanceIndependentDrift() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(303L);
        int constant = 0;
        for (int rep = 0; rep < 10; rep++) {
            DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(new DriftModel.Constant(0.08, 0.02, 20),
                    new ReadNoise.Proportional(0.01), G_MAX, InferenceFitData.logUniformTargets(300, G_MAX, 0.05, 1),
                    times(8), rng));
            constant += r.summary().model().equals("constant") ? 1 : 0;
        }
        assertTrue(constant >= 8, "constant chosen " + constant + " of 10 times");
    }

    /**
     * No spread at all (σ_ν = 0) and noisy regressions (se(ν̂) ≈ 0.007): the estimation noise explains
     * the whole variance, so σ_ν is either held at 0 (with the "not resolved" note) or its 95%
     * interval reaches 0, and it is below 0.004, far under the observed sd of ν̂; ν is within 5%.
     * With per-device standard errors as weights (instead of the pooled residual variance) this
     * test fails: σ_ν came out at 0.004–0.005 with intervals excluding 0.
     */
    @Test
    void unresolvedSpreadIsEstimatedNearZero() {
        DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(DriftModel.Constant.of(0.05, 20),
                new ReadNoise.Proportional(0.02), G_MAX, InferenceFitData.logUniformTargets(200, G_MAX, 0.05, 1), times(6),
                RandomSource.XO_SHI_RO_256_PP.create(304L)));
        assertEquals("constant", r.summary().model(), r.summary().toText());
        FitParameter sigma = r.summary().parameters().get(1);
        boolean heldAtZero = sigma.value() == 0
                && r.summary().notes().stream().anyMatch(n -> n.contains("spread of ν is not resolved"));
        assertTrue(heldAtZero || sigma.ciLow() <= 0, r.summary().toText());
        assertTrue(sigma.value() < 0.004, r.summary().toText());
        assertEquals(1, r.model().meanNu(G_MAX) / 0.05, 0.05);
    }

    /** A given t_0 other than the first read: ν is the same, G(t_0) moves along each device's line. */
    @Test
    void givenT0KeepsTheExponents() {
        MeasurementCsv data = InferenceFitData.drift(new DriftModel.Constant(0.05, 0.01, 20),
                new ReadNoise.Proportional(0.01), G_MAX, InferenceFitData.logUniformTargets(50, G_MAX, 0.05, 1), times(5),
                RandomSource.XO_SHI_RO_256_PP.create(305L));
        DriftFit.Result a = DriftFit.fit(data);
        DriftFit.Result b = DriftFit.fit(data, 1, Double.NaN);
        assertEquals(1, b.model().t0Seconds(), 0);
        for (int d = 0; d < 50; d++) {
            double[] ra = a.exponents().rows().get(d);
            double[] rb = b.exponents().rows().get(d);
            assertEquals(ra[2], rb[2], 1e-12);
            assertEquals(ra[1] * Math.pow(20, ra[2]), rb[1], 1e-9 * rb[1]);
        }
    }

    /**
     * Interval coverage of ν and σ_ν for G-independent drift (ν = |0.06 + 0.015ξ|, unfolded to within
     * 3e−5 of the mass) over 100 data sets of 100 devices × 6 reads. Counted where the constant form
     * is chosen (at least 90 data sets; BIC picks an extra parameter in about 3%): each interval
     * covers the truth in at least 88% of them. For a correct 95% interval and 90–100 trials that
     * fails with probability at most 0.6% (binomial tail).
     */
    @Test
    void intervalsCoverTheTruthAtTheirLevel() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(307L);
        int chosen = 0;
        int nuCovered = 0;
        int sigmaCovered = 0;
        for (int rep = 0; rep < 100; rep++) {
            DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(new DriftModel.Constant(0.06, 0.015, 20),
                    new ReadNoise.Proportional(0.01), G_MAX, InferenceFitData.logUniformTargets(100, G_MAX, 0.05, 1),
                    times(6), rng));
            FitParameter nu = r.summary().parameters().get(0);
            FitParameter sigma = r.summary().parameters().get(1);
            if (r.summary().model().equals("constant")) {
                chosen++;
                nuCovered += nu.ciLow() <= 0.06 && 0.06 <= nu.ciHigh() ? 1 : 0;
                sigmaCovered += sigma.ciLow() <= 0.015 && 0.015 <= sigma.ciHigh() ? 1 : 0;
            }
        }
        assertTrue(chosen >= 90, "constant chosen " + chosen + " of 100");
        assertTrue(nuCovered >= 0.88 * chosen, "ν covered " + nuCovered + " of " + chosen);
        assertTrue(sigmaCovered >= 0.88 * chosen, "σ_ν covered " + sigmaCovered + " of " + chosen);
    }

    @Test
    void residualTableFollowsEachDevicesPowerLaw() {
        DriftFit.Result r = DriftFit.fit(InferenceFitData.drift(new DriftModel.Constant(0.05, 0.01, 20),
                new ReadNoise.Proportional(0.01), G_MAX, InferenceFitData.logUniformTargets(20, G_MAX, 0.05, 1), times(4),
                RandomSource.XO_SHI_RO_256_PP.create(306L)));
        assertEquals(List.of("device", "time_seconds", "measured_siemens", "fitted_siemens", "residual_siemens"),
                r.residuals().header());
        assertEquals(80, r.residuals().rows().size());
        for (double[] row : r.residuals().rows()) {
            double[] dev = r.exponents().rows().get((int) row[0]);
            assertEquals(dev[1] * Math.pow(row[1] / 20, -dev[2]), row[3], 1e-9 * row[3]);
            assertEquals(row[2] - row[3], row[4], 0);
        }
        assertEquals("drift", r.summary().kind());
    }
}
