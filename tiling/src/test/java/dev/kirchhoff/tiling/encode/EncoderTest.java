package dev.kirchhoff.tiling.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Rate, latency and delta encoders against their defining formulas. */
class EncoderTest {
    private static final long[] SEED = {0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L, 42L, 2026L};

    /**
     * Bernstein's inequality for a sum of n Bernoulli(p) trials: P(|S − np| ≥ t) ≤
     * 2·exp(−t²/(2(np(1−p) + t/3))). Solving for the t at which the bound equals δ gives
     * t = L/3 + √(L²/9 + 2L·np(1−p)), L = ln(2/δ). A count outside np ± t has probability &lt; δ.
     */
    static double bernsteinHalfWidth(long n, double p, double delta) {
        double l = Math.log(2 / delta);
        return l / 3 + Math.sqrt(l * l / 9 + 2 * l * n * p * (1 - p));
    }

    /**
     * Five groups of 200 inputs at x = 0, 0.1, 0.35, 0.7, 1 with gain 0.5, over 1,000 steps: each
     * group's spike count is Binomial(200,000, 0.5·x). All five are inside the Bernstein band for
     * δ = 2e−7 each (union bound: a correct encoder fails this test with probability &lt; 1e−6);
     * x = 0 gives no spike at all. The band is ≈ 970 spikes wide at p = 0.175, so a wrong p
     * fails: gain·x² would be 22,750 spikes off, 1 − e^(−gain·x) 2,900 off.
     */
    @Test
    void bernoulliCountsWithinBinomialBound() {
        double[] levels = {0, 0.1, 0.35, 0.7, 1};
        int perLevel = 200;
        int steps = 1000;
        double gain = 0.5;
        BernoulliRateEncoder enc = new BernoulliRateEncoder(levels.length * perLevel, gain);
        double[] x = new double[enc.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[i / perLevel];
        }
        long[] counts = countByGroup(enc, x, steps, perLevel, levels.length);
        for (int g = 0; g < levels.length; g++) {
            long n = (long) perLevel * steps;
            double p = gain * levels[g];
            double tol = bernsteinHalfWidth(n, p, 2e-7);
            assertTrue(Math.abs(counts[g] - n * p) < tol, "x=" + levels[g] + ": " + counts[g] + " vs " + n * p + " ± " + tol);
        }
        assertEquals(0, counts[0]);
    }

    /**
     * Poisson inputs at 500 Hz·x with Δt = 1 ms: a step holds a spike with p = 1 − e^(−r·Δt);
     * each group's count is Binomial(200,000, p) and lies in the Bernstein band (δ = 2.5e−7 each,
     * union &lt; 1e−6). At x = 1, p = 0.3935 while the first-order r·Δt is 0.5: the difference,
     * 21,000 spikes, is 17 times the band (≈ 1,240), so the test tells the exact form from the
     * first-order one. Diehl &amp; Cook's 63.75 Hz gives p = 1 − e^(−0.06375) = 0.061760.
     */
    @Test
    void poissonCountsWithinBinomialBound() {
        double[] levels = {0, 0.25, 0.6, 1};
        int perLevel = 200;
        int steps = 1000;
        PoissonRateEncoder enc = new PoissonRateEncoder(levels.length * perLevel, 500, 1e-3);
        double[] x = new double[enc.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[i / perLevel];
        }
        long[] counts = countByGroup(enc, x, steps, perLevel, levels.length);
        for (int g = 0; g < levels.length; g++) {
            long n = (long) perLevel * steps;
            double p = 1 - Math.exp(-500 * levels[g] * 1e-3);
            assertEquals(p, enc.spikeProbability(levels[g]), 1e-15);
            double tol = bernsteinHalfWidth(n, p, 2.5e-7);
            assertTrue(Math.abs(counts[g] - n * p) < tol, "x=" + levels[g] + ": " + counts[g] + " vs " + n * p + " ± " + tol);
        }
        assertTrue((0.5 - enc.spikeProbability(1)) * 200_000 > 10 * bernsteinHalfWidth(200_000, 0.3935, 2.5e-7));
        assertEquals(0.061760, new PoissonRateEncoder(1, PoissonRateEncoder.DIEHL_COOK_MAX_RATE_HERTZ, 1e-3)
                .spikeProbability(1), 5e-7);
    }

