package dev.kirchhoff.training.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.hwa.AccuracySweep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo trials are independent: any engine, any thread count, any process that deserialises
 * the job gives the same rows, in the same order. A small untrained 784-8-10 network keeps it fast.
 */
class SweepEngineTest {
    private static final NoiseProfile PCM = Presets.load("pcm-nandakumar-2019");

    private static SweepJob job() {
        Mlp model = new Mlp(new int[] {784, 8, 10}, RandomSource.XO_SHI_RO_256_PP.create(7L));
        byte[] bytes = ModelFile.toBytes(ModelHeader.of(model, ModelHeader.Mode.FP, TrainingConfig.defaults()), model);
        AccuracySweep.Settings settings = new AccuracySweep.Settings(new double[] {0, 1, 2}, new double[] {1, 86_400}, 2,
                10, false, true);
        return new SweepJob("tiny.khm", bytes, PCM, settings);
    }

    @Test
    void rowsComeInScaleSeedTimeOrderAndDoNotDependOnTheThreadCount() {
        SweepJob job = job();
        List<AccuracySweep.Row> one = new LocalSweepEngine(1).run(job, (d, t) -> {
        }, () -> false);
        List<AccuracySweep.Row> two = new LocalSweepEngine(2).run(job, (d, t) -> {
        }, () -> false);
        assertEquals(one, two);
        assertEquals(12, one.size());
        double[][] expected = {{0, 10, 1}, {0, 10, 86_400}, {0, 11, 1}, {0, 11, 86_400}, {1, 10, 1}, {1, 10, 86_400}};
        for (int i = 0; i < expected.length; i++) {
            AccuracySweep.Row r = one.get(i);
            assertEquals(expected[i][0], r.variabilityScale());
            assertEquals((long) expected[i][1], r.seed());
            assertEquals(expected[i][2], r.driftTimeSeconds());
            assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1);
        }
    }

    @Test
    void aTrialRunOnItsOwnGivesTheRowsOfTheWholeSweep() {
        SweepJob job = job();
        List<AccuracySweep.Row> all = new LocalSweepEngine(2).run(job, (d, t) -> {
        }, () -> false);
        List<AccuracySweep.Row> backwards = new ArrayList<>();
        List<AccuracySweep.Trial> trials = job.trials();
        for (int i = trials.size() - 1; i >= 0; i--) {
            backwards.addAll(0, job().run(trials.get(i)));
        }
        assertEquals(all, backwards);
    }

    @Test
    void aDeserialisedJobGivesTheSameRows() throws IOException, ClassNotFoundException {
        SweepJob job = job();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
        }
        SweepJob copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SweepJob) in.readObject();
        }
        AccuracySweep.Trial trial = job.trials().get(3);
        assertEquals(job.run(trial), copy.run(trial));
    }

    @Test
    void progressCountsEveryTrialAndTheCsvHasTheContractHeader() throws IOException {
        SweepJob job = job();
        AtomicInteger calls = new AtomicInteger();
        List<AccuracySweep.Row> rows = new LocalSweepEngine(2).run(job, (done, total) -> {
            calls.incrementAndGet();
            assertEquals(6, total);
        }, () -> false);
        assertEquals(6, calls.get());
        StringWriter w = new StringWriter();
        AccuracyCsv.write(w, rows);
        String[] lines = w.toString().split("\n");
        assertEquals("model,profile,variability_scale,drift_time_s,seed,accuracy", lines[0]);
        assertEquals(13, lines.length);
        assertTrue(lines[1].startsWith("tiny.khm,pcm-nandakumar-2019,0,1,10,"), lines[1]);
    }

    @Test
    void aCancelledSweepStops() {
        SweepJob job = job();
        assertThrows(CancellationException.class, () -> new LocalSweepEngine(2).run(job, (d, t) -> {
        }, () -> true));
    }

    @Test
    void badJobsAreRefusedWithTheParameter() {
        Mlp wrong = new Mlp(new int[] {100, 10}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        byte[] bytes = ModelFile.toBytes(ModelHeader.of(wrong, ModelHeader.Mode.FP, TrainingConfig.defaults()), wrong);
        AccuracySweep.Settings settings = job().settings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepJob("wrong.khm", bytes, PCM, settings));
        assertTrue(e.getMessage().contains("784"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SweepJob(" ", bytes, PCM, settings));
        assertThrows(IllegalArgumentException.class, () -> new SweepJob("x", new byte[] {1, 2}, PCM, settings));
        assertThrows(IllegalArgumentException.class, () -> new LocalSweepEngine(0));
    }
}
