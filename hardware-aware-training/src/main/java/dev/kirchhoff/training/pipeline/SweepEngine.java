package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.training.hwa.AccuracySweep;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs the trials of a {@link SweepJob}. Every engine returns the same rows, in the job's row
 * order (scale, seed, time), for the same job: trials are independent and seeded by their own
 * seeds ({@link LocalSweepEngine} on the local cores; a Spark engine in the {@code sweeps-spark}
 * module on a cluster).
 */
public interface SweepEngine {
    /**
     * Runs every trial.
     *
     * @param job       the sweep
     * @param progress  told after every trial (trials done, total), from any thread, one call at a time
     * @param cancelled polled before every trial
     * @return the rows in row order
     * @throws CancellationException when {@code cancelled} became true before the end
     */
    List<AccuracySweep.Row> run(SweepJob job, AccuracySweep.Progress progress, BooleanSupplier cancelled);
}
