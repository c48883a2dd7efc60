package dev.kirchhoff.report;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.plots.Band;
import dev.kirchhoff.plots.ChartFiles;
import dev.kirchhoff.plots.NamedSample;
import dev.kirchhoff.plots.ReportCharts;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.hwa.HardwareAware;
import dev.kirchhoff.training.hwa.ProgrammedNetwork;
import dev.kirchhoff.training.pipeline.AccuracyCsv;
import dev.kirchhoff.training.pipeline.LocalSweepEngine;
import dev.kirchhoff.training.pipeline.ModelTraining;
import dev.kirchhoff.training.pipeline.SweepEngine;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jfree.chart.JFreeChart;

/**
 * {@code kirchhoff report}: the end-to-end accuracy report. On the bundled MNIST-10k split it
 * trains a floating-point and a noise-in-the-loop network ({@link ModelTraining}), programs both
 * onto the profile's devices and sweeps variability scale and drift time over Monte Carlo seeds
 * ({@link SweepJob}, trials in parallel), then adds the device and chip views (pulse or
 * programming response, conductances before and after drift, the IR drop of one tile, energy per
 * inference) and writes a folder a person reads: {@code index.html}, every chart as PNG and SVG,
 * the data behind every chart as CSV, the two models, the profile and the configuration that
 * reruns it. The folder appears whole or not at all ({@link ReportFolder}).
 *
 * <p>Seeds. Training uses {@link ReportConfig#trainingSeed()} (both networks); trial i of the sweep
 * uses {@code baseSeed + i}, each trial drawing only from its own generators
 * ({@link AccuracySweep#runTrial}); the device views use generators seeded from {@code baseSeed}
 * and a fixed stream number each. Two runs of one configuration give the same CSV files, on any
 * number of threads.
 */
public final class Report {
    /** Chart size in pixels. */
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Bins of the conductance histograms. */
    static final int BINS = 60;
    /** Test images of the chip's energy run. */
    static final int ENERGY_IMAGES = 200;
    private static final long STREAM_PULSES = 11;
    private static final long STREAM_CHIP = 12;
    private static final long STREAM_ENERGY = 13;

    private Report() {
    }

