package dev.kirchhoff.training;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * A xoshiro256++ generator (Blackman &amp; Vigna 2018, doi:10.1145/3460772) that can be re-seeded in
 * place, so that the per-batch and per-sub-batch streams of the {@link Trainer} cost no
 * allocation. After {@link #reseed(UniformRandomProvider)} it produces exactly what
 * {@code new XoShiRo256PlusPlus(s0, s1, s2, s3)} would with the four longs drawn.
 */
final class ReseedableStream extends XoShiRo256PlusPlus {
    /** Replaces a forbidden all-zero state, as {@code dev.kirchhoff.device.ChunkedParallel} does. */
    private static final long NONZERO = 0x9E3779B97F4A7C15L;

    ReseedableStream() {
        super(NONZERO, 0, 0, 0);
    }

    /** Seeds this stream with the next four longs of {@code parent} (advanced by 4 longs). */
    void reseed(UniformRandomProvider parent) {
        reseed(parent.nextLong(), parent.nextLong(), parent.nextLong(), parent.nextLong());
    }

    /** Seeds this stream with the given state (an all-zero state is replaced as documented). */
    void reseed(long s0, long s1, long s2, long s3) {
        state0 = (s0 | s1 | s2 | s3) == 0 ? NONZERO : s0;
        state1 = s1;
        state2 = s2;
        state3 = s3;
        resetCachedState();
    }

    /**
     * Stream {@code index} of a seed: a xoshiro256++ seeded with longs {@code 4·index …
     * 4·index+3} of SplitMix64 started at {@code seed} (Steele, Lea &amp; Flood, OOPSLA 2014,
     * doi:10.1145/2660193.2660195), so the streams of one seed never share seed words.
     */
    static ReseedableStream of(long seed, int index) {
        SplitMix64 words = new SplitMix64(seed);
        for (int k = 0; k < 4 * index; k++) {
            words.nextLong();
        }
        ReseedableStream s = new ReseedableStream();
        s.reseed(words);
        return s;
    }
}
