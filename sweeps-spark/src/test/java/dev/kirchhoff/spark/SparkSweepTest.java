package dev.kirchhoff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.LocalSweepEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit main class end to end on local[2], and its refusals (exit 2, one line). */
class SparkSweepTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkSweep.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private Path model() throws IOException {
        Path model = dir.resolve(TinySweep.MODEL);
        Files.write(model, TinySweep.modelBytes());
        return model;
    }

    @Test
    void writesTheCsvTheLocalEngineGivesEvenUnderKryo() throws IOException {
        Path model = model();
        Path csv = dir.resolve("accuracy.csv");
        // under Kryo, the serializer clusters often choose: the engine must not depend on it
        System.setProperty("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        Result r;
        try {
            r = run("--master", "local[2]", "--model", model.toString(), "--profile", TinySweep.PROFILE,
                    "--drift-times", "1,86400", "--variability-scales", "0,1", "--seeds", "2", "--seed", "10",
                    "--slices", "3", "--out", csv.toString());
        } finally {
            System.clearProperty("spark.serializer");
        }
        assertEquals(0, r.status(), r.err());

        List<AccuracySweep.Row> local = new LocalSweepEngine(2).run(TinySweep.job(), (d, t) -> {
        }, () -> false);
        assertEquals(TinySweep.csv(local), Files.readString(csv, StandardCharsets.UTF_8));
        String[] summary = r.out().split("\n");
        assertEquals(4, summary.length, r.out());
        assertTrue(summary[0].startsWith("variability_scale=0 drift_time_s=1 accuracy_mean="), summary[0]);
        assertTrue(r.err().contains("trials 4/4"), r.err());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left beside the CSV");
        }
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheOptionOrFile() throws IOException {
        Path model = model();
        String out = dir.resolve("a.csv").toString();
        String m = model.toString();
        assertRefused("--seeds", "--master", "local[2]", "--model", m, "--profile", "pcm-nandakumar-2019", "--seeds", "0",
                "--out", out);
        assertRefused("--drift-times", "--master", "local[2]", "--model", m, "--profile", "pcm-nandakumar-2019",
                "--drift-times", "1,-3", "--out", out);
        assertRefused("--slices", "--master", "local[2]", "--model", m, "--profile", "pcm-nandakumar-2019", "--slices", "0",
                "--out", out);
        assertRefused("--out", "--master", "local[2]", "--model", m, "--profile", "pcm-nandakumar-2019");
        assertRefused("missing.khm: no such file", "--master", "local[2]", "--model", dir.resolve("missing.khm").toString(),
                "--profile", "pcm-nandakumar-2019", "--out", out);
        assertRefused("nope.json: no such file", "--master", "local[2]", "--model", m, "--profile", "nope.json", "--out", out);
        assertRefused("the folder does not exist", "--master", "local[2]", "--model", m, "--profile",
                "pcm-nandakumar-2019", "--out", dir.resolve("no/such/dir/a.csv").toString());
        Path notAModel = dir.resolve("bad.khm");
        Files.writeString(notAModel, "not a model");
        assertRefused("bad.khm", "--master", "local[2]", "--model", notAModel.toString(), "--profile",
                "pcm-nandakumar-2019", "--out", out);
        assertRefused("no Spark master", "--model", m, "--profile", "pcm-nandakumar-2019", "--out", out);
        assertFalse(Files.exists(dir.resolve("a.csv")));
    }

    private static void assertRefused(String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("spark-sweep: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
