package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.ReadNoise;
import dev.kirchhoff.device.pulsed.PowStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kirchhoff fit} end to end, on CSV files as a device engineer would bring them. */
class FitCommandTest {
    /** 60 devices × 30 reads with a constant σ = 40 nS around means spread over 5–25 µS. */
    private static Path readNoiseCsv(Path dir) throws Exception {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(3L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        StringBuilder b = new StringBuilder("device,read_index,conductance_siemens\n");
        for (int d = 0; d < 60; d++) {
            double mean = 5e-6 + 20e-6 * d / 59.0;
            for (int r = 0; r < 30; r++) {
                b.append("dev").append(d).append(',').append(r).append(',').append(mean + 40e-9 * g.sample()).append('\n');
            }
        }
        Path file = dir.resolve("reads.csv");
        Files.writeString(file, b);
        return file;
    }

    /** 200 devices, G(t) = G₀·(t/1 s)^(−ν), ν ~ N(0.05, 0.01), reads at 1, 10, …, 10⁵ s. */
    private static Path driftCsv(Path dir) throws Exception {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(4L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        StringBuilder b = new StringBuilder("device,time_seconds,conductance_siemens\n");
        for (int d = 0; d < 200; d++) {
            double g0 = 5e-6 + 20e-6 * rng.nextDouble();
            double nu = 0.05 + 0.01 * g.sample();
            for (int k = 0; k <= 5; k++) {
                double t = Math.pow(10, k);
                b.append(d).append(',').append(t).append(',').append(g0 * Math.pow(t, -nu)).append('\n');
            }
        }
        Path file = dir.resolve("drift.csv");
        Files.writeString(file, b);
        return file;
    }

    @Test
    void readNoiseWritesProfileSummaryAndResiduals(@TempDir Path dir) throws Exception {
        Path data = readNoiseCsv(dir);
        Path out = dir.resolve("wafer.json");
        CliRun run = CliRun.of("fit", "read-noise", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        NoiseProfile p = NoiseProfiles.read(out);
        assertEquals("reads", p.name());
        assertEquals(List.of("readNoise"), p.sections());
        ReadNoise.Constant c = (ReadNoise.Constant) p.readNoise();
        // 60 × 29 degrees of freedom: the σ estimate has relative se 1/√(2·1740) = 1.7%; 5% is 3σ.
        assertEquals(40e-9, c.sigmaSiemens(), 0.05 * 40e-9);
        assertTrue(run.out().contains("fit read-noise: model constant"), run.out());
        assertTrue(run.out().contains("95% CI"), run.out());
        List<String> residuals = Files.readAllLines(dir.resolve("wafer-read-noise-residuals.csv"));
        assertEquals(61, residuals.size());
        assertTrue(residuals.get(0).startsWith("device,"), residuals.get(0));
        String summary = Files.readString(dir.resolve("wafer-read-noise-fit.json"));
        assertTrue(summary.contains("\"criterion\" : \"BIC\"") && summary.contains("\"rSquared\""), summary);
    }

    @Test
    void fitsAddSectionsIntoAnExistingProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("device.json");
        NoiseProfiles.write(Presets.load("neurosim-epiram").toBuilder().name("device").build(), profile);
        CliRun reads = CliRun.of("fit", "read-noise", "--data", readNoiseCsv(dir).toString(), "--into", profile.toString());
        assertEquals(0, reads.status(), reads.err());
        CliRun drift = CliRun.of("fit", "drift", "--data", driftCsv(dir).toString(), "--into", profile.toString());
        assertEquals(0, drift.status(), drift.err());
        NoiseProfile p = NoiseProfiles.read(profile);
        assertEquals("device", p.name());
        assertEquals(List.of("pulsedUpdate", "readNoise", "drift"), p.sections());
        assertEquals(Presets.load("neurosim-epiram").conductanceRange(), p.conductanceRange(), "the window is kept");
        DriftModel d = p.drift();
        // 200 devices: se of the mean ν is 0.01/√200 = 0.0007; 5% of 0.05 is 3.5 se.
        assertEquals(0.05, d.meanNu(15e-6), 0.0025);
        assertEquals(0.01, d.sigmaNu(15e-6), 0.002);
        assertTrue(Files.exists(dir.resolve("device-drift-exponents.csv")));
    }

    /**
     * The loop closes: simulate a known profile, fit the CSV, simulate the fitted profile with
     * another seed; the device-averaged trajectories agree. 200 devices with 10% spreads: the
     * mean over devices at one pulse has a standard error of about 0.1·W/√200 ≈ 0.7% of the
     * window W, so 3% of W allows for that twice over plus the fit's own estimation error, while a
     * wrong shape (γ off by 30%, or the asymmetry lost) misses by more.
     */
    @Test
    void simulateFitSimulateGivesTheSameMeanTrajectory(@TempDir Path dir) throws Exception {
        ConductanceRange window = new ConductanceRange(1e-6, 25e-6);
        PulseVariability spreads = PulseVariability.NONE.withBoundsDtod(0.1).withStepDtod(0.1).withC2cStd(0.1);
        Path truth = dir.resolve("truth.json");
        NoiseProfiles.write(NoiseProfile.of("truth", "test", new PowStep(window, 0.5e-6, 0.35e-6, 1.6, 2.4, spreads)), truth);
        Path measured = dir.resolve("measured.csv");
        assertEquals(0, CliRun.of("device", "pulse-response", "--profile", truth.toString(), "--devices", "200", "--cycles",
                "2", "--pulses", "60", "--seed", "5", "--out", measured.toString()).status());
        Path fitted = dir.resolve("fitted.json");
        CliRun fit = CliRun.of("fit", "pulse-response", "--data", measured.toString(), "--model", "pow-step", "--out",
                fitted.toString());
        assertEquals(0, fit.status(), fit.err());
        Path again = dir.resolve("again.csv");
        assertEquals(0, CliRun.of("device", "pulse-response", "--profile", fitted.toString(), "--devices", "200", "--cycles",
                "2", "--pulses", "60", "--seed", "6", "--out", again.toString()).status());
        double[] a = meanTrajectory(measured, 240);
        double[] b = meanTrajectory(again, 240);
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]));
        }
        assertTrue(worst < 0.03 * window.widthSiemens(), "largest gap of the mean trajectories " + worst + " S");
    }

    /** Mean conductance over devices at each (cycle, pulse) position, in file order. */
    private static double[] meanTrajectory(Path csv, int positions) throws Exception {
        double[] sum = new double[positions];
        int[] count = new int[positions];
        List<String> lines = Files.readAllLines(csv);
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",");
            int pos = Integer.parseInt(f[1]) * 120 + Integer.parseInt(f[2]);
            sum[pos] += Double.parseDouble(f[4]);
            count[pos]++;
        }
        for (int k = 0; k < positions; k++) {
            sum[k] /= count[k];
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fit wobble --data D --out P|KIND must be one of pulse-response, read-noise, drift, programming, got 'wobble'",
        "fit read-noise --data D|give --out PROFILE.json or --into PROFILE.json",
        "fit read-noise --data D --out P --model soft-bounds|--model applies to pulse-response only",
        "fit drift --data D --out P --t0-seconds -1|--t0-seconds must be positive and finite, got -1.0",
        "fit read-noise --data DIR/none.csv --out P|none.csv: no such file",
        "fit read-noise --data D --out DIR/no/such/p.json|p.json: the folder does not exist",
    })
    void badUsageIsOneLineExitTwoAndWritesNothing(String spec, @TempDir Path dir) throws Exception {
        Path data = readNoiseCsv(dir);
        String[] parts = spec.split("\\|");
        String[] args = parts[0].replace(" D ", " " + data + " ").replace("DIR", dir.toString())
                .replace(" P", " " + dir.resolve("p.json")).split(" ");
        CliRun run = CliRun.of(args);
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(parts[1]), run.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(data), files.toList(), "nothing written");
        }
    }

    @Test
    void badDataNamesFileAndLineAndWritesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "device,time_seconds,conductance_siemens\n0,1,1e-5\n0,10,9e-6\n0,5,8e-6\n");
        CliRun run = CliRun.of("fit", "drift", "--data", data.toString(), "--out", dir.resolve("p.json").toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(data + ":4: ") && run.err().contains("increas"), run.err());
        Files.writeString(data, "device,time_second,conductance_siemens\n0,1,1e-5\n");
        CliRun misspelt = CliRun.of("fit", "drift", "--data", data.toString(), "--out", dir.resolve("p.json").toString());
        assertEquals(2, misspelt.status());
        assertTrue(misspelt.err().contains("missing column 'time_seconds'") && misspelt.err().contains("did you mean 'time_second'?"),
                misspelt.err());
        Files.writeString(data, "device,read_index,conductance_siemens\n0,0,1e-5\n0,1,x\n");
        CliRun cell = CliRun.of("fit", "read-noise", "--data", data.toString(), "--out", dir.resolve("p.json").toString());
        assertEquals(2, cell.status());
        assertTrue(cell.err().contains(data + ":3: column 'conductance_siemens': 'x' is not a number"), cell.err());
        assertFalse(Files.exists(dir.resolve("p.json")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the data file");
        }
    }
}
