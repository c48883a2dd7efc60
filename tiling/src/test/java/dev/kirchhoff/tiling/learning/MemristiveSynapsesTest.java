package dev.kirchhoff.tiling.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * STDP on pulse-programmed soft-bounds devices. Window 1–10 µS (W = 9 µS), α = W/100, weights
 * [0, 1]: Δw_min = α/W = 0.01, and without noise n up pulses from G₀ give the device's closed
 * form G_n = G_max − (G_max − G₀)(1 − α/W)ⁿ, i.e. w_n = 1 − (1 − w₀)·0.99ⁿ; n down pulses give
 * w_n = w₀·0.99ⁿ (SoftBounds javadoc; aihwkit's soft-bounds device).
 */
class MemristiveSynapsesTest {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 1e-5);
    private static final double ALPHA = 9e-8;
    private static final long[] SEED = {11, 22, 33, 44};

    private static MemristiveSynapses synapses(int pre, int post, PulseVariability v, PulseRounding rounding,
            long[] deviceSeed) {
        SoftBounds model = SoftBounds.of(RANGE, ALPHA, v);
        return new MemristiveSynapses(pre, post, model, 0, 1, rounding, 100, RandomSource.XO_SHI_RO_256_PP.create(deviceSeed));
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }

    /**
     * Noise-free device, round-to-nearest: Δw = 0.05 is 5 pulses (w = 1 − 0.99⁵); then Δw = −0.03
     * on a column is 3 down pulses (w = (1 − 0.99⁵)·0.99³) and leaves a device at G_min where it
     * is (its down step is 0 there); Δw = 0.014 is one pulse, 0.016 two; a 1.5 request (150
     * pulses) is cut to the cap of 100. Each first pulse from G_min moves exactly Δw_min, and
     * later ones less: the device's own nonlinearity. Programming w = 0.5 reads back 0.5
     * (G = 5.5 µS). Tolerance 1e−12.
     */
    @Test
    void noiseFreeSoftBoundsGivesTheDeviceSteps() {
        MemristiveSynapses syn = synapses(2, 3, PulseVariability.NONE, PulseRounding.NEAREST, SEED);
        assertEquals(0.01, syn.deltaWeightMin(), 1e-15);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        syn.changeRow(0, ones(3), 0.05);
        syn.endStep(rng);
        double w5 = 1 - Math.pow(0.99, 5);
        for (int j = 0; j < 3; j++) {
            assertEquals(w5, syn.weight(0, j), 1e-12);
            assertEquals(0, syn.weight(1, j), 1e-15);
        }
        syn.changeColumn(1, ones(2), -0.03);
        syn.endStep(rng);
        assertEquals(w5 * Math.pow(0.99, 3), syn.weight(0, 1), 1e-12);
        assertEquals(0, syn.weight(1, 1), 1e-15);
        assertEquals(w5, syn.weight(0, 0), 1e-12);

        syn.changeRow(1, new double[] {0.014, 0.016, 1.5}, 1);
        syn.endStep(rng);
        assertEquals(0.01, syn.weight(1, 0), 1e-12);
        assertEquals(1 - 0.99 * 0.99, syn.weight(1, 1), 1e-12);
        assertEquals(1 - Math.pow(0.99, 100), syn.weight(1, 2), 1e-12);
        double[] read = new double[6];
        syn.readWeights(read);
        assertEquals(syn.weight(1, 2), read[5], 1e-15);
        syn.setWeights(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        assertEquals(5.5e-6, syn.devices().conductance(4), 1e-18);
        assertEquals(0.5, syn.weight(1, 1), 1e-12);
    }

    /**
     * Through the pair rule: A₊ = 0.03 and a pre and post spike in the same step (Δt = 0⁺)
     * request +0.03 = 3 pulses on the noise-free device: w = 1 − 0.99³ from w = 0, not the 0.03
     * an ideal synapse would get.
     */
    @Test
    void pairStdpOnDeviceGivesDeviceStep() {
        MemristiveSynapses syn = synapses(1, 1, PulseVariability.NONE, PulseRounding.NEAREST, SEED);
        PairStdp rule = new PairStdp(PairStdpParams.SONG_2000.withAmplitudes(0.03, 0.03), 1, 1, 1e-4);
        rule.step(new int[] {0}, 1, new int[] {0}, 1, syn);
        syn.endStep(RandomSource.XO_SHI_RO_256_PP.create(SEED));
        assertEquals(1 - Math.pow(0.99, 3), syn.weight(0, 0), 1e-12);
        IdealSynapses ideal = new IdealSynapses(1, 1, 0, 1);
        rule.reset();
        rule.step(new int[] {0}, 1, new int[] {0}, 1, ideal);
        assertEquals(0.03, ideal.weight(0, 0), 1e-15);
    }

    /**
     * Stochastic rounding is unbiased: 20,000 pre neurons spike at step 0 and one post neuron
     * at step 100 (Δt = 10 ms), so each synapse requests A₊e^(−0.5) = 0.0030327 = 0.30327·Δw_min.
     * Each synapse gets one pulse with probability 0.30327 (its weight then is exactly the first
     * device step, 0.01) or none (0): the number of pulsed synapses is Binomial(20,000, 0.30327)
     * and lies in the Bernstein band for δ = 1e−6.
     */
    @Test
    void stochasticRoundingIsUnbiased() {
        int n = 20_000;
        MemristiveSynapses syn = synapses(n, 1, PulseVariability.NONE, PulseRounding.STOCHASTIC, SEED);
        PairStdp rule = new PairStdp(PairStdpParams.SONG_2000, n, 1, 1e-4);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int[] none = new int[0];
        for (int t = 0; t <= 100; t++) {
            rule.step(t == 0 ? all : none, t == 0 ? n : 0, t == 100 ? new int[] {0} : none, t == 100 ? 1 : 0, syn);
            syn.endStep(rng);
        }
        double q = 0.005 * Math.exp(-0.5) / 0.01;
        int pulsed = 0;
        for (int i = 0; i < n; i++) {
            double w = syn.weight(i, 0);
            assertTrue(Math.abs(w) < 1e-15 || Math.abs(w - 0.01) < 1e-15, "w = " + w);
            pulsed += w > 0.005 ? 1 : 0;
        }
        double l = Math.log(2 / 1e-6);
        double tol = l / 3 + Math.sqrt(l * l / 9 + 2 * l * n * q * (1 - q));
        assertTrue(Math.abs(pulsed - n * q) < tol, pulsed + " vs " + n * q + " ± " + tol);
    }

    /**
     * With aihwkit's default spreads and cycle-to-cycle noise plus write noise, a run of pair
     * STDP on 40×10 synapses driven by seeded random spikes gives bit-identical weights when
     * rerun with the same seeds, different weights with another learning seed, and weights that
     * differ from the noise-free device's.
     */
    @Test
    void noisyDevicesAreSeededAndReproducible() {
        double[] a = runNoisy(PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(0.5), SEED);
        double[] b = runNoisy(PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(0.5), SEED);
        double[] c = runNoisy(PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(0.5), new long[] {5, 6, 7, 8});
        double[] clean = runNoisy(PulseVariability.NONE, SEED);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(a, clean));
        double mean = Arrays.stream(a).average().orElseThrow();
        assertTrue(mean > 0.01, "learning moved the weights, mean " + mean);
    }

    private static double[] runNoisy(PulseVariability v, long[] learnSeed) {
        int pre = 40;
        int post = 10;
        MemristiveSynapses syn = synapses(pre, post, v, PulseRounding.STOCHASTIC, SEED);
        PairStdp rule = new PairStdp(PairStdpParams.SONG_2000.withAmplitudes(0.02, 0.015), pre, post, 1e-3);
        UniformRandomProvider spikes = RandomSource.XO_SHI_RO_256_PP.create(new long[] {9, 9, 9, 9});
        UniformRandomProvider learn = RandomSource.XO_SHI_RO_256_PP.create(learnSeed);
        int[] preIdx = new int[pre];
        int[] postIdx = new int[post];
        for (int t = 0; t < 300; t++) {
            int np = 0;
            for (int i = 0; i < pre; i++) {
                if (spikes.nextDouble() < 0.05) {
                    preIdx[np++] = i;
                }
            }
            int nq = 0;
            for (int j = 0; j < post; j++) {
                if (spikes.nextDouble() < 0.05) {
                    postIdx[nq++] = j;
                }
            }
            rule.step(preIdx, np, postIdx, nq, syn);
            syn.endStep(learn);
        }
        double[] w = new double[pre * post];
        syn.readWeights(w);
        return w;
    }

    /**
     * Same seed, same bits on one thread or two: 300×300 = 90,000 synapses span two chunks of the
     * device arrays' parallel update; run in a one-thread and a two-thread fork-join pool, the
     * noisy learned weights are bit-identical.
     */
    @Test
    void sameBitsOnOneOrTwoThreads() throws Exception {
        double[] one = inPool(1);
        double[] two = inPool(2);
        assertArrayEquals(one, two, 0.0);
        assertTrue(Arrays.stream(one).max().orElseThrow() > 0.05, "some synapse learned");
    }

    private static double[] inPool(int threads) throws Exception {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(() -> {
                int n = 300;
                MemristiveSynapses syn = synapses(n, n, PulseVariability.AIHWKIT_DEFAULT, PulseRounding.STOCHASTIC, SEED);
                PairStdp rule = new PairStdp(PairStdpParams.SONG_2000.withAmplitudes(0.02, 0.015), n, n, 1e-3);
                UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(new long[] {3, 1, 4, 1});
                int[] idx = new int[n];
                for (int t = 0; t < 12; t++) {
                    int count = 0;
                    for (int i = t; i < n; i += 12) {
                        idx[count++] = i;
                    }
                    rule.step(idx, count, idx, t % 3 == 2 ? count : 0, syn);
                    syn.endStep(rng);
                }
                double[] w = new double[n * n];
                syn.readWeights(w);
                return w;
            }).get();
        } finally {
            pool.shutdown();
        }
    }

    /** Bad arguments name the parameter and its value. */
    @Test
    void badArguments() {
        SoftBounds model = SoftBounds.of(RANGE, ALPHA, PulseVariability.NONE);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MemristiveSynapses(2, 2, model, 0, 1, PulseRounding.NEAREST, 0, rng));
        assertEquals("maxPulsesPerStep must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MemristiveSynapses(0, 2, model, 0, 1, PulseRounding.NEAREST, 5, rng));
        assertEquals("preCount must be positive, got 0", e.getMessage());
        MemristiveSynapses syn = new MemristiveSynapses(2, 2, model, 0, 1, PulseRounding.NEAREST, 5, rng);
        e = assertThrows(IllegalArgumentException.class, () -> syn.setWeights(new double[] {0, 0, Double.NaN, 0}));
        assertEquals("w[2] must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> syn.changeRow(2, new double[2], 1));
        assertEquals("pre must be in [0, 2), got 2", e.getMessage());
    }
}
