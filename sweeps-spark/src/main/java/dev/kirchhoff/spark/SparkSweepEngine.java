package dev.kirchhoff.spark;

import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.SweepEngine;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs a sweep's trials on Apache Spark: the trials are parallelized into {@code slices}
 * partitions, each executor runs its partition's trials one after the other with
 * {@link SweepJob#run}, and the driver collects the rows and puts them back in trial order. The
 * rows are the same as {@link dev.kirchhoff.training.pipeline.LocalSweepEngine}'s for the same job,
 * whatever the slices, executors or task order: each trial draws only from its own seed, and
 * each trial's rows travel with its index.
 *
 * <p>The job goes to the executors once, as a broadcast variable holding its Java serialization;
 * an executor JVM decodes it (model, profile, the bundled MNIST test split) once per sweep and
 * shares it between its task threads. Trials travel as indices and rows as Java-serialized bytes,
 * so the engine works with any {@code spark.serializer} (Java or Kryo).
 *
 * <p><b>Progress</b> is coarse: {@code (0, total)} when the Spark job is submitted, then the
 * number of trials in the partitions that have finished (an accumulator the driver reads every
 * {@value #POLL_MILLIS} ms; Spark merges a task's accumulator updates when the task ends), and
 * {@code (total, total)} at the end. More slices give finer progress. All calls come from the
 * calling thread.
 *
 * <p><b>Cancellation</b>: {@code cancelled} is polled before the job is submitted and then every
 * {@value #POLL_MILLIS} ms by the calling thread while it waits; when it becomes true the job's
 * group ({@link JavaSparkContext#setJobGroup}, with interruption) is cancelled and
 * {@link CancellationException} is thrown at once. Running tasks stop before their next trial.
 */
public final class SparkSweepEngine implements SweepEngine {
    /** How often the waiting driver thread polls for cancellation and progress, ms. */
    public static final long POLL_MILLIS = 50;

    private static final String JOB_GROUP = "spark.jobGroup.id";
    private static final String JOB_DESCRIPTION = "spark.job.description";
    private static final String JOB_INTERRUPT = "spark.job.interruptOnCancel";

    private final JavaSparkContext jsc;
    private final int slices;

    /** An engine with the context's default parallelism as the number of slices. */
    public SparkSweepEngine(JavaSparkContext jsc) {
        this(jsc, Objects.requireNonNull(jsc, "jsc").defaultParallelism());
    }

    /**
     * @param jsc    the Spark context (not stopped by the engine)
     * @param slices partitions of the trials, ≥ 1 (capped at the number of trials); the rows do
     *               not depend on it
     */
    public SparkSweepEngine(JavaSparkContext jsc, int slices) {
        this.jsc = Objects.requireNonNull(jsc, "jsc");
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        }
        this.slices = slices;
    }

    /** The number of partitions the trials are split into (at most). */
    public int slices() {
        return slices;
    }

    @Override
    public List<AccuracySweep.Row> run(SweepJob job, AccuracySweep.Progress progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the sweep was cancelled");
        }
        int total = job.trials().size();
        List<Integer> trialIndices = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            trialIndices.add(i);
        }
        String group = "kirchhoff-sweep-" + UUID.randomUUID();
        String previousGroup = jsc.getLocalProperty(JOB_GROUP);
        String previousDescription = jsc.getLocalProperty(JOB_DESCRIPTION);
        String previousInterrupt = jsc.getLocalProperty(JOB_INTERRUPT);
        Broadcast<byte[]> shipped = jsc.broadcast(JavaBytes.of(job));
        JavaFutureAction<List<byte[]>> future = null;
        try {
            LongAccumulator trialsDone = jsc.sc().longAccumulator("kirchhoff trials done");
            JavaRDD<byte[]> rdd = jsc.parallelize(trialIndices, Math.min(slices, total))
                    .mapPartitions(new RunTrials(group, shipped, trialsDone));
            jsc.setJobGroup(group, "Kirchhoff sweep: " + job.modelName() + " on " + job.profileName() + ", " + total
                    + " trials", true);
            future = rdd.collectAsync();
            progress.update(0, total);
            List<byte[]> collected = await(future, group, total, trialsDone, progress, cancelled);
            progress.update(total, total);
            List<TrialRows> decoded = new ArrayList<>(collected.size());
            for (byte[] b : collected) {
                decoded.add(JavaBytes.read(b, TrialRows.class));
            }
            return inTrialOrder(decoded, total, job.rowCount());
        } finally {
            jsc.setLocalProperty(JOB_GROUP, previousGroup);
            jsc.setLocalProperty(JOB_DESCRIPTION, previousDescription);
            jsc.setLocalProperty(JOB_INTERRUPT, previousInterrupt);
            // a cancelled job may still be serializing its tasks: its broadcast is then left to
            // the context's cleaner, which removes it once it is unreachable
            if (future == null || future.isDone()) {
                shipped.destroy();
            }
        }
    }

    private List<byte[]> await(JavaFutureAction<List<byte[]>> future, String group, int total,
            LongAccumulator trialsDone, AccuracySweep.Progress progress, BooleanSupplier cancelled) {
        long reported = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                jsc.cancelJobGroup(group);
                throw new CancellationException("the sweep was cancelled");
            }
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long done = Math.min(trialsDone.value(), total - 1L);
                if (done > reported) {
                    reported = done;
                    progress.update((int) done, total);
                }
            } catch (InterruptedException e) {
                jsc.cancelJobGroup(group);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the Spark job");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("the sweep failed on Spark: " + cause.getMessage(), cause);
            } catch (CancellationException e) {
                throw new CancellationException("the Spark job was cancelled: " + e.getMessage());
            }
        }
    }

    /** The rows, trial after trial; checks that every trial came back exactly once. */
    static List<AccuracySweep.Row> inTrialOrder(List<TrialRows> collected, int trials, int rowCount) {
        List<TrialRows> sorted = new ArrayList<>(collected);
        sorted.sort(Comparator.comparingInt(TrialRows::trial));
        if (sorted.size() != trials) {
            throw new IllegalStateException("expected the rows of " + trials + " trials, got " + sorted.size());
        }
        List<AccuracySweep.Row> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < trials; i++) {
            TrialRows t = sorted.get(i);
            if (t.trial() != i) {
                throw new IllegalStateException("trial " + i + " is missing or repeated in the collected rows");
            }
            rows.addAll(List.of(t.rows()));
        }
        return rows;
    }

    /** One trial's rows with the trial's index (rows do not carry it), as collected from the executors. */
    record TrialRows(int trial, AccuracySweep.Row[] rows) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The executors' side: runs a partition's trials one by one, lazily (a cancelled task stops
     * between trials: Spark's iterator over the slice checks for it). The job arrives as bytes and
     * each trial's rows leave as bytes, both in Java serialization, so the engine works whatever
     * {@code spark.serializer} the cluster uses (Kryo cannot build records); only indices and
     * byte arrays meet Spark's serializer.
     */
    private static final class RunTrials implements FlatMapFunction<Iterator<Integer>, byte[]> {
        private static final long serialVersionUID = 1L;

        /** The last job this JVM decoded, shared by its task threads: (sweep id, job). */
        private static Object[] lastJob = {null, null};

        private final String sweepId;
        private final Broadcast<byte[]> job;
        private final LongAccumulator trialsDone;

        RunTrials(String sweepId, Broadcast<byte[]> job, LongAccumulator trialsDone) {
            this.sweepId = sweepId;
            this.job = job;
            this.trialsDone = trialsDone;
        }

        /**
         * The job, decoded once per executor JVM and sweep (keyed by the sweep's unique id, not
         * the broadcast's id, which restarts with every Spark context).
         */
        private SweepJob job() {
            synchronized (RunTrials.class) {
                if (!sweepId.equals(lastJob[0])) {
                    lastJob = new Object[] {sweepId, JavaBytes.read(job.value(), SweepJob.class)};
                }
                return (SweepJob) lastJob[1];
            }
        }

        @Override
        public Iterator<byte[]> call(Iterator<Integer> trialIndices) {
            SweepJob sweep = job();
            List<AccuracySweep.Trial> trials = sweep.trials();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return trialIndices.hasNext();
                }

                @Override
                public byte[] next() {
                    AccuracySweep.Trial trial = trials.get(trialIndices.next());
                    AccuracySweep.Row[] rows = sweep.run(trial).toArray(new AccuracySweep.Row[0]);
                    trialsDone.add(1);
                    return JavaBytes.of(new TrialRows(trial.index(), rows));
                }
            };
        }
    }
}
