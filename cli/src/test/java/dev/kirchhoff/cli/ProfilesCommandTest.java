package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {
    @Test
    void listsEveryPresetWithItsSectionsAndSource() {
        CliRun run = CliRun.of("profiles");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1 + Presets.NAMES.size(), lines.size(), run.out());
        for (int k = 0; k < Presets.NAMES.size(); k++) {
            assertTrue(lines.get(k + 1).startsWith(Presets.NAMES.get(k) + " "), lines.get(k + 1));
        }
        String pcm = lines.get(1);
        assertTrue(pcm.contains("0–25") && pcm.contains("programmingNoise,readNoise,drift") && pcm.contains("ICECS 2019"), pcm);
        assertTrue(run.out().contains("neurosim-gst-pcm       10.72–212.3"), run.out());
    }

    @Test
    void showPrintsThePresetJson() {
        CliRun run = CliRun.of("profiles", "show", "neurosim-pcmo");
        assertEquals(0, run.status(), run.err());
        assertEquals(Presets.json("neurosim-pcmo"), run.out());
    }

    @Test
    void showChecksAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, Presets.json("rram-milo").replace("\"schemaVersion\" : 2,", "\"schemaVersion\" : 2, \"colour\" : 1,"));
        CliRun run = CliRun.of("profiles", "show", file.toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(file + ": $.colour (line 2): unknown field 'colour'"), run.err());
        NoiseProfiles.write(Presets.load("rram-milo"), file);
        assertEquals(0, CliRun.of("profiles", "show", file.toString()).status());
    }

    @Test
    void anUnknownProfileIsOneLineExitTwo() {
        CliRun run = CliRun.of("profiles", "show", "pcm");
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains("'pcm' is neither a preset"), run.err());
        CliRun pulse = CliRun.of("device", "pulse-response", "--profile", "rram-wan-2022");
        assertEquals(2, pulse.status());
        assertTrue(pulse.oneErrorLine() && pulse.err().contains("has no pulsedUpdate section"), pulse.err());
        assertEquals("", pulse.out());
    }

    @Test
    void pulseResponseSimulatesABundledPreset() {
        CliRun run = CliRun.of("device", "pulse-response", "--profile", "neurosim-epiram", "--devices", "2", "--cycles", "1",
                "--pulses", "64");
        assertEquals(0, run.status(), run.err());
        List<String> rows = run.out().lines().skip(1).toList();
        assertEquals(2 * 128, rows.size());
        double gMax = Presets.load("neurosim-epiram").conductanceRange().gMaxSiemens();
        for (String r : rows) {
            double g = Double.parseDouble(r.split(",")[4]);
            assertTrue(g >= 0 && g <= gMax * 1.2, r);
        }
        assertTrue(run.err().contains("model neurosim"), run.err());
    }
}
