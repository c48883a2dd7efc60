package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The c2c/write-noise moment estimator against its closed form. */
class PulseNoiseMomentsTest {
    private static PulseNoiseMoments.Sums trajectorySums(double[] reads, double[] fitted, double[] scale) {
        double[] increment = new double[reads.length];
        double[] carry = new double[reads.length];
        PulseNoiseMoments.trajectoryIncrements(reads, fitted, increment, carry);
        return PulseNoiseMoments.deviceSums(increment, carry, scale);
    }
    /**
     * A residual series small enough to work out by hand. r = (0, 3, 1, 4, 4), s = (·, 2, 2, 2, 2):
     * Δr = (3, −2, 3, 0); Σ Δr² = 22; lag products 3·(−2) + (−2)·3 + 3·0 = −12 over 3 pairs, so
     * σ̂_w² = 4; ĉ² = (22 − 2·4·4)/(4·4) = −10/16 &lt; 0, floored: c = 0, unresolved.
     */
    @Test
    void smallSeriesByHand() {
        double[] fitted = new double[5];
        double[] reads = {0, 3, 1, 4, 4};
        double[] scale = {Double.NaN, 2, 2, 2, 2};
        PulseNoiseMoments.Sums s = trajectorySums(reads, fitted, scale);
        assertEquals(22, s.sumSquares(), 0);
        assertEquals(2 * 4, s.noiseWeight(), 0);
        assertEquals(-12, s.sumLag(), 0);
        assertEquals(3, s.lagWeight(), 0);
        assertEquals(16, s.sumScaleSq(), 0);
        PulseNoiseMoments.Estimate e = PulseNoiseMoments.estimate(new PulseNoiseMoments.Sums[] {s});
        assertEquals(2, e.writeNoiseSigma(), 1e-15);
        assertEquals(0, e.c2c(), 0);
        assertFalse(e.c2cResolved());
        assertTrue(e.writeNoiseResolved());
    }

    /**
     * r = (0, 4, 3, 9, 8) with fitted 0 and s = 4 for every pulse: Δr = (4, −1, 6, −1), Σ Δr² = 54,
     * lag sum 4·(−1) + (−1)·6 + 6·(−1) = −16 over 3 pairs → σ̂_w² = 16/3,
     * ĉ² = (54 − 2·4·16/3)/(4·16) = (54 − 128/3)/64 = (34/3)/64 = 17/96.
     * A masked pulse (NaN) leaves Σ Δr² and Σ s² but not the lag sum.
     */
    @Test
    void closedFormWithMask() {
        double[] reads = {0, 4, 3, 9, 8};
        double[] zero = new double[5];
        PulseNoiseMoments.Estimate e = PulseNoiseMoments.estimate(new PulseNoiseMoments.Sums[] {
            trajectorySums(reads, zero, new double[] {Double.NaN, 4, 4, 4, 4})});
        assertEquals(Math.sqrt(16.0 / 3), e.writeNoiseSigma(), 1e-14);
        assertEquals(Math.sqrt(17.0 / 96), e.c2c(), 1e-14);
        assertTrue(e.c2cResolved());
        // Mask pulse 3 (Δr = 6): Σ Δr² = 18 over 3, Σ s² = 48, lag sum unchanged:
        // ĉ² = (18 − 2·3·16/3)/48 = −14/48 < 0, floored at 0 and reported unresolved.
        PulseNoiseMoments.Estimate masked = PulseNoiseMoments.estimate(new PulseNoiseMoments.Sums[] {
            trajectorySums(reads, zero, new double[] {Double.NaN, 4, 4, Double.NaN, 4})});
        assertEquals(Math.sqrt(16.0 / 3), masked.writeNoiseSigma(), 1e-14);
        assertEquals(0, masked.c2c(), 0);
        assertFalse(masked.c2cResolved());
    }

