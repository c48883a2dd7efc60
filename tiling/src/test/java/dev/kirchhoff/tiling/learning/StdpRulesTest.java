package dev.kirchhoff.tiling.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pair and triplet STDP against their closed forms. Traces decay by exactly e^(−Δt/τ) per step,
 * so after k steps a unit trace is e^(−Δt/τ)^k = e^(−kΔt/τ) up to k roundings: the tolerance is
 * 1e−12 relative (k ≤ 400 roundings of 1.1e−16 each are below 5e−14), plus 2e−16 absolute for
 * the subtraction w − w₀ at w₀ = 0.5.
 */
class StdpRulesTest {
    private static final double DT = 1e-4;
    private static final double W0 = 0.5;
    private static final int[] NONE = new int[0];
    private static final int[] ZERO = {0};

    /** Runs spikes of one pre and one post neuron at the given steps; returns w − w₀. */
    private static double runPair(StdpRule rule, int[] preSteps, int[] postSteps, int steps) {
        IdealSynapses syn = new IdealSynapses(1, 1, 0, 1);
        syn.setWeights(new double[] {W0});
        for (int t = 0; t < steps; t++) {
            boolean pre = contains(preSteps, t);
            boolean post = contains(postSteps, t);
            rule.step(pre ? ZERO : NONE, pre ? 1 : 0, post ? ZERO : NONE, post ? 1 : 0, syn);
            syn.endStep(null);
        }
        rule.reset();
        return syn.weight(0, 0) - W0;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected) + 2e-16, what);
    }

    /**
     * The pair window, measured one pair at a time at Δt = kΔt: +A₊e^(−Δt/τ₊) for post after pre
     * (k = 0 is the same step, counted as pre before post) and −A₋e^(−|Δt|/τ₋) for pre after
     * post. τ₊ ≠ τ₋ and A₊ ≠ A₋ so that a swap of either would fail.
     */
    @Test
    void pairWindowMatchesFormula() {
        PairStdpParams p = new PairStdpParams(0.005, 0.00525, 0.0168, 0.0337);
        PairStdp rule = new PairStdp(p, 1, 1, DT);
        for (int k : new int[] {0, 1, 7, 50, 168, 400}) {
            double dtPair = k * DT;
            assertClose(0.005 * Math.exp(-dtPair / 0.0168), runPair(rule, new int[] {0}, new int[] {k}, k + 1),
                    "pre→post at " + k + " steps");
            if (k > 0) {
                assertClose(-0.00525 * Math.exp(-dtPair / 0.0337), runPair(rule, new int[] {k}, new int[] {0}, k + 1),
                        "post→pre at " + k + " steps");
                assertClose(p.window(-dtPair), runPair(rule, new int[] {k}, new int[] {0}, k + 1), "window(−Δt)");
            }
        }
        assertEquals(0.005, PairStdpParams.SONG_2000.aPlus());
        assertEquals(1.05, PairStdpParams.SONG_2000.aMinus() / PairStdpParams.SONG_2000.aPlus(), 1e-15);
    }

    /**
     * All-to-all additivity on a 3×2 matrix: each synapse's change is the sum of the window
     * over every (pre, post) spike pair of its two neurons (no clipping is reached).
     */
    @Test
    void pairChangesAddOverAllPairs() {
        int[][] preTimes = {{0, 30}, {12}, {}};
        int[][] postTimes = {{5, 40}, {20}};
        PairStdpParams p = PairStdpParams.SONG_2000;
        PairStdp rule = new PairStdp(p, 3, 2, DT);
        IdealSynapses syn = new IdealSynapses(3, 2, -1, 1);
        syn.setWeights(new double[6]);
        int[] pre = new int[3];
        int[] post = new int[2];
        for (int t = 0; t <= 50; t++) {
            int np = 0;
            int nq = 0;
            for (int i = 0; i < 3; i++) {
                if (contains(preTimes[i], t)) {
                    pre[np++] = i;
                }
            }
            for (int j = 0; j < 2; j++) {
                if (contains(postTimes[j], t)) {
                    post[nq++] = j;
                }
            }
            rule.step(pre, np, post, nq, syn);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = 0;
                for (int tp : preTimes[i]) {
                    for (int tq : postTimes[j]) {
                        expected += p.window((tq - tp) * DT);
                    }
                }
                assertClose(expected, syn.weight(i, j), "synapse " + i + "," + j);
            }
        }
    }

    /**
     * Triplet rule, published visual-cortex parameters and a set with every amplitude large:
     * pairs give A₂⁺e^(−Δt/τ₊) and −A₂⁻e^(−Δt/τ₋); post(0)–pre(t₁)–post(t₂) gives
     * −A₂⁻e^(−t₁/τ₋) + e^(−(t₂−t₁)/τ₊)(A₂⁺ + A₃⁺e^(−t₂/τ_y)); pre(0)–post(t₁)–pre(t₂) gives
     * A₂⁺e^(−t₁/τ₊) − e^(−(t₂−t₁)/τ₋)(A₂⁻ + A₃⁻e^(−t₂/τ_x)) (Pfister &amp; Gerstner 2006, eqs. 3–4,
     * with r₂ = 0 and o₂ = 0 before the first spike of their neuron).
     */
    @Test
    void tripletClosedForms() {
        TripletStdpParams big = new TripletStdpParams(6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 0.0168, 0.101, 0.0337, 0.125);
        for (TripletStdpParams p : new TripletStdpParams[] {TripletStdpParams.VISUAL_CORTEX_ALL_TO_ALL, big}) {
            TripletStdp rule = new TripletStdp(p, 1, 1, DT);
            int k = 100;
            double t = k * DT;
            assertClose(p.a2Plus() * Math.exp(-t / p.tauPlusSeconds()), runPair(rule, new int[] {0}, new int[] {k}, k + 1),
                    "pre→post");
            assertClose(-p.a2Minus() * Math.exp(-t / p.tauMinusSeconds()),
                    runPair(rule, new int[] {k}, new int[] {0}, k + 1), "post→pre");
            int k1 = 60;
            int k2 = 150;
            double t1 = k1 * DT;
            double t2 = k2 * DT;
            double postPrePost = -p.a2Minus() * Math.exp(-t1 / p.tauMinusSeconds())
                    + Math.exp(-(t2 - t1) / p.tauPlusSeconds()) * (p.a2Plus() + p.a3Plus() * Math.exp(-t2 / p.tauYSeconds()));
            assertClose(postPrePost, runPair(rule, new int[] {k1}, new int[] {0, k2}, k2 + 1), "post-pre-post");
            double prePostPre = p.a2Plus() * Math.exp(-t1 / p.tauPlusSeconds())
                    - Math.exp(-(t2 - t1) / p.tauMinusSeconds()) * (p.a2Minus() + p.a3Minus() * Math.exp(-t2 / p.tauXSeconds()));
            assertClose(prePostPre, runPair(rule, new int[] {0, k2}, new int[] {k1}, k2 + 1), "pre-post-pre");
        }
        TripletStdpParams v = TripletStdpParams.VISUAL_CORTEX_ALL_TO_ALL;
        assertEquals(6.2e-3, v.a3Plus());
        assertEquals(0.0337, v.tauMinusSeconds());
    }

    /**
     * A triplet differs from the sum of its pairs by exactly the triplet term: for the minimal
     * model (A₂⁺ = 0, A₃⁻ = 0) a post–post pair 10 ms apart with a pre in between potentiates by
     * A₃⁺e^(−(t₂−t₁)/τ₊)e^(−t₂/τ_y), which the pair rule cannot produce.
     */
    @Test
    void tripletTermIsWhatPairsMiss() {
        TripletStdpParams p = TripletStdpParams.VISUAL_CORTEX_MINIMAL;
        TripletStdp rule = new TripletStdp(p, 1, 1, DT);
        double withTriplet = runPair(rule, new int[] {50}, new int[] {0, 100}, 101);
        double pairOnly = -p.a2Minus() * Math.exp(-50 * DT / p.tauMinusSeconds());
        assertClose(p.a3Plus() * Math.exp(-50 * DT / p.tauPlusSeconds()) * Math.exp(-100 * DT / p.tauYSeconds()),
                withTriplet - pairOnly, "triplet term");
    }

    /** Ideal synapses clip at their bounds; bad arguments name the parameter and its value. */
    @Test
    void clippingAndBadArguments() {
        IdealSynapses syn = new IdealSynapses(2, 2, 0, 1);
        syn.changeRow(0, new double[] {2, -1}, 1);
        assertEquals(1, syn.weight(0, 0));
        assertEquals(0, syn.weight(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PairStdpParams(0.005, 0.005, Double.NaN, 0.02));
        assertEquals("tauPlusSeconds must be positive and finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new IdealSynapses(2, 2, 1, 1));
        assertTrue(e.getMessage().startsWith("minWeight must be below maxWeight"));
        PairStdp rule = new PairStdp(PairStdpParams.SONG_2000, 2, 2, DT);
        e = assertThrows(IllegalArgumentException.class, () -> rule.step(new int[] {2}, 1, NONE, 0, syn));
        assertEquals("preSpikes[0] must be in [0, 2), got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> rule.step(NONE, 0, NONE, 0, new IdealSynapses(3, 2, 0, 1)));
        assertEquals("synapses must be 2×2, got 3×2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> syn.changeColumn(0, new double[] {1, 1}, Double.POSITIVE_INFINITY));
        assertEquals("scale must be finite, got Infinity", e.getMessage());
    }
}
