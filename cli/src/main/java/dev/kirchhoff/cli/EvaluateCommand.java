package dev.kirchhoff.cli;

import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.AccuracyCsv;
import dev.kirchhoff.training.pipeline.LocalSweepEngine;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kirchhoff evaluate}: programs a saved model onto a profile's devices and measures its
 * MNIST-10k test accuracy over variability scales, drift times and seeds
 * ({@link SweepJob} on the local cores, trials in parallel), writing one CSV row per trial, atomically.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Evaluate a model on analog hardware over variability, drift time and seeds.",
            "Programs the weights onto the profile's devices (differential pairs), reads them at",
            "each drift time with global drift compensation, and writes the CSV",
            "  model,profile,variability_scale,drift_time_s,seed,accuracy",
            "with one row per trial; a mean ± std summary per (scale, time) goes to stdout."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A model file from kirchhoff train.")
    Path model;

    @Option(names = "--profile", paramLabel = "NAME|FILE", required = true,
            description = "Noise profile, a preset name or a JSON file.")
    String profile;

    @Option(names = "--drift-times", paramLabel = "S,S,...", split = ",", defaultValue = "1,3600,86400",
            description = "Inference times after programming, seconds (default: ${DEFAULT-VALUE}).")
    double[] driftTimes;

    @Option(names = "--variability-scales", paramLabel = "K,K,...", split = ",", defaultValue = "0,0.5,1,2",
            description = "Multipliers of the profile's variability (default: ${DEFAULT-VALUE}).")
    double[] scales;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "10", description = "Trials per point (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the first trial; trial i uses SEED + i (default: ${DEFAULT-VALUE}).")
    long baseSeed;

    @Option(names = "--columnwise", description = "One digital scale per crossbar column instead of per layer.")
    boolean columnwise;

    @Option(names = "--no-drift-compensation", description = "Do not apply global drift compensation.")
    boolean noCompensation;

    @Option(names = "--ir-drop-ohms", paramLabel = "OHMS", defaultValue = "0",
            description = "Read through 256×256 tiles with this resistance per wire segment (exact circuit, about 7 s"
                    + " per read for 784-256-128-10; default: ${DEFAULT-VALUE}, ideal wires).")
    double irDropOhms;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads (results do not depend on it; default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", paramLabel = "CSV", description = "The CSV to write (default: stdout).")
    Path out;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (seeds < 1) {
            throw new CommandLine.ParameterException(cl, "--seeds must be at least 1, got " + seeds);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1, got " + threads);
        }
        checkValues(cl, "--drift-times", driftTimes);
        checkValues(cl, "--variability-scales", scales);
        checkValues(cl, "--ir-drop-ohms", new double[] {irDropOhms});
        byte[] modelBytes = Files.readAllBytes(model);
        ModelFile.fromBytes(modelBytes, model.toString());
        NoiseProfile p = Presets.resolve(profile);
        AccuracySweep.Settings settings = new AccuracySweep.Settings(scales, driftTimes, seeds, baseSeed, columnwise,
                !noCompensation, irDropOhms);
        SweepJob job = new SweepJob(model.getFileName().toString(), modelBytes, p, settings);
        PrintWriter err = cl.getErr();
        ProgressLine progress = new ProgressLine(err, "evaluate: trial");
        List<AccuracySweep.Row> rows = new LocalSweepEngine(threads).run(job, progress::update, () -> false);
        PrintWriter o = cl.getOut();
        AtomicOutput.write(out, o, w -> AccuracyCsv.write(w, rows));
        PrintWriter summary = out == null ? err : o;
        for (AccuracySweep.Summary s : AccuracySweep.summarize(rows)) {
            summary.printf(Locale.ROOT, "variability_scale=%s drift_time_s=%s accuracy_mean=%.4f accuracy_std=%.4f trials=%d%n",
                    AccuracyCsv.number(s.variabilityScale()), AccuracyCsv.number(s.driftTimeSeconds()), s.mean(), s.std(),
                    s.trials());
        }
        summary.flush();
        return 0;
    }

    private static void checkValues(CommandLine cl, String option, double[] values) {
        if (values == null || values.length == 0) {
            throw new CommandLine.ParameterException(cl, option + " must list at least one value");
        }
        for (double v : values) {
            if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
                throw new CommandLine.ParameterException(cl, option + " values must be non-negative and finite, got " + v);
            }
        }
    }
}