    /** Told how far the report is, for a progress bar. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param stage    what is being done, e.g. "training fp, epoch 3/15"
         * @param fraction the share of the whole report done, in [0, 1]
         */
        void progress(String stage, double fraction);
    }

    /** One chart of the report: its file stem, title, caption, the chart and the CSV behind it. */
    public record Chart(String file, String title, String caption, JFreeChart chart, String csv) {
    }

    /** Mean ± std of one model at one (scale, time): a row of the report's table. */
    public record TableRow(String model, AccuracySweep.Summary summary) {
    }

    /**
     * What a report found.
     *
     * @param config         what was run
     * @param profile        the devices
     * @param fpDigital      the floating-point network's test accuracy in software
     * @param hwaDigital     the noise-in-the-loop network's test accuracy in software
     * @param rows           every trial's accuracy, fp first, as in {@code accuracy.csv}
     * @param table          mean ± std per model, scale and time, as in {@code accuracy-summary.csv}
     * @param charts         the charts, in the order of the page
     * @param energy         the chip's energy and latency per inference
     * @param irDrop         the IR-drop map of one tile
     * @param stageSeconds   wall time of training, sweep and views (s)
     */
    public record Result(ReportConfig config, NoiseProfile profile, double fpDigital, double hwaDigital,
            List<AccuracySweep.Row> rows, List<TableRow> table, List<Chart> charts, ChipEnergy.Result energy,
            DeviceViews.IrMap irDrop, double[] stageSeconds) {
    }

    /**
     * Runs the report and writes it to {@code out}.
     *
     * @param config    what to run
     * @param out       the report folder (replaced whole when the report is complete)
     * @param listener  told the progress
     * @param cancelled polled often; when it turns true the run stops, deletes its temporary
     *                  folder and throws {@link CancellationException}, leaving {@code out} as it was
     * @throws IOException              when the folder cannot be written or a profile or residual
     *                                  file cannot be read
     * @throws IllegalArgumentException for an unknown profile, a malformed profile or residuals
     *                                  file, or layer sizes that do not fit the data
     */
    public static Result run(ReportConfig config, Path out, Listener listener, BooleanSupplier cancelled)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancelled, "cancelled");
        NoiseProfile profile = Presets.resolve(config.profile());
        List<FitResiduals> residuals = residuals(config);
        Mnist.Split data = Mnist.split();
        ModelTraining.checkSizes(config.layers(), data);
        Path temp = ReportFolder.prepare(out);
        boolean done = false;
        try {
            Result result = build(config, profile, residuals, data, temp, listener, cancelled);
            ReportFolder.commit(temp, out);
            done = true;
            listener.progress("done", 1);
            return result;
        } finally {
            if (!done) {
                ReportFolder.delete(temp);
            }
        }
    }

    private static List<FitResiduals> residuals(ReportConfig config) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String r : config.residuals()) {
            files.add(Path.of(r));
        }
        Path profileFile = Path.of(config.profile());
        if (config.residuals().isEmpty() && !Presets.NAMES.contains(config.profile()) && Files.isRegularFile(profileFile)) {
            files.addAll(FitResiduals.besideProfile(profileFile));
        }
        List<FitResiduals> out = new ArrayList<>();
        for (Path f : files) {
            out.add(FitResiduals.read(f));
        }
        return out;
    }

    private static Result build(ReportConfig config, NoiseProfile profile, List<FitResiduals> residuals,
            Mnist.Split data, Path dir, Listener listener, BooleanSupplier cancelled) throws IOException {
        double[] stageSeconds = new double[3];
        long t0 = System.nanoTime();
        int[] sizes = config.layers();
        TrainingConfig training = TrainingConfig.defaults().withEpochs(config.epochs()).withSeed(config.trainingSeed())
                .withThreads(config.threads());
        ModelTraining.Result fp = train(ModelHeader.Mode.FP, "fp", sizes, null, training, data, 0, 0.1, listener,
                cancelled);
        ModelTraining.Result hwa = train(ModelHeader.Mode.HWA, "hwa", sizes, profile, training, data, 0.1, 0.25, listener,
                cancelled);
        byte[] fpBytes = ModelFile.toBytes(fp.header(), fp.network());
        byte[] hwaBytes = ModelFile.toBytes(hwa.header(), hwa.network());
        Files.write(dir.resolve("fp.khm"), fpBytes);
        Files.write(dir.resolve("hwa.khm"), hwaBytes);
        long t1 = System.nanoTime();
        stageSeconds[0] = (t1 - t0) * 1e-9;

        AccuracySweep.Settings settings = new AccuracySweep.Settings(config.variabilityScales(),
                config.driftTimesSeconds(), config.seeds(), config.baseSeed(), HardwareAware.COLUMNWISE, true);
        SweepEngine engine = new LocalSweepEngine(config.threads());
        int trials = 2 * settings.variabilityScales().length * settings.seeds();
        int half = trials / 2;
        List<AccuracySweep.Row> rows = new ArrayList<>();
        rows.addAll(engine.run(new SweepJob("fp", fpBytes, profile, settings), (d, t) -> listener.progress(
                "sweep: trial " + d + "/" + trials, 0.25 + 0.65 * d / trials), cancelled));
        rows.addAll(engine.run(new SweepJob("hwa", hwaBytes, profile, settings), (d, t) -> listener.progress(
                "sweep: trial " + (half + d) + "/" + trials, 0.25 + 0.65 * (half + d) / trials), cancelled));
        long t2 = System.nanoTime();
        stageSeconds[1] = (t2 - t1) * 1e-9;

        List<TableRow> table = new ArrayList<>();
        for (String model : List.of("fp", "hwa")) {
            List<AccuracySweep.Row> mine = rows.stream().filter(r -> r.model().equals(model)).toList();
            for (AccuracySweep.Summary s : AccuracySweep.summarize(mine)) {
                table.add(new TableRow(model, s));
            }
        }
        write(dir.resolve("accuracy.csv"), w -> AccuracyCsv.write(w, rows));
        write(dir.resolve("accuracy-summary.csv"), w -> writeTable(w, table));

        List<Chart> charts = new ArrayList<>();
        String what = profile.name() + ", " + config.seeds() + " seeds, mean ± 1σ";
        charts.add(variabilityChart(dir, config, table, what));
        charts.add(driftChart(dir, config, table, what));
        check(cancelled);
        listener.progress("device views", 0.92);
        InferenceDeviceModel device = profile.inferenceModel();
        charts.add(deviceChart(dir, profile, device, config.baseSeed()));
        ProgrammedNetwork chip = new ProgrammedNetwork(hwa.network(), device, HardwareAware.COLUMNWISE);
        chip.program(RandomSource.XO_SHI_RO_256_PP.create(new long[] {config.baseSeed(), STREAM_CHIP}));
        double[] times = config.driftTimesSeconds();
        double last = times[times.length - 1];
        for (double t : times) {
            last = Math.max(last, t);
        }
        charts.add(histogramChart(dir, chip, hwa.network().weights(0), last, config.baseSeed()));
        check(cancelled);
        listener.progress("IR drop", 0.95);
        DeviceViews.IrMap ir = DeviceViews.irDropMap(chip, hwa.network().inputs(0), hwa.network().outputs(0),
                config.wireSegmentOhms(), 0.2);
        charts.add(irChart(dir, ir, config.wireSegmentOhms()));
        check(cancelled);
        listener.progress("energy", 0.97);
        HardwareDescription hardware = HardwareDescriptions.defaultDescription();
        ChipEnergy.Result energy = ChipEnergy.run(hwa.network(), profile.conductanceRange(), hardware, data.test(),
                ENERGY_IMAGES, RandomSource.XO_SHI_RO_256_PP.create(new long[] {config.baseSeed(), STREAM_ENERGY}));
        charts.add(energyChart(dir, energy, hardware));
        for (FitResiduals r : residuals) {
            charts.add(fitChart(dir, r));
        }
        stageSeconds[2] = (System.nanoTime() - t2) * 1e-9;

        Files.writeString(dir.resolve("config.json"), ReportConfigs.toJson(config), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("profile.json"), NoiseProfiles.toJson(profile), StandardCharsets.UTF_8);
        Result result = new Result(config, profile, fp.testAccuracy(), hwa.testAccuracy(), List.copyOf(rows),
                List.copyOf(table), List.copyOf(charts), energy, ir, stageSeconds);
        listener.progress("writing index.html", 0.99);
        Files.writeString(dir.resolve("index.html"), HtmlReport.render(result), StandardCharsets.UTF_8);
        return result;
    }

    private static ModelTraining.Result train(ModelHeader.Mode mode, String name, int[] sizes, NoiseProfile profile,
            TrainingConfig training, Mnist.Split data, double from, double to, Listener listener,
            BooleanSupplier cancelled) {
        int epochs = training.epochs();
        listener.progress("training " + name + ", epoch 1/" + epochs, from);
        ModelTraining.Result r = ModelTraining.train(mode, sizes, profile, training, data, (Trainer.EpochReport e) ->
                listener.progress("training " + name + ", epoch " + Math.min(e.epoch() + 1, epochs) + "/" + epochs,
                        from + (to - from) * e.epoch() / epochs), cancelled);
        if (r.cancelled()) {
            throw new CancellationException("the report was cancelled while training " + name);
        }
        return r;
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the report was cancelled");
        }
    }

    /** Writes a text file through a buffered UTF-8 writer. */
    @FunctionalInterface
    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            body.write(w);
        }
    }

    static final String TABLE_HEADER = "model,variability_scale,drift_time_s,trials,accuracy_mean,accuracy_std";

    private static void writeTable(Writer w, List<TableRow> table) throws IOException {
        w.write(TABLE_HEADER + "\n");
        for (TableRow r : table) {
            AccuracySweep.Summary s = r.summary();
            w.write(r.model() + "," + AccuracyCsv.number(s.variabilityScale()) + ","
                    + AccuracyCsv.number(s.driftTimeSeconds()) + "," + s.trials() + "," + s.mean() + "," + s.std() + "\n");
        }
    }

    private static Band band(String name, List<TableRow> table, String model, boolean byScale, double fixed) {
        List<AccuracySweep.Summary> points = new ArrayList<>();
        for (TableRow r : table) {
            AccuracySweep.Summary s = r.summary();
            if (r.model().equals(model) && (byScale ? s.driftTimeSeconds() == fixed : s.variabilityScale() == fixed)) {
                points.add(s);
            }
        }
        points.sort((a, b) -> Double.compare(byScale ? a.variabilityScale() : a.driftTimeSeconds(),
                byScale ? b.variabilityScale() : b.driftTimeSeconds()));
        double[] x = new double[points.size()];
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            AccuracySweep.Summary s = points.get(i);
            x[i] = byScale ? s.variabilityScale() : s.driftTimeSeconds();
            mean[i] = s.mean();
            std[i] = s.std();
        }
        return new Band(name, x, mean, std);
    }

    static final String FP_NAME = "floating point";
    static final String HWA_NAME = "noise in the loop";

    private static Chart variabilityChart(Path dir, ReportConfig config, List<TableRow> table, String what)
            throws IOException {
        double t = config.variabilityChartTimeSeconds();
        List<Band> series = List.of(band(FP_NAME, table, "fp", true, t), band(HWA_NAME, table, "hwa", true, t));
        JFreeChart chart = ReportCharts.accuracyVersusVariability(what + ", read after " + HtmlReport.duration(t)
                + " with drift compensation", series);
        write(dir.resolve("accuracy-vs-variability.csv"), w -> writeBands(w, "variability_scale", series));
        return save(dir, "accuracy-vs-variability", "Test accuracy vs device variability",
                "MNIST-10k test accuracy of both networks programmed onto the devices, against the scale k of the"
                        + " profile's variability (programming noise, read noise and the spread of drift exponents;"
                        + " k = 1 is the profile as measured), read " + HtmlReport.duration(t)
                        + " after programming. Band: ±1 standard deviation over the seeds.",
                chart, "accuracy-vs-variability.csv");
    }

    private static Chart driftChart(Path dir, ReportConfig config, List<TableRow> table, String what)
            throws IOException {
        double k = config.driftChartScale();
        List<Band> series = List.of(band(FP_NAME, table, "fp", false, k), band(HWA_NAME, table, "hwa", false, k));
        JFreeChart chart = ReportCharts.accuracyVersusDrift(what + ", variability scale k = "
                + AccuracyCsv.number(k) + ", global drift compensation", series);
        write(dir.resolve("accuracy-vs-drift.csv"), w -> writeBands(w, "drift_time_s", series));
        return save(dir, "accuracy-vs-drift", "Test accuracy vs time since programming",
                "Test accuracy against the time between programming and reading (log scale), at variability scale k = "
                        + AccuracyCsv.number(k) + ", with global drift compensation (each layer's output rescaled"
                        + " by the ratio of its response to an all-ones input then and now). Band: ±1σ over seeds.",
                chart, "accuracy-vs-drift.csv");
    }

    private static void writeBands(Writer w, String xName, List<Band> series) throws IOException {
        w.write("series," + xName + ",accuracy_mean,accuracy_std\n");
        for (Band b : series) {
            for (int i = 0; i < b.x().length; i++) {
                w.write(b.name() + "," + AccuracyCsv.number(b.x()[i]) + "," + b.mean()[i] + "," + b.std()[i] + "\n");
            }
        }
    }

    private static Chart deviceChart(Path dir, NoiseProfile profile, InferenceDeviceModel device, long seed)
            throws IOException {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, STREAM_PULSES});
        if (profile.pulsedUpdate() != null) {
            PulseResponse r = DeviceViews.pulseResponse(profile.pulsedUpdate(), rng);
            double[][] traces = new double[r.devices()][r.cycles() * r.pulsesPerCycle()];
            for (int d = 0; d < r.devices(); d++) {
                for (int c = 0; c < r.cycles(); c++) {
                    for (int p = 0; p < r.pulsesPerCycle(); p++) {
                        traces[d][c * r.pulsesPerCycle() + p] = r.conductanceSiemens()[r.index(d, c, p)];
                    }
                }
            }
            write(dir.resolve("pulse-response.csv"), r::writeCsv);
            JFreeChart chart = ReportCharts.pulseResponse(profile.name() + ": " + r.devices() + " devices, "
                    + r.pulsesPerDirection() + " potentiation then " + r.pulsesPerDirection() + " depression pulses per cycle",
                    r.pulsesPerDirection(), traces);
            return save(dir, "pulse-response", "Device pulse response",
                    "Conductance of " + r.devices() + " devices read after every pulse of " + r.cycles()
                            + " potentiation/depression cycles of the profile's pulsed-update model, device-to-device"
                            + " and cycle-to-cycle spreads and write noise included (the CSV is the format"
                            + " kirchhoff fit pulse-response reads).",
                    chart, "pulse-response.csv");
        }
        double[][] rows = DeviceViews.programmingResponse(device, rng);
        double[] target = new double[rows.length];
        double[] mean = new double[rows.length];
        double[] std = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            target[i] = rows[i][0];
            mean[i] = rows[i][1];
            std[i] = rows[i][2];
        }
        write(dir.resolve("programming-response.csv"), w -> {
            w.write("target_siemens,mean_siemens,std_siemens,devices\n");
            for (double[] r : rows) {
                w.write(r[0] + "," + r[1] + "," + r[2] + "," + DeviceViews.PROGRAMMING_DEVICES + "\n");
            }
        });
        JFreeChart chart = ReportCharts.programmingResponse(profile.name() + ": " + DeviceViews.PROGRAMMING_DEVICES
                + " devices per target, mean ± 1σ", target, mean, std);
        return save(dir, "programming-response", "Programming response",
                "The profile has no pulsed-update model, so its devices are shown as they program: "
                        + DeviceViews.PROGRAMMING_DEVICES + " devices written to each of "
                        + DeviceViews.PROGRAMMING_LEVELS + " target conductances, the programmed conductance"
                        + " (before drift) against the target, with the profile's programming noise.",
                chart, "programming-response.csv");
    }

    private static Chart histogramChart(Path dir, ProgrammedNetwork chip, float[] weights, double t, long seed)
            throws IOException {
        double[] allBefore = chip.conductancesSiemens(0, Double.NaN, null);
        double[] allAfter = chip.conductancesSiemens(0, t,
                RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, STREAM_CHIP, 1}));
        int n = weights.length;
        double[] before = new double[n];
        double[] after = new double[n];
        for (int e = 0; e < n; e++) {
            int device = weights[e] >= 0 ? e : n + e;
            before[e] = allBefore[device];
            after[e] = allAfter[device];
        }
        String afterName = "after " + HtmlReport.duration(t);
        List<NamedSample> samples = List.of(new NamedSample("programmed", before), new NamedSample(afterName, after));
        JFreeChart chart = ReportCharts.conductanceHistograms("layer 1 of the noise-in-the-loop network: the device"
                + " that holds each of its " + n + " weights", samples, BINS);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (NamedSample s : samples) {
            for (double v : s.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        long[][] counts = new long[2][BINS];
        double width = hi > lo ? (hi - lo) / BINS : 1;
        for (int s = 0; s < 2; s++) {
            for (double v : samples.get(s).values()) {
                counts[s][Math.min((int) ((v - lo) / width), BINS - 1)]++;
            }
        }
        final double low = lo;
        write(dir.resolve("conductance-histograms.csv"), w -> {
            w.write("bin_lower_siemens,bin_upper_siemens,count_programmed,count_after_" + AccuracyCsv.number(t) + "_s\n");
            for (int b = 0; b < BINS; b++) {
                w.write((low + b * width) + "," + (low + (b + 1) * width) + "," + counts[0][b] + "," + counts[1][b] + "\n");
            }
        });
        return save(dir, "conductance-histograms", "Conductance before and after drift",
                "The device that holds each weight of the first layer (G⁺ for a positive weight, G⁻ for a negative"
                        + " one; its partner is programmed to 0 S) as programmed, with programming noise, and as read "
                        + HtmlReport.duration(t) + " later (drift with its device-to-device spread, and read noise)."
                        + " Small weights sit at the bottom of the window.",
                chart, "conductance-histograms.csv");
    }

    private static Chart irChart(Path dir, DeviceViews.IrMap ir, double ohms) throws IOException {
        JFreeChart chart = ReportCharts.irDropMap(String.format(Locale.ROOT,
                "first tile of layer 1, %d × %d cells, %s Ω per wire segment, every row at 0.2 V; worst cell %.2f%%",
                ir.rows(), ir.cols(), AccuracyCsv.number(ohms), ir.max()), ir.rows(), ir.cols(), ir.values(),
                "Voltage lost across the wires (% of V_read)");
        write(dir.resolve("ir-drop-map.csv"), w -> {
            w.write("row,column,voltage_loss_percent\n");
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < ir.rows(); i++) {
                for (int j = 0; j < ir.cols(); j++) {
                    line.setLength(0);
                    line.append(i).append(',').append(j).append(',').append(ir.values()[i * ir.cols() + j]).append('\n');
                    w.append(line);
                }
            }
        });
        return save(dir, "ir-drop-map", "IR drop across one tile",
                "The exact circuit of one 256-row tile holding the noise-in-the-loop network's first layer (inputs on"
                        + " the rows, driven at column 0; G⁺/G⁻ of each output on neighbouring columns, sensed at the"
                        + " last row): the share of the read voltage that the wires take from each cell, with every"
                        + " row driven. Cells far from the drivers and sense amplifiers see less voltage, so their"
                        + " currents, and the weights they carry, read low.",
                chart, "ir-drop-map.csv");
    }

    private static Chart energyChart(Path dir, ChipEnergy.Result e, HardwareDescription hw) throws IOException {
        String[] names = new String[e.components().length];
        for (int c = 0; c < names.length; c++) {
            names[c] = HtmlReport.componentName(e.components()[c]);
        }
        JFreeChart chart = ReportCharts.energyBreakdown(String.format(Locale.ROOT,
                "noise-in-the-loop network on %d tiles of %d × %d, %d test images; %.3g nJ and %.3g µs per inference",
                e.tiles(), hw.tile().rows(), hw.tile().columns(), e.images(), e.totalJoules() * 1e9,
                e.latencySeconds() * 1e6), names, e.joules());
        write(dir.resolve("energy.csv"), w -> {
            w.write("component,events_per_inference,energy_joules_per_inference\n");
            for (int c = 0; c < names.length; c++) {
                w.write(e.components()[c].name().toLowerCase(Locale.ROOT) + "," + e.counts()[c] + "," + e.joules()[c]
                        + "\n");
            }
        });
        return save(dir, "energy", "Energy per inference by component",
                "The network mapped onto tiles of the hardware description (" + hw.name() + "), each image read"
                        + " layer after layer: cell reads from the actual voltages and conductances (Σ V²·G·t), DAC and"
                        + " ADC conversions and digital partial-sum additions at the description's per-event energies."
                        + " Routing and neurons are not used by a rate-based network.",
                chart, "energy.csv");
    }

    private static Chart fitChart(Path dir, FitResiduals r) throws IOException {
        boolean siemens = r.unit().equals("siemens");
        double scale = siemens ? 1e6 : 1;
        double[] m = r.measured().clone();
        double[] f = r.fitted().clone();
        for (int i = 0; i < m.length; i++) {
            m[i] *= scale;
            f[i] *= scale;
        }
        String file = "fit-" + r.name().replaceAll("[^A-Za-z0-9._-]", "_");
        JFreeChart chart = ReportCharts.fitVersusData(r.name() + ", " + m.length + " points", siemens ? "µS" : r.unit(),
                m, f);
        write(dir.resolve(file + ".csv"), w -> {
            w.write("measured_" + r.unit() + ",fitted_" + r.unit() + "\n");
            for (int i = 0; i < m.length; i++) {
                w.write(r.measured()[i] + "," + r.fitted()[i] + "\n");
            }
        });
        return save(dir, file, "Fit vs data: " + r.name(),
                "The fitted model's value against the measured one for every point of the fit's residuals file; points"
                        + " on the diagonal are fitted exactly.",
                chart, file + ".csv");
    }

    private static Chart save(Path dir, String file, String title, String caption, JFreeChart chart, String csv)
            throws IOException {
        ChartFiles.writePngAndSvg(chart, dir, file, WIDTH, HEIGHT);
        return new Chart(file, title, caption, chart, csv);
    }
}
