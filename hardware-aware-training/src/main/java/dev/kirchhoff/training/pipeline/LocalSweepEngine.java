package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.training.hwa.AccuracySweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs a sweep's trials in parallel on the local cores, one trial per thread at a time. The rows
 * do not depend on the number of threads (each trial draws only from its own seed).
 */
public final class LocalSweepEngine implements SweepEngine {
    private final int threads;

    /** @param threads worker threads, ≥ 1 */
    public LocalSweepEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** An engine with one thread per available processor. */
    public static LocalSweepEngine allCores() {
        return new LocalSweepEngine(Runtime.getRuntime().availableProcessors());
    }

    /** The number of worker threads. */
    public int threads() {
        return threads;
    }

    @Override
    public List<AccuracySweep.Row> run(SweepJob job, AccuracySweep.Progress progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        List<AccuracySweep.Trial> trials = job.trials();
        int total = trials.size();
        int[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total), r -> {
            Thread t = new Thread(r, "kirchhoff-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<AccuracySweep.Row>>> futures = new ArrayList<>(total);
            for (AccuracySweep.Trial trial : trials) {
                futures.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("the sweep was cancelled");
                    }
                    List<AccuracySweep.Row> rows = job.run(trial);
                    synchronized (done) {
                        done[0]++;
                        progress.update(done[0], total);
                    }
                    return rows;
                }));
            }
            List<AccuracySweep.Row> rows = new ArrayList<>(job.rowCount());
            for (Future<List<AccuracySweep.Row>> f : futures) {
                rows.addAll(result(f));
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<AccuracySweep.Row> result(Future<List<AccuracySweep.Row>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a trial");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a trial failed: " + cause, cause);
        }
    }
}
