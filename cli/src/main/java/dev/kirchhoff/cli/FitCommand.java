package dev.kirchhoff.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.fit.DriftFit;
import dev.kirchhoff.profiles.fit.FitSummary;
import dev.kirchhoff.profiles.fit.MeasurementCsv;
import dev.kirchhoff.profiles.fit.ProgrammingFit;
import dev.kirchhoff.profiles.fit.PulseResponseData;
import dev.kirchhoff.profiles.fit.PulseResponseFit;
import dev.kirchhoff.profiles.fit.ReadNoiseFit;
import dev.kirchhoff.profiles.fit.ResidualTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kirchhoff fit KIND}: measured device data in, a noise profile out, with a fit summary
 * and the residuals for a fit-vs-data plot. Nothing is written unless the fit succeeds; each
 * file is written whole or not at all, the profile last.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a noise-profile section to measured data (docs/fitting.md).",
            "KIND and the CSV header it reads:",
            "  pulse-response  device,cycle,pulse_index,polarity,conductance_siemens  -> pulsedUpdate",
            "  read-noise      device,read_index,conductance_siemens                 -> readNoise",
            "  drift           device,time_seconds,conductance_siemens               -> drift",
            "  programming     device,target_siemens,conductance_siemens             -> programmingNoise",
            "Writes the profile (--out, or --into an existing one), prints the fit summary, and writes",
            "the residuals (and the summary as JSON) beside the profile."})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "pulse-response, read-noise, drift or programming.")
    String kind;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The measurements (CSV with a header).")
    Path data;

    @Option(names = "--model", paramLabel = "M",
            description = "pulse-response only: soft-bounds, exp-step, pow-step, neurosim, piecewise-step or auto "
                    + "(default: auto, chosen by BIC). The other kinds choose their form by BIC.")
    String model;

    @Option(names = "--out", paramLabel = "PROFILE.json",
            description = "Profile to write (a new profile, or with --into the extended one).")
    Path out;

    @Option(names = "--into", paramLabel = "PROFILE.json",
            description = "Add the fitted section to this existing profile (rewritten in place unless --out is given).")
    Path into;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of a new profile (default: the data file's name).")
    String name;

    @Option(names = "--residuals", paramLabel = "FILE.csv",
            description = "Residuals CSV (default: PROFILE-KIND-residuals.csv beside the profile).")
    Path residuals;

    @Option(names = "--summary", paramLabel = "FILE.json",
            description = "Fit summary as JSON (default: PROFILE-KIND-fit.json beside the profile).")
    Path summaryFile;

    @Option(names = "--g-max-siemens", paramLabel = "S",
            description = "read-noise, drift, programming: g_max that normalises the σ(G) and ν(G) laws "
                    + "(default: the largest measured conductance or target).")
    Double gMaxSiemens;

    @Option(names = "--t0-seconds", paramLabel = "S", description = "drift: t_0 of the drift law (default: the earliest time).")
    Double t0Seconds;

    /** The kinds of data this command fits. */
    private static final List<String> KINDS = List.of("pulse-response", "read-noise", "drift", "programming");

    private static final ObjectMapper SUMMARY_JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What a fit produced: the new section (as a profile holding only it), the summary, the tables to write. */
    private record Fitted(NoiseProfile section, FitSummary summary, Map<String, ResidualTable> tables) {
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!KINDS.contains(kind)) {
            throw new CommandLine.ParameterException(cl, "KIND must be one of " + String.join(", ", KINDS) + ", got '"
                    + kind + "'");
        }
        if (out == null && into == null) {
            throw new CommandLine.ParameterException(cl, "give --out PROFILE.json or --into PROFILE.json");
        }
        if (model != null && !"pulse-response".equals(kind)) {
            throw new CommandLine.ParameterException(cl, "--model applies to pulse-response only; " + kind
                    + " chooses its form by BIC");
        }
        if (t0Seconds != null && !"drift".equals(kind)) {
            throw new CommandLine.ParameterException(cl, "--t0-seconds applies to drift only");
        }
        if (gMaxSiemens != null && !(gMaxSiemens > 0 && gMaxSiemens < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(cl, "--g-max-siemens must be positive and finite, got " + gMaxSiemens);
        }
        if (t0Seconds != null && !(t0Seconds > 0 && t0Seconds < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(cl, "--t0-seconds must be positive and finite, got " + t0Seconds);
        }
        NoiseProfile base = into == null ? null : NoiseProfiles.read(into);
        Path profileOut = out != null ? out : into;
        requireWritableFolder(profileOut);
        String profileName = name != null ? name : stem(data);
        PrintWriter err = cl.getErr();
        Fitted fitted = switch (kind) {
            case "pulse-response" -> pulseResponse(profileName, err);
            case "read-noise" -> readNoise(profileName);
            case "drift" -> drift(profileName);
            case "programming" -> programming(profileName);
            default -> throw new IllegalStateException("unreachable: kind checked above, got " + kind);
        };
        NoiseProfile profile = base == null ? fitted.section() : base.mergedWith(fitted.section());

        String prefix = stem(profileOut) + "-" + kind;
        Path folder = profileOut.toAbsolutePath().getParent();
        for (Map.Entry<String, ResidualTable> t : fitted.tables().entrySet()) {
            Path file = t.getKey().equals("residuals") && residuals != null ? residuals
                    : folder.resolve(prefix + "-" + t.getKey() + ".csv");
            AtomicOutput.write(file, cl.getOut(), t.getValue()::writeCsv);
            err.println("fit: " + t.getKey() + " written to " + file);
        }
        Path summaryOut = summaryFile != null ? summaryFile : folder.resolve(prefix + "-fit.json");
        AtomicOutput.write(summaryOut, cl.getOut(), w -> w.write(SUMMARY_JSON.writeValueAsString(fitted.summary()) + "\n"));
        NoiseProfiles.write(profile, profileOut);
        PrintWriter o = cl.getOut();
        o.print(fitted.summary().toText());
        o.println("profile '" + profile.name() + "' (" + String.join(", ", profile.sections()) + ") written to " + profileOut);
        o.flush();
        return 0;
    }

    private Fitted pulseResponse(String profileName, PrintWriter err) throws IOException {
        PulseResponseData d = PulseResponseData.read(data);
        String m = model == null ? PulseResponseFit.AUTO : model;
        // One progress line per model (auto fits every model in turn); the fit calls this one call at a time.
        Map<String, ProgressLine> progress = new HashMap<>();
        PulseResponseFit.Result r = PulseResponseFit.fit(d, m, (modelName, done, total) -> progress
                .computeIfAbsent(modelName, k -> new ProgressLine(err, "fit pulse-response: " + k + ", devices"))
                .update(done, total));
        NoiseProfile section = NoiseProfile.builder(profileName, source(), r.model().range()).pulsedUpdate(r.model()).build();
        Map<String, ResidualTable> tables = new LinkedHashMap<>();
        tables.put("residuals", r.residuals());
        tables.put("devices", r.deviceParameters());
        return new Fitted(section, r.summary(), tables);
    }

    private Fitted readNoise(String profileName) throws IOException {
        MeasurementCsv csv = ReadNoiseFit.read(data);
        ReadNoiseFit.Result r = ReadNoiseFit.fit(csv, gMax());
        NoiseProfile section = NoiseProfile.builder(profileName, source(), window(csv.column(ReadNoiseFit.CONDUCTANCE_COLUMN)))
                .readNoise(r.model()).build();
        return new Fitted(section, r.summary(), Map.of("residuals", r.residuals()));
    }

    private Fitted drift(String profileName) throws IOException {
        MeasurementCsv csv = DriftFit.read(data);
        DriftFit.Result r = DriftFit.fit(csv, t0Seconds == null ? Double.NaN : t0Seconds, gMax());
        NoiseProfile section = NoiseProfile.builder(profileName, source(), window(csv.column(DriftFit.CONDUCTANCE_COLUMN)))
                .drift(r.model()).build();
        Map<String, ResidualTable> tables = new LinkedHashMap<>();
        tables.put("residuals", r.residuals());
        tables.put("exponents", r.exponents());
        return new Fitted(section, r.summary(), tables);
    }

    private Fitted programming(String profileName) throws IOException {
        MeasurementCsv csv = ProgrammingFit.read(data);
        ProgrammingFit.Result r = ProgrammingFit.fit(csv, gMax());
        NoiseProfile section = NoiseProfile.builder(profileName, source(), window(csv.column(ProgrammingFit.TARGET_COLUMN)))
                .programmingNoise(r.model()).build();
        return new Fitted(section, r.summary(), Map.of("residuals", r.residuals()));
    }

    private double gMax() {
        return gMaxSiemens == null ? Double.NaN : gMaxSiemens;
    }

    private String source() {
        return "fitted by kirchhoff fit " + kind + " from " + data.getFileName();
    }

    /** The window of a new profile: from 0 (or the smallest value, if above 0) to the largest measured value. */
    private static ConductanceRange window(double[] siemens) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double g : siemens) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
        }
        return new ConductanceRange(Math.max(lo, 0), hi);
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static void requireWritableFolder(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": the folder does not exist");
        }
    }
}
