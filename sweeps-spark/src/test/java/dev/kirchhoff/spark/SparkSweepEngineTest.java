package dev.kirchhoff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.LocalSweepEngine;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.JobResult;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The must-show of the Spark engine: on Spark local[2] a sweep gives the rows, and the CSV bytes,
 * of the local engine, for any number of slices; cancelling it stops it.
 */
class SparkSweepEngineTest {
    private static JavaSparkContext jsc;
    private static SweepJob job;
    private static List<AccuracySweep.Row> local;

    @BeforeAll
    static void startSpark() {
        jsc = new JavaSparkContext(TinySweep.localConf());
        job = TinySweep.job();
        local = new LocalSweepEngine(2).run(job, (d, t) -> {
        }, () -> false);
    }

    @AfterAll
    static void stopSpark() {
        if (jsc != null) {
            jsc.stop();
        }
    }

    @Test
    void sparkLocal2GivesTheLocalEnginesRowsAndCsv() {
        assertEquals(2, jsc.defaultParallelism());
        List<AccuracySweep.Row> spark = new SparkSweepEngine(jsc).run(job, (d, t) -> {
        }, () -> false);
        assertEquals(8, local.size());
        assertEquals(local, spark);
        assertEquals(TinySweep.csv(local), TinySweep.csv(spark));
    }

    @Test
    void theRowsDoNotDependOnTheSlices() {
        List<AccuracySweep.Row> one = new SparkSweepEngine(jsc, 1).run(job, (d, t) -> {
        }, () -> false);
        List<AccuracySweep.Row> three = new SparkSweepEngine(jsc, 3).run(job, (d, t) -> {
        }, () -> false);
        List<AccuracySweep.Row> more = new SparkSweepEngine(jsc, 100).run(job, (d, t) -> {
        }, () -> false);
        assertEquals(local, one);
        assertEquals(local, three);
        assertEquals(local, more);
    }

    @Test
    void progressStartsAtZeroRisesAndEndsAtTheTotal() {
        List<int[]> calls = new ArrayList<>();
        new SparkSweepEngine(jsc, 4).run(job, (done, total) -> calls.add(new int[] {done, total}), () -> false);
        assertTrue(calls.size() >= 2, "calls: " + calls.size());
        assertEquals(0, calls.get(0)[0]);
        assertEquals(4, calls.get(calls.size() - 1)[0]);
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(4, calls.get(i)[1]);
            if (i > 0) {
                assertTrue(calls.get(i)[0] > calls.get(i - 1)[0], "progress must rise");
            }
        }
    }

    @Test
    void aSweepCancelledBeforeItStartsSubmitsNothing() {
        JobLog log = JobLog.attach(jsc);
        AtomicInteger progress = new AtomicInteger();
        assertThrows(CancellationException.class, () -> new SparkSweepEngine(jsc).run(job,
                (d, t) -> progress.incrementAndGet(), () -> true));
        assertEquals(0, progress.get());
        assertEquals(0, log.started.size());
        jsc.sc().removeSparkListener(log);
    }

    @Test
    void aSweepCancelledWhileRunningCancelsItsJobGroupAndTheContextStaysUsable() throws InterruptedException {
        JobLog log = JobLog.attach(jsc);
        AtomicInteger polls = new AtomicInteger();
        // false before submission, true at the first poll after it
        assertThrows(CancellationException.class, () -> new SparkSweepEngine(jsc).run(job, (d, t) -> {
        }, () -> polls.incrementAndGet() > 1));
        assertNull(jsc.getLocalProperty("spark.jobGroup.id"), "the job group is cleared");
        assertTrue(log.ended.await(10, TimeUnit.SECONDS), "the cancelled job ends");
        jsc.sc().removeSparkListener(log);
        assertEquals(1, log.started.size());
        assertTrue(log.started.get(0).startsWith("kirchhoff-sweep-"), log.started.get(0));
        assertTrue(log.result instanceof JobFailed, "job result: " + log.result);

        List<AccuracySweep.Row> after = new SparkSweepEngine(jsc).run(job, (d, t) -> {
        }, () -> false);
        assertEquals(local, after);
    }

    /** The job groups of the jobs started, and how the first one ended. */
    private static final class JobLog extends SparkListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile JobResult result;

        static JobLog attach(JavaSparkContext jsc) {
            JobLog log = new JobLog();
            jsc.sc().addSparkListener(log);
            return log;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            started.add(String.valueOf(start.properties().getProperty("spark.jobGroup.id")));
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd end) {
            if (result == null) {
                result = end.jobResult();
            }
            ended.countDown();
        }
    }

    @Test
    void badSlicesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkSweepEngine(jsc, 0));
        assertTrue(e.getMessage().contains("slices"), e.getMessage());
    }

    @Test
    void missingOrRepeatedTrialsAreCaught() {
        AccuracySweep.Row r = local.get(0);
        List<SparkSweepEngine.TrialRows> repeated = List.of(new SparkSweepEngine.TrialRows(0, new AccuracySweep.Row[] {r}),
                new SparkSweepEngine.TrialRows(0, new AccuracySweep.Row[] {r}));
        assertThrows(IllegalStateException.class, () -> SparkSweepEngine.inTrialOrder(repeated, 2, 2));
        List<SparkSweepEngine.TrialRows> shuffled = List.of(new SparkSweepEngine.TrialRows(1, new AccuracySweep.Row[] {r}),
                new SparkSweepEngine.TrialRows(0, new AccuracySweep.Row[] {local.get(1)}));
        assertEquals(List.of(local.get(1), r), SparkSweepEngine.inTrialOrder(shuffled, 2, 2));
    }
}
