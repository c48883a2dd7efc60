package dev.kirchhoff.training.hwa;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Standard normals for the per-mini-batch weight noise of training, drawn once and read from a
 * fresh uniformly drawn offset for every use: use k of n values from a pool of N = {@value #SIZE}
 * reads {@code ξ_e = pool[o_k + e]}, {@code o_k} uniform on [0, N − n]. Each use is therefore a
 * vector of independent standard normals (n ≤ N, which {@link NoisyTiles} checks); two uses are
 * the same pool at two random shifts, so weight e meets the same value in two batches only when
 * their offsets coincide (probability about 1/N per pair). That is the only
 * difference from fresh draws, and it matters little for noise whose purpose is to keep the
 * network from relying on exact weights, while a pool read costs one load where a ziggurat draw
 * costs about 5 ns: at 235,000 weights per mini-batch it is the difference between the weight
 * noise costing about as much as the whole floating-point epoch and costing a fraction of it.
 * The pool is 8 MiB and comes from the seeded stream it is built with.
 */
final class GaussianPool {
    /** Pool size, 2^21. */
    static final int SIZE = 1 << 21;

    private final float[] values = new float[SIZE];

    GaussianPool(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) gauss.sample();
        }
    }

    /** A fresh offset for one use of {@code n ≤ SIZE} values: uniform on [0, SIZE − n], so the window never wraps. */
    static int offset(UniformRandomProvider rng, int n) {
        return rng.nextInt(SIZE - n + 1);
    }

    /** Copies {@code pool[offset, offset + n)} into {@code out[0, n)}. */
    void copy(int offset, float[] out, int n) {
        System.arraycopy(values, offset, out, 0, n);
    }
}
