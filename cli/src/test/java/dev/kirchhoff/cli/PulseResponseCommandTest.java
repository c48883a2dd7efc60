package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.SoftBounds;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PulseResponseCommandTest {

    @Test
    void writesTheFittingCsvFormat(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pr.csv");
        CliRun run = CliRun.of("device", "pulse-response", "--devices", "3", "--cycles", "2", "--pulses", "4",
                "--seed", "7", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(PulseResponse.CSV_HEADER, lines.get(0));
        assertEquals(1 + 3 * 2 * 8, lines.size());
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",");
            assertEquals(5, f.length, lines.get(k));
            int row = k - 1;
            assertEquals(row / 16, Integer.parseInt(f[0]), "device");
            assertEquals(row / 8 % 2, Integer.parseInt(f[1]), "cycle");
            int pulse = row % 8;
            assertEquals(pulse, Integer.parseInt(f[2]), "pulse_index");
            assertEquals(pulse < 4 ? 1 : -1, Integer.parseInt(f[3]), "polarity: a run of +1 then a run of -1");
            double g = Double.parseDouble(f[4]);
            assertTrue(g > 0 && g < 40e-6, "conductance in siemens: " + g);
        }
        assertTrue(run.err().contains("seed 7"), "provenance on stderr: " + run.err());
    }

    @Test
    void sameSeedSameBytesAndAnotherSeedDiffers() {
        String a = CliRun.of("device", "pulse-response", "--devices", "2", "--pulses", "5", "--seed", "11").out();
        String b = CliRun.of("device", "pulse-response", "--devices", "2", "--pulses", "5", "--seed", "11").out();
        String c = CliRun.of("device", "pulse-response", "--devices", "2", "--pulses", "5", "--seed", "12").out();
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void simulatesAProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.json");
        // No spread and no noise: every device follows the closed form from G_min, so the
        // first read is gMin + α·(gMax − gMin)/W = 1 µS + 1 µS.
        NoiseProfiles.write(NoiseProfile.of("det", "test",
                SoftBounds.of(new ConductanceRange(1e-6, 11e-6), 1e-6, PulseVariability.NONE)), profile);
        CliRun run = CliRun.of("device", "pulse-response", "--profile", profile.toString(), "--devices", "1",
                "--cycles", "1", "--pulses", "2");
        assertEquals(0, run.status(), run.err());
        String[] rows = run.out().strip().split("\n");
        assertEquals(2e-6, Double.parseDouble(rows[1].split(",")[4]), 1e-18);
        assertEquals(2.9e-6, Double.parseDouble(rows[2].split(",")[4]), 1e-18);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--pulses -3|--pulses must be positive, got -3",
        "--devices 0|--devices must be positive, got 0",
        "--model nonsense|model must be one of",
        "--g-min-siemens NaN|gMinSiemens must be non-negative and finite, got NaN",
        "--g-min-siemens -1e-6|gMinSiemens must be non-negative and finite, got -1.0E-6",
        "--g-min-siemens 3e-5|gMinSiemens must be below gMaxSiemens",
        "--profile /no/such/profile.json|/no/such/profile.json: no such file",
        "--out /no/such/folder/x.csv|/no/such/folder/x.csv: the folder does not exist",
        "--model soft-bounds --profile p.json|give either --model or --profile",
        "--frobnicate|Unknown option: '--frobnicate'",
    })
    void badInputExitsTwoWithOneLineNamingTheProblem(String spec) {
        String[] parts = spec.split("\\|");
        String[] args = ("device pulse-response " + parts[0]).split(" ");
        CliRun run = CliRun.of(args);
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().startsWith("kirchhoff device pulse-response: "), run.err());
        assertTrue(run.err().contains(parts[1]), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBadProfileNamesFilePathAndProblem(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("bad.json");
        NoiseProfiles.write(NoiseProfile.of("det", "test",
                SoftBounds.of(new ConductanceRange(1e-6, 11e-6), 1e-6, PulseVariability.NONE)), profile);
        Files.writeString(profile, Files.readString(profile).replace("\"headroom\"", "\"extra\" : 1, \"headroom\""));
        CliRun run = CliRun.of("device", "pulse-response", "--profile", profile.toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(profile + ": $.pulsedUpdate.extra (line "), run.err());
        assertTrue(run.err().contains("unknown field 'extra'"), run.err());
    }

    @Test
    void anExistingOutputIsLeftIntactWhenTheRunFails(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("keep.csv");
        Files.writeString(out, "previous\n");
        CliRun run = CliRun.of("device", "pulse-response", "--model", "nonsense", "--out", out.toString());
        assertEquals(2, run.status());
        assertEquals("previous\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    static java.util.stream.Stream<String> modelNames() {
        return dev.kirchhoff.device.pulsed.PulsedModels.names().stream();
    }

    /** Every named model runs, and its default covers at least a factor 2 in conductance in 100 pulses. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("modelNames")
    void everyModelRuns(String model) {
        CliRun run = CliRun.of("device", "pulse-response", "--model", model, "--devices", "20", "--cycles", "1");
        assertEquals(0, run.status(), run.err());
        double[] g = run.out().lines().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[4])).toArray();
        double min = java.util.Arrays.stream(g).min().orElseThrow();
        double max = java.util.Arrays.stream(g).max().orElseThrow();
        assertTrue(max > 2 * min, model + " moved only from " + min + " to " + max + " S in 100 pulses");
    }
}