    private static long[] countByGroup(SpikeEncoder enc, double[] x, int steps, int perLevel, int groups) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        int[] out = new int[enc.outputCount()];
        long[] counts = new long[groups];
        for (int t = 0; t < steps; t++) {
            int c = enc.encode(x, t, rng, out);
            for (int k = 0; k < c; k++) {
                counts[out[k] / perLevel]++;
                if (k > 0) {
                    assertTrue(out[k] > out[k - 1], "indices must increase");
                }
            }
        }
        return counts;
    }

    /** Same seed, same spike lists, step by step; the list is the set of u &lt; p draws. */
    @Test
    void rateEncodersReproducible() {
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 17) / 16.0;
        }
        for (SpikeEncoder enc : new SpikeEncoder[] {new BernoulliRateEncoder(300, 0.3),
                new PoissonRateEncoder(300, 100, 5e-4)}) {
            UniformRandomProvider a = RandomSource.XO_SHI_RO_256_PP.create(SEED);
            UniformRandomProvider b = RandomSource.XO_SHI_RO_256_PP.create(SEED);
            int[] outA = new int[300];
            int[] outB = new int[300];
            for (int t = 0; t < 50; t++) {
                int ca = enc.encode(x, t, a, outA);
                int cb = enc.encode(x, t, b, outB);
                assertArrayEquals(Arrays.copyOf(outA, ca), Arrays.copyOf(outB, cb));
            }
        }
    }

    /**
     * Latency against the RC charging curve: x = θ/(1 − e^(−1)) reaches θ after exactly one τ;
     * x = 2θ after τ·ln 2; x = 4θ after τ·ln(4/3); at each, v(t) = x(1 − e^(−t/τ)) equals θ to
     * 1e−15 relative. x ≤ θ never spikes.
     */
    @Test
    void latencyFormula() {
        double tau = 0.01;
        double theta = 0.25;
        LatencyEncoder enc = new LatencyEncoder(4, tau, theta, 1e-3);
        double x1 = theta / (1 - Math.exp(-1));
        assertEquals(tau, enc.firstSpikeTimeSeconds(x1), 4e-17);
        assertEquals(tau * Math.log(2), enc.firstSpikeTimeSeconds(2 * theta), 2e-18);
        assertEquals(tau * Math.log(4.0 / 3), enc.firstSpikeTimeSeconds(4 * theta), 2e-18);
        for (double x : new double[] {x1, 2 * theta, 4 * theta, 0.2500001, 1e6}) {
            double t = enc.firstSpikeTimeSeconds(x);
            assertEquals(theta, x * -Math.expm1(-t / tau), 1e-15 * theta, "x=" + x);
        }
        assertEquals(Double.POSITIVE_INFINITY, enc.firstSpikeTimeSeconds(theta));
        assertEquals(Double.POSITIVE_INFINITY, enc.firstSpikeTimeSeconds(0.1));
        assertEquals(-1, enc.spikeStep(0.1));
    }

    /**
     * On a 1 ms grid with τ = 10 ms, θ = 0.25: x = 1 spikes at τ·ln(4/3) = 2.877 ms (step 2),
     * x = 0.5 at τ·ln 2 = 6.931 ms (step 6), x = θ/(1 − e^(−1)) = 0.3955 at 10.000 ms (step 9 or
     * 10 by rounding of t/Δt; here the computed t is just below 10 ms), x = 0.2 never. Each
     * neuron appears in exactly one step's list.
     */
    @Test
    void latencyOnTheStepGrid() {
        double theta = 0.25;
        LatencyEncoder enc = new LatencyEncoder(4, 0.01, theta, 1e-3);
        double x3 = theta / (1 - Math.exp(-1));
        double[] x = {1, 0.5, x3, 0.2};
        int[] expectedStep = {2, 6, enc.spikeStep(x3), -1};
        assertTrue(expectedStep[2] == 9 || expectedStep[2] == 10);
        int[] out = new int[4];
        int[] seen = new int[4];
        for (int t = 0; t < 40; t++) {
            int c = enc.encode(x, t, null, out);
            for (int k = 0; k < c; k++) {
                assertEquals(expectedStep[out[k]], t, "neuron " + out[k]);
                seen[out[k]]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 0}, seen);
    }

    /**
     * Delta on a known signal, Θ = 0.25. Input 0 is a ramp 0.1·t: from the reference 0 it first
     * reaches 0.25 at t = 3 (0.3), then 0.3 + 0.25 at t = 6, 9, 12 → ON at 3, 6, 9, 12 (with
     * t = 13, 14 below the next crossing). Input 1 is a step 0 → 1 at t = 5 and back to 0 at
     * t = 10 → ON at 5, OFF at 10. Input 2 wiggles by 0.2 around 0 → never. Step 0 sets the
     * references only.
     */
    @Test
    void deltaOnKnownSignal() {
        DeltaEncoder enc = new DeltaEncoder(3, 0.25);
        assertEquals(6, enc.outputCount());
        StringBuilder log = new StringBuilder();
        int[] out = new int[6];
        double[] x = new double[3];
        for (int t = 0; t < 15; t++) {
            x[0] = 0.1 * t;
            x[1] = t >= 5 && t < 10 ? 1 : 0;
            x[2] = (t % 2 == 0) ? 0.1 : -0.1;
            int c = enc.encode(x, t, null, out);
            for (int k = 0; k < c; k++) {
                log.append(t).append(out[k] < 3 ? "+" : "-").append(out[k] % 3).append(' ');
            }
        }
        assertEquals("3+0 5+1 6+0 9+0 10-1 12+0 ", log.toString());
        enc.reset();
        x[0] = 5;
        assertEquals(0, enc.encode(x, 0, null, out), "after reset, step 0 only records the references");
    }

    /** Bad arguments name the parameter and its value; NaN inputs are rejected. */
    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BernoulliRateEncoder(3, 1.5));
        assertEquals("gain must be in (0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PoissonRateEncoder(3, Double.NaN, 1e-3));
        assertTrue(e.getMessage().startsWith("maxRateHertz must be positive and finite, got NaN"));
        e = assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(3, 0.01, 0, 1e-3));
        assertTrue(e.getMessage().startsWith("threshold must be positive"));
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        BernoulliRateEncoder b = new BernoulliRateEncoder(2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> b.encode(new double[] {0.5, Double.NaN}, 0, rng, new int[2]));
        assertEquals("x[1] must be in [0, 1], got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.encode(new double[] {0.5}, 0, rng, new int[2]));
        assertEquals("x.length must be 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DeltaEncoder(2, 0.1).encode(new double[2], 0, null, new int[3]));
        assertEquals("outIndices.length must be at least 4, got 3", e.getMessage());
    }
}
