package dev.kirchhoff.device;

import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * Runs work over {@code [0, n)} in fixed chunks of {@link #CHUNK} elements, each with its own
 * random stream, on as many cores as the common fork-join pool has.
 *
 * <p>Reproducibility: the chunk boundaries depend only on {@code n}, and each chunk's stream
 * ({@code XoShiRo256PlusPlus}, Blackman &amp; Vigna 2018, doi:10.1145/3460772) is seeded from
 * four words drawn, chunk by chunk and in order, from the caller's provider before any work
 * starts. So the same caller seed gives the same bits whether the chunks run on one thread or
 * many, and the caller's provider advances by exactly {@code 4·chunkCount(n)} longs.
 */
public final class ChunkedParallel {
    /** Elements per chunk (65,536): large enough to amortise the stream set-up, small enough to balance two cores. */
    public static final int CHUNK = 1 << 16;

    private ChunkedParallel() {
    }

    /** Work on one chunk {@code [from, to)} with the chunk's own random stream. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int from, int to, UniformRandomProvider chunkRng);
    }

    /** Number of chunks for {@code n} elements (at least 1). */
    public static int chunkCount(int n) {
        return Math.max(1, (n + CHUNK - 1) / CHUNK);
    }

    /**
     * Runs {@code task} over {@code [0, n)}.
     *
     * @param n        number of elements, ≥ 0
     * @param rng      caller's provider; advanced by {@code 4·chunkCount(n)} longs
     * @param parallel whether chunks may run concurrently (results are identical either way)
     * @param task     the work; must touch only elements of its own chunk
     */
    public static void run(int n, UniformRandomProvider rng, boolean parallel, ChunkTask task) {
        Checks.nonNegative("n", n);
        int chunks = chunkCount(n);
        long[] seeds = new long[4 * chunks];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = rng.nextLong();
        }
        if (!parallel || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                runChunk(n, c, seeds, task);
            }
        } else {
            IntStream.range(0, chunks).parallel().forEach(c -> runChunk(n, c, seeds, task));
        }
    }

    /** {@link #run(int, UniformRandomProvider, boolean, ChunkTask)} with chunks in parallel. */
    public static void run(int n, UniformRandomProvider rng, ChunkTask task) {
        run(n, rng, true, task);
    }

    private static void runChunk(int n, int c, long[] seeds, ChunkTask task) {
        int from = c * CHUNK;
        int to = Math.min(n, from + CHUNK);
        long[] seed = {seeds[4 * c], seeds[4 * c + 1], seeds[4 * c + 2], seeds[4 * c + 3]};
        if ((seed[0] | seed[1] | seed[2] | seed[3]) == 0) {
            seed[0] = 0x9E3779B97F4A7C15L; // xoshiro's all-zero state is forbidden
        }
        task.run(from, to, new XoShiRo256PlusPlus(seed));
    }
}
