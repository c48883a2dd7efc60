package dev.kirchhoff.spark;

import dev.kirchhoff.profiles.JsonFiles;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.AccuracyCsv;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main class for {@code spark-submit}: the sweep of {@code kirchhoff evaluate} (same options,
 * same defaults, same CSV) with the trials run by {@link SparkSweepEngine} on the cluster. The
 * model file and the profile are read, and the CSV written (atomically), on the driver.
 *
 * <pre>
 * spark-submit --class dev.kirchhoff.spark.SparkSweep sweeps-spark/target/kirchhoff-sweeps-spark.jar \
 *     --model hwa.khm --profile pcm-nandakumar-2019 --seeds 100 --out accuracy.csv
 * </pre>
 *
 * Exit status: 0 done; 2 bad input (one line on stderr naming the option or file); 1 the sweep
 * failed.
 */
@Command(name = "spark-sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Evaluate a model on analog hardware over variability, drift time and seeds, on Apache Spark.",
            "The same sweep and CSV as kirchhoff evaluate, one Spark task per slice of trials:",
            "  model,profile,variability_scale,drift_time_s,seed,accuracy",
            "with one row per trial; a mean ± std summary per (scale, time) goes to stdout."})
public final class SparkSweep implements Callable<Integer> {
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

    @Option(names = "--slices", paramLabel = "N",
            description = "Spark partitions of the trials (results do not depend on it; default: the default parallelism).")
    Integer slices;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, for runs outside spark-submit (e.g. local[4]); spark-submit sets it otherwise.")
    String master;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "The CSV to write (on the driver).")
    Path out;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new SparkSweep());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("spark-sweep: " + oneLine(ex.getMessage()) + " (see spark-sweep --help)");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (e instanceof NoSuchFileException f) {
                err.println("spark-sweep: " + f.getFile() + ": no such file");
                return 2;
            }
            if (e instanceof AccessDeniedException f) {
                err.println("spark-sweep: " + f.getFile() + ": permission denied");
                return 2;
            }
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                err.println("spark-sweep: " + oneLine(e.getMessage()));
                return 2;
            }
            err.println("spark-sweep: the sweep failed: " + oneLine(String.valueOf(e)));
            return 1;
        });
        return cmd.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (seeds < 1) {
            throw new CommandLine.ParameterException(cl, "--seeds must be at least 1, got " + seeds);
        }
        if (slices != null && slices < 1) {
            throw new CommandLine.ParameterException(cl, "--slices must be at least 1, got " + slices);
        }
        checkValues(cl, "--drift-times", driftTimes);
        checkValues(cl, "--variability-scales", scales);
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(out + ": the folder does not exist");
        }
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder, expected a file name");
        }
        SparkConf conf = new SparkConf().setAppName("kirchhoff-sweep " + model.getFileName());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new CommandLine.ParameterException(cl, "no Spark master: run it with spark-submit, or give --master");
        }
        byte[] modelBytes = Files.readAllBytes(model);
        ModelFile.fromBytes(modelBytes, model.toString());
        NoiseProfile p = Presets.resolve(profile);
        AccuracySweep.Settings settings = new AccuracySweep.Settings(scales, driftTimes, seeds, baseSeed, columnwise,
                !noCompensation);
        SweepJob job = new SweepJob(model.getFileName().toString(), modelBytes, p, settings);

        PrintWriter err = cl.getErr();
        List<AccuracySweep.Row> rows;
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            SparkSweepEngine engine = slices == null ? new SparkSweepEngine(jsc) : new SparkSweepEngine(jsc, slices);
            long start = System.nanoTime();
            rows = engine.run(job, (done, total) -> {
                err.printf(Locale.ROOT, "spark-sweep: trials %d/%d (%.1f s)%n", done, total, (System.nanoTime() - start) * 1e-9);
                err.flush();
            }, () -> false);
        } finally {
            spark.stop();
        }
        StringWriter csv = new StringWriter();
        AccuracyCsv.write(csv, rows);
        JsonFiles.writeAtomically(out, csv.toString());
        PrintWriter o = cl.getOut();
        for (AccuracySweep.Summary s : AccuracySweep.summarize(rows)) {
            o.printf(Locale.ROOT, "variability_scale=%s drift_time_s=%s accuracy_mean=%.4f accuracy_std=%.4f trials=%d%n",
                    AccuracyCsv.number(s.variabilityScale()), AccuracyCsv.number(s.driftTimeSeconds()), s.mean(), s.std(),
                    s.trials());
        }
        o.flush();
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

    static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
