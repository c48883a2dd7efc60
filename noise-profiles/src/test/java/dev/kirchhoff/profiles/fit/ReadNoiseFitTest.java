package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.inference.ReadNoise;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Recovery of read noise from reads simulated with {@link dev.kirchhoff.device.inference.InferenceDeviceArray}.
 * Sizes: 200–300 devices, 20 reads each, so N = Σ(n−1) ≈ 3800–5700 degrees of freedom and the
 * relative standard error of a single σ parameter is 1/√(2N) ≈ 1.1%; the 5% tolerances on
 * single parameters are over 4 standard errors.
 */
class ReadNoiseFitTest {
    private static final double G_MAX = 25e-6;

    @Test
    void constantNoiseIsRecoveredAndChosen() {
        ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(new ReadNoise.Constant(0.05e-6), G_MAX,
                InferenceFitData.uniformTargets(200, G_MAX, 0.05, 1), 20, RandomSource.XO_SHI_RO_256_PP.create(101L)));
        assertEquals("constant", r.summary().model(), r.summary().toText());
        ReadNoise.Constant c = assertInstanceOf(ReadNoise.Constant.class, r.model());
        assertEquals(1, c.sigmaSiemens() / 0.05e-6, 0.05);
        FitParameter p = r.summary().parameters().get(0);
        assertEquals("sigmaSiemens", p.name());
        assertTrue(p.ciLow() <= 0.05e-6 && 0.05e-6 <= p.ciHigh(), p.toString());
        assertEquals(4, r.summary().candidates().size());
        assertEquals("BIC", r.summary().criterion());
        assertEquals(200, r.residuals().rows().size());
    }

    @Test
    void proportionalNoiseIsRecoveredAndChosen() {
        ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(new ReadNoise.Proportional(0.02), G_MAX,
                InferenceFitData.uniformTargets(200, G_MAX, 0.05, 1), 20, RandomSource.XO_SHI_RO_256_PP.create(102L)));
        assertEquals("proportional", r.summary().model(), r.summary().toText());
        ReadNoise.Proportional p = assertInstanceOf(ReadNoise.Proportional.class, r.model());
        assertEquals(1, p.relativeSigma() / 0.02, 0.05);
        FitParameter f = r.summary().parameters().get(0);
        assertTrue(f.ciLow() <= 0.02 && 0.02 <= f.ciHigh(), f.toString());
    }

    /**
     * σ = 0.01 + 0.2g − 0.12g² µS over g ∈ [0.05, 1], 300 devices × 20 reads: the quadratic is
     * chosen, every coefficient's 95% interval covers the truth, and σ(G) is within 15% of the
     * truth over the range (the largest error is at g = 0.05 where σ = 0.02 µS is smallest; 15%
     * is about 3 standard errors of σ̂ there, from the fitted covariance).
     */
    @Test
    void quadraticNoiseIsRecoveredAndChosen() {
        ReadNoise.Polynomial truth = new ReadNoise.Polynomial(new double[] {0.01e-6, 0.2e-6, -0.12e-6}, G_MAX);
        ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(truth, G_MAX,
                InferenceFitData.uniformTargets(300, G_MAX, 0.05, 1), 20, RandomSource.XO_SHI_RO_256_PP.create(103L)),
                G_MAX);
        assertEquals("polynomial-2", r.summary().model(), r.summary().toText());
        ReadNoise.Polynomial fitted = assertInstanceOf(ReadNoise.Polynomial.class, r.model());
        assertEquals(G_MAX, fitted.gMaxSiemens(), 0);
        double[] c = truth.coefficientsSiemens();
        for (int k = 0; k < 3; k++) {
            FitParameter p = r.summary().parameters().get(k);
            assertTrue(p.ciLow() <= c[k] && c[k] <= p.ciHigh(), p.toString());
        }
        double err = InferenceFitData.maxRelativeError(g -> fitted.sigmaSiemens(g, g, 0),
                g -> truth.sigmaSiemens(g, g, 0), G_MAX, 0.05, 1);
        assertTrue(err < 0.15, "max relative error " + err);
    }

    /**
     * PCM 1/f read noise (Nandakumar et al. 2019) read at t_inference = 0 (t = t_0 = 20 s):
     * σ = G·0.0088·g^(−0.65)·√ln((20 s + t_read)/(2 t_read)) ∝ g^0.35, not one of the candidate
     * forms. 300 devices × 100 reads over g ∈ [0.1, 1]: a polynomial is chosen over constant and
     * proportional, and it follows the true curve within 10% (the best quadratic in relative
     * terms is itself off by up to 5.1% on [0.1, 1]; the rest is about 3 standard errors of σ̂ at
     * the ends).
     */
    @Test
    void pcmReadNoiseIsApproximatedByAPolynomial() {
        ReadNoise pcm = ReadNoise.Pcm.nandakumar2019(G_MAX);
        ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(pcm, G_MAX,
                InferenceFitData.uniformTargets(300, G_MAX, 0.1, 1), 100, RandomSource.XO_SHI_RO_256_PP.create(104L)),
                G_MAX);
        assertTrue(r.summary().model().startsWith("polynomial"), r.summary().toText());
        double err = InferenceFitData.maxRelativeError(g -> r.model().sigmaSiemens(g, g, 0),
                g -> pcm.sigmaSiemens(g, g, 0), G_MAX, 0.1, 1);
        assertTrue(err < 0.10, "max relative error " + err + "\n" + r.summary().toText());
    }

    /**
     * Interval coverage: 100 independent data sets (40 devices × 5 reads, proportional r = 0.03).
     * A correct 95% interval covers the truth Binomial(100, 0.95) times; at least 88 fails with
     * probability 0.15% (binomial tail), while a wrong standard error (e.g. from ignoring the
     * χ² weighting) would miss far more often.
     */
    @Test
    void intervalsCoverTheTruthAtTheirLevel() {
        org.apache.commons.rng.UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(105L);
        int covered = 0;
        for (int rep = 0; rep < 100; rep++) {
            ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(new ReadNoise.Proportional(0.03), G_MAX,
                    InferenceFitData.uniformTargets(40, G_MAX, 0.05, 1), 5, rng));
            if (r.model() instanceof ReadNoise.Proportional) {
                FitParameter p = r.summary().parameters().get(0);
                covered += p.ciLow() <= 0.03 && 0.03 <= p.ciHigh() ? 1 : 0;
            }
        }
        assertTrue(covered >= 88, "covered " + covered + " of 100");
    }

    /** The residual table has the documented columns and one row per device, residual = measured − fitted. */
    @Test
    void residualTableIsMeasuredMinusFitted() throws Exception {
        ReadNoiseFit.Result r = ReadNoiseFit.fit(InferenceFitData.reads(new ReadNoise.Constant(0.05e-6), G_MAX,
                InferenceFitData.uniformTargets(10, G_MAX, 0.05, 1), 4, RandomSource.XO_SHI_RO_256_PP.create(106L)));
        assertEquals(List.of("device", "mean_siemens", "sigma_measured_siemens", "sigma_fitted_siemens",
                "residual_siemens"), r.residuals().header());
        for (double[] row : r.residuals().rows()) {
            assertEquals(row[2] - row[3], row[4], 0);
        }
        StringWriter w = new StringWriter();
        r.residuals().writeCsv(w);
        assertTrue(w.toString().startsWith("device,mean_siemens,"));
        assertEquals("read-noise", r.summary().kind());
        assertEquals("S", r.summary().rmseUnit());
    }
}
