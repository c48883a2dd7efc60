package dev.kirchhoff.cli;

import dev.kirchhoff.report.Report;
import dev.kirchhoff.report.ReportConfig;
import dev.kirchhoff.report.ReportConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kirchhoff report}: the main job ({@link Report}). Settings come from the defaults (or
 * the quick report), then a configuration file, then the options given; the report folder is
 * replaced whole at the end, and Ctrl-C leaves the previous one as it was.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The end-to-end accuracy report on the bundled MNIST-10k digits.",
            "Trains a floating-point and a noise-in-the-loop network, programs both onto a device profile,",
            "sweeps variability scale and drift time over Monte Carlo seeds, and writes a report folder:",
            "index.html, charts (PNG and SVG), the CSV behind every chart, the models and the configuration.",
            "Defaults: pcm-nandakumar-2019, 784-256-128-10, 15 epochs, k = 0,0.5,1,1.5,2,3,",
            "t = 1 s, 1 h, 1 day, 30 days, 1 year, 10 seeds (about 3 minutes on 2 cores); --quick: 3 epochs,",
            "k = 0,1,2, t = 1 s, 1 day, 1 year, 3 seeds (well under a minute)."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "The quick report (fewer epochs, scales, times and seeds).")
    boolean quick;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings as JSON (the config.json of a report); options given here override it.")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "Noise profile, a preset name or a JSON file.")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "The report folder, replaced whole at the end (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--variability-scales", paramLabel = "K,K,...", split = ",",
            description = "Multipliers of the profile's variability.")
    double[] scales;

    @Option(names = "--drift-times", paramLabel = "S,S,...", split = ",",
            description = "Inference times after programming, seconds (> 0).")
    double[] driftTimes;

    @Option(names = "--variability-chart-time", paramLabel = "S",
            description = "The drift time of the accuracy-vs-variability chart (one of --drift-times; default 1 day,"
                    + " or the largest time when 1 day is not swept).")
    Double variabilityChartTime;

    @Option(names = "--drift-chart-scale", paramLabel = "K",
            description = "The variability scale of the accuracy-vs-drift chart (one of --variability-scales; default 1,"
                    + " or the largest scale ≤ 1).")
    Double driftChartScale;

    @Option(names = "--seeds", paramLabel = "N", description = "Monte Carlo trials per point.")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the first trial; trial i uses SEED + i.")
    Long baseSeed;

    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", description = "Layer sizes, 784 first.")
    int[] layers;

    @Option(names = "--epochs", paramLabel = "E", description = "Training epochs of both networks.")
    Integer epochs;

    @Option(names = "--training-seed", paramLabel = "SEED", description = "Seed of both trainings.")
    Long trainingSeed;

    @Option(names = "--wire-ohms", paramLabel = "OHMS", description = "Wire resistance per cell in the IR-drop view.")
    Double wireOhms;

    @Option(names = "--residuals", paramLabel = "CSV,...", split = ",",
            description = "Fit residuals from kirchhoff fit to plot as fit vs data (default: the PROFILE-*-residuals.csv"
                    + " beside a profile file).")
    List<String> residuals;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for training and trials (results do not depend on it; default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = spec.commandLine();
        ReportConfig settings = settings(cl);
        PrintWriter err = cl.getErr();
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kirchhoff-report-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Report.Result r = Report.run(settings, out, bar::update, cancelled::get);
            bar.finish();
            PrintWriter o = cl.getOut();
            o.printf(Locale.ROOT, "report written to %s (%s)%n", out.resolve("index.html"),
                    String.join(", ", r.charts().stream().map(Report.Chart::file).toList()));
            o.flush();
            return 0;
        } catch (CancellationException e) {
            bar.finish();
            err.println("kirchhoff report: stopped; no report written, " + out + " left as it was");
            err.flush();
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and returns once finished is counted down
            }
        }
    }

    private ReportConfig settings(CommandLine cl) throws IOException {
        ReportConfig base = quick ? ReportConfig.quick() : ReportConfig.defaults();
        if (config != null) {
            base = ReportConfigs.read(config, base);
        }
        double[] k = scales != null ? scales : base.variabilityScales();
        double[] t = driftTimes != null ? driftTimes : base.driftTimesSeconds();
        if (k.length == 0) {
            throw new CommandLine.ParameterException(cl, "--variability-scales must list at least one value");
        }
        if (t.length == 0) {
            throw new CommandLine.ParameterException(cl, "--drift-times must list at least one value");
        }
        double chartTime = variabilityChartTime != null ? variabilityChartTime
                : contains(t, base.variabilityChartTimeSeconds()) ? base.variabilityChartTimeSeconds() : largest(t, Double.MAX_VALUE);
        double chartScale = driftChartScale != null ? driftChartScale
                : contains(k, base.driftChartScale()) ? base.driftChartScale() : closestAtMostOne(k);
        try {
            return new ReportConfig(profile != null ? profile : base.profile(), layers != null ? layers : base.layers(),
                    epochs != null ? epochs : base.epochs(), trainingSeed != null ? trainingSeed : base.trainingSeed(), k, t,
                    seeds != null ? seeds : base.seeds(), baseSeed != null ? baseSeed : base.baseSeed(), chartTime,
                    chartScale, wireOhms != null ? wireOhms : base.wireSegmentOhms(),
                    threads != null ? threads : base.threads(), residuals != null ? residuals : base.residuals());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option(e.getMessage()));
        }
    }

    /** The option a configuration field is set by, in a validation message. */
    private static String option(String message) {
        String[][] names = {{"variabilityScales", "--variability-scales"}, {"driftTimesSeconds", "--drift-times"},
            {"variabilityChartTimeSeconds", "--variability-chart-time"}, {"driftChartScale", "--drift-chart-scale"},
            {"seeds", "--seeds"}, {"layers", "--layers"}, {"epochs", "--epochs"}, {"wireSegmentOhms", "--wire-ohms"},
            {"threads", "--threads"}, {"profile", "--profile"}};
        for (String[] n : names) {
            if (message.startsWith(n[0])) {
                return n[1] + message.substring(n[0].length());
            }
        }
        return message;
    }

    private static boolean contains(double[] values, double v) {
        return Arrays.stream(values).anyMatch(x -> x == v);
    }

    private static double largest(double[] values, double cap) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v <= cap) {
                best = Math.max(best, v);
            }
        }
        return best;
    }

    private static double closestAtMostOne(double[] values) {
        double best = largest(values, 1);
        return best == Double.NEGATIVE_INFINITY ? Arrays.stream(values).min().getAsDouble() : best;
    }
}
