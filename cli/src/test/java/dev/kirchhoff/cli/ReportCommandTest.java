package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kirchhoff report} end to end on a small sweep, its configuration file, and its bad input:
 * exit 2 with one line, the previous report left as it was.
 */
class ReportCommandTest {
    /** A small quick report: option → value. */
    private static final String[][] SMALL = {{"--layers", "784,16,10"}, {"--epochs", "1"}, {"--variability-scales", "0,1"},
        {"--drift-times", "1,86400"}, {"--seeds", "1"}};

    @TempDir
    Path dir;

    /** The small report with {@code more} (option, value pairs) replacing or adding options. */
    private static CliRun report(Path out, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String[] o : SMALL) {
            options.put(o[0], o[1]);
        }
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("report", "--quick"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        args.add("--out");
        args.add(out.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesTheReportAndItsConfigurationRerunsIt() throws IOException {
        Path out = dir.resolve("report");
        CliRun run = report(out);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("report written to " + out.resolve("index.html")), run.out());
        assertTrue(run.err().contains("100% done"), run.err());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        String accuracy = Files.readString(out.resolve("accuracy.csv"));
        assertTrue(accuracy.startsWith("model,profile,variability_scale,drift_time_s,seed,accuracy\nfp,pcm-nandakumar-2019,0,1,1000,"),
                accuracy);

        Path rerun = dir.resolve("rerun");
        CliRun again = CliRun.of("report", "--config", out.resolve("config.json").toString(), "--out", rerun.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(accuracy, Files.readString(rerun.resolve("accuracy.csv")), "config.json reruns the same report");
    }

    @Test
    void badInputExitsTwoWithOneLineAndKeepsThePreviousReport() throws IOException {
        Path out = dir.resolve("report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "previous");
        Path config = Files.writeString(dir.resolve("c.json"), "{\"seeds\": 2, \"colour\": \"red\"}");
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        String[][] cases = {
            {"--profile", "no-such-device"},
            {"--variability-scales", "-1"},
            {"--drift-times", "0"},
            {"--seeds", "0"},
            {"--config", config.toString()},
            {"--drift-chart-scale", "5"},
        };
        String[] expected = {"no-such-device", "--variability-scales[0] must be non-negative", "--drift-times[0] must be positive",
            "--seeds must be at least 1", "unknown field 'colour'", "--drift-chart-scale must be one of"};
        for (int i = 0; i < cases.length; i++) {
            CliRun run = report(out, cases[i]);
            assertEquals(2, run.status(), Arrays.toString(cases[i]) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(expected[i]), Arrays.toString(cases[i]) + ": " + run.err());
        }
        CliRun empty = CliRun.of("report", "--variability-scales", "", "--out", out.toString());
        assertEquals(2, empty.status(), empty.err());
        CliRun unwritable = report(aFile.resolve("report"));
        assertEquals(2, unwritable.status(), unwritable.err());
        assertTrue(unwritable.err().contains("a-file"), unwritable.err());
        assertEquals("previous", Files.readString(out.resolve("index.html")));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary folders: report, c.json, a-file");
        }
    }
}