    /**
     * Simulated residuals of exactly the assumed form, e_n = e_{n−1} + c·s_n·ξ_n and r_n = e_n + σ_w·η_n,
     * with steps s_n varying over [0.5, 1.5]: c = 0.1, σ_w = 0.05 (the write noise dominating the
     * increment variance, 2σ_w² = 0.005 against c²·E[s²] ≈ 0.0108), 20 devices × 5000 pulses,
     * fixed seed. Estimates must fall within 4 jackknife standard errors of the truth (a bound a
     * correct estimator misses with probability about 6e−5), and the jackknife errors must be below
     * 5% of the values, so the test can fail on a biased estimator.
     */
    @Test
    void recoversSimulatedNoiseWithinItsJackknifeError() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(0x5EEDL);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double c = 0.1;
        double w = 0.05;
        int devices = 20;
        int n = 5000;
        PulseNoiseMoments.Sums[] sums = new PulseNoiseMoments.Sums[devices];
        for (int d = 0; d < devices; d++) {
            double[] reads = new double[n];
            double[] scale = new double[n];
            double e = 0;
            for (int i = 0; i < n; i++) {
                scale[i] = 0.5 + (i % 100) / 100.0;
                e += c * scale[i] * g.sample();
                reads[i] = e + w * g.sample();
            }
            scale[0] = Double.NaN;
            sums[d] = trajectorySums(reads, new double[n], scale);
        }
        PulseNoiseMoments.Estimate est = PulseNoiseMoments.estimate(sums);
        assertEquals(w, est.writeNoiseSigma(), 4 * est.writeNoiseSe());
        assertEquals(c, est.c2c(), 4 * est.c2cSe());
        assertTrue(est.writeNoiseSe() < 0.05 * w, "σ_w jackknife error " + est.writeNoiseSe());
        assertTrue(est.c2cSe() < 0.05 * c, "c jackknife error " + est.c2cSe());
    }

    /**
     * One-step residuals of a contracting device, X_n = a + f·X_{n−1} + c·ξ_n (f = 0.9, the state
     * pulled back 10% per pulse, so it wanders about its fixed point), Y_n = X_n + σ_w·η_n,
     * predicted from the previous read, μ = a + f·Y_{n−1}: Δ_n = c·ξ_n + ε_n − f·ε_{n−1}, k_n = f.
     * c = 0.02, σ_w = 0.01, 20 devices × 5000 pulses, fixed seed: both within 4 jackknife errors.
     * Taking the same residuals with k = 1 (ignoring the slope) reads σ_w² too low by 10% and c too
     * high; the test checks that this bias is larger than the error bars, so it tells k from 1.
     */
    @Test
    void oneStepResidualsWithTheirSlope() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(0x0E57E5L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double a = 0.1;
        double f = 0.9;
        double c = 0.02;
        double w = 0.01;
        int devices = 20;
        int n = 5000;
        PulseNoiseMoments.Sums[] sums = new PulseNoiseMoments.Sums[devices];
        PulseNoiseMoments.Sums[] unit = new PulseNoiseMoments.Sums[devices];
        for (int d = 0; d < devices; d++) {
            double[] increment = new double[n];
            double[] carry = new double[n];
            double[] ones = new double[n];
            double[] scale = new double[n];
            double x = a / (1 - f);
            double prevRead = x + w * g.sample();
            for (int i = 1; i < n; i++) {
                x = a + f * x + c * g.sample();
                double read = x + w * g.sample();
                increment[i] = read - (a + f * prevRead);
                carry[i] = f;
                ones[i] = 1;
                scale[i] = 1;
                prevRead = read;
            }
            scale[0] = Double.NaN;
            sums[d] = PulseNoiseMoments.deviceSums(increment, carry, scale);
            unit[d] = PulseNoiseMoments.deviceSums(increment, ones, scale);
        }
        PulseNoiseMoments.Estimate est = PulseNoiseMoments.estimate(sums);
        assertEquals(w, est.writeNoiseSigma(), 4 * est.writeNoiseSe());
        assertEquals(c, est.c2c(), 4 * est.c2cSe());
        PulseNoiseMoments.Estimate naive = PulseNoiseMoments.estimate(unit);
        assertTrue(w - naive.writeNoiseSigma() > 4 * est.writeNoiseSe(), "k = 1 gives σ_w " + naive.writeNoiseSigma());
    }
}
