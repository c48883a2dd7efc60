package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The clipped-normal mean that NeuroSim's one-step fit predicts near a bound. */
class NeuroSimCurveTest {
    /** Abramowitz &amp; Stegun 7.1.26 promises |error| ≤ 1.5e−7 for erfc, so ≤ 0.75e−7 for Φ. */
    @Test
    void normalCdfAgreesWithCommonsMath() {
        NormalDistribution n = new NormalDistribution(null, 0, 1);
        for (double z = -8; z <= 8; z += 0.01) {
            assertEquals(n.cumulativeProbability(z), NeuroSimCurve.cdf(z), 1e-7, "z = " + z);
        }
    }

    /**
     * A normal centred on the lower bound, clipped there, has mean a + σ·φ(0) = a + σ/√(2π)
     * (half of it sits on a, the other half is a half-normal of mean σ·√(2/π)); far inside the
     * window the clipping does nothing; centred on the upper bound it mirrors.
     */
    @Test
    void clippedMeanMatchesTheHalfNormalAndVanishesInside() {
        double sigma = 0.3;
        assertEquals(1 + sigma / Math.sqrt(2 * Math.PI), NeuroSimCurve.clippedMean(1, sigma, 1, 100), 1e-7);
        assertEquals(5 - sigma / Math.sqrt(2 * Math.PI), NeuroSimCurve.clippedMean(5, sigma, -100, 5), 1e-7);
        assertEquals(3, NeuroSimCurve.clippedMean(3, sigma, 0, 6), 0.0);
        // Far beyond a bound the mean is the bound.
        assertEquals(0, NeuroSimCurve.clippedMean(-5, sigma, 0, 6), 1e-9);
    }
}
