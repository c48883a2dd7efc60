package dev.kirchhoff.training.hwa;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.WeightConstraint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Accuracy of a trained network on analog hardware over Monte Carlo trials: for every variability
 * scale k ({@link InferenceDeviceModel#withVariabilityScale}) and every seed, the network is
 * programmed once ({@link ProgrammedNetwork}) and read at every drift time, with global drift
 * compensation; each read is one row of accuracy on the test set, measured by a
 * {@link ReadEvaluator} (the forward pass through the tiles' periphery for rate-based networks).
 *
 * <p>Seeds. Trial seed {@code s = baseSeed + i}, i = 0 … seeds − 1, is written in every row. The
 * programming draws come from a generator seeded with {@code (s, 1)} alone, so all scales of one
 * seed share their standard-normal draws (common random numbers: the curves over k are smooth,
 * and k = 0 is exactly the mean-drift network); the reads at drift time index m from
 * {@code (s, 2, m)}; the evaluator's own noise from s.
 * A row depends only on its own (scale, seed, time), never on which other rows are computed or on
 * the thread count.
 */
public final class AccuracySweep {
    private static final long STREAM_PROGRAM = 1;
    private static final long STREAM_READ = 2;

    private AccuracySweep() {
    }

    /** One trial's result, the columns of {@code kirchhoff evaluate}'s CSV. */
    public record Row(String model, String profile, double variabilityScale, double driftTimeSeconds, long seed,
            double accuracy) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What to sweep and how to read.
     *
     * @param variabilityScales k values, each ≥ 0, at least one
     * @param driftTimesSeconds inference times (s), each ≥ 0, at least one
     * @param seeds             trials per (k, t), ≥ 1
     * @param baseSeed          seed of the first trial
     * @param columnwise        one digital scale per column
     * @param compensateDrift   apply global drift compensation
     * @param irDropWireOhms    resistance of each wire segment of the 256 × 256 tiles (Ω), ≥ 0; 0 reads
     *                          with ideal wires, more reads the effective weights of the exact circuit
     *                          ({@link IrDropTiles})
     */
    public record Settings(double[] variabilityScales, double[] driftTimesSeconds, int seeds, long baseSeed,
            boolean columnwise, boolean compensateDrift, double irDropWireOhms) implements Serializable {
        private static final long serialVersionUID = 2L;

        public Settings {
            requireValues("variabilityScales", variabilityScales);
            requireValues("driftTimesSeconds", driftTimesSeconds);
            Checks.positive("seeds", seeds);
            Checks.nonNegative("irDropWireOhms", irDropWireOhms);
            variabilityScales = variabilityScales.clone();
            driftTimesSeconds = driftTimesSeconds.clone();
        }

        private static void requireValues(String name, double[] values) {
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException(name + " must hold at least one value, got none");
            }
            for (int i = 0; i < values.length; i++) {
                Checks.nonNegative(name + "[" + i + "]", values[i]);
            }
        }

        /** Settings with ideal wires. */
        public Settings(double[] variabilityScales, double[] driftTimesSeconds, int seeds, long baseSeed,
                boolean columnwise, boolean compensateDrift) {
            this(variabilityScales, driftTimesSeconds, seeds, baseSeed, columnwise, compensateDrift, 0);
        }

        @Override
        public double[] variabilityScales() {
            return variabilityScales.clone();
        }

        @Override
        public double[] driftTimesSeconds() {
            return driftTimesSeconds.clone();
        }

        /** Number of rows the sweep produces. */
        public int trials() {
            return variabilityScales.length * driftTimesSeconds.length * seeds;
        }
    }

    /** Accuracy of one read of a programmed network on the test set. */
    @FunctionalInterface
    public interface ReadEvaluator {
        /**
         * @param chip the programmed network
         * @param read its read at one time
         * @param seed the trial's seed (for the evaluation's own noise)
         * @return accuracy in [0, 1]
         */
        double accuracy(ProgrammedNetwork chip, ProgrammedNetwork.Read read, long seed);
    }

    /**
     * The evaluator of a rate-based (ReLU) network: the forward pass through the read weights and
     * the periphery ({@link ProgrammedNetwork#hardware}), the periphery's noise drawn from the
     * evaluation stream of a trainer seeded with the trial's seed.
     *
     * @param model     the network (its biases are used)
     * @param test      the test images
     * @param periphery the tiles' converters and noises
     * @param threads   threads of the forward pass (results do not depend on it)
     */
    public static ReadEvaluator forwardPass(Mlp model, ImageSet test, TilePeriphery periphery, int threads) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(periphery, "periphery");
        return (chip, read, seed) -> {
            TrainingConfig config = TrainingConfig.defaults().withSeed(seed).withThreads(threads);
            return new Trainer(config, chip.hardware(read, periphery), WeightConstraint.NONE).evaluate(model, test);
        };
    }

    /** Called after every trial with the trials done and the total. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * One Monte Carlo trial: the network programmed once at one variability scale with one seed,
     * then read at every drift time. Trials are independent of each other: they may run in any
     * order, on any thread or machine, and give the same rows.
     *
     * @param index            position in {@link #trials} (rows are reported in this order)
     * @param variabilityScale k
     * @param seed             the trial's seed
     */
    public record Trial(int index, double variabilityScale, long seed) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The sweep's trials in row order: scale, then seed. */
    public static List<Trial> trials(Settings settings) {
        List<Trial> out = new ArrayList<>(settings.variabilityScales().length * settings.seeds());
        for (double scale : settings.variabilityScales()) {
            for (int i = 0; i < settings.seeds(); i++) {
                out.add(new Trial(out.size(), scale, settings.baseSeed() + i));
            }
        }
        return out;
    }

    /**
     * Runs one trial: programs the network at the trial's scale and reads it at every drift time.
     *
     * @param modelName   the model's name in the rows
     * @param model       the trained network, not modified
     * @param profileName the profile's name in the rows
     * @param device      the devices at variability scale 1
     * @param settings    drift times, mapping and compensation
     * @param evaluator   the accuracy of one read
     * @param trial       which trial
     * @return one row per drift time, in the order of the settings' times
     */
    public static List<Row> runTrial(String modelName, Mlp model, String profileName, InferenceDeviceModel device,
            Settings settings, ReadEvaluator evaluator, Trial trial) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(evaluator, "evaluator");
        double[] times = settings.driftTimesSeconds();
        long seed = trial.seed();
        ProgrammedNetwork chip = new ProgrammedNetwork(model, device.withVariabilityScale(trial.variabilityScale()),
                settings.columnwise(), settings.irDropWireOhms() > 0 ? IrDropTiles.of(settings.irDropWireOhms()) : null);
        chip.program(RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, STREAM_PROGRAM}));
        List<Row> rows = new ArrayList<>(times.length);
        for (int m = 0; m < times.length; m++) {
            UniformRandomProvider readRng = RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, STREAM_READ, m});
            ProgrammedNetwork.Read read = chip.readAt(times[m], settings.compensateDrift(), readRng);
            rows.add(new Row(modelName, profileName, trial.variabilityScale(), times[m], seed,
                    evaluator.accuracy(chip, read, seed)));
        }
        return rows;
    }

    /** Mean and sample standard deviation of the accuracy of the rows at one (scale, time). */
    public record Summary(double variabilityScale, double driftTimeSeconds, int trials, double mean, double std) {
    }

    /** The rows grouped by (scale, time), in first-appearance order. */
    public static List<Summary> summarize(List<Row> rows) {
        List<Summary> out = new ArrayList<>();
        List<double[]> keys = new ArrayList<>();
        for (Row r : rows) {
            boolean seen = false;
            for (double[] k : keys) {
                seen |= k[0] == r.variabilityScale() && k[1] == r.driftTimeSeconds();
            }
            if (seen) {
                continue;
            }
            keys.add(new double[] {r.variabilityScale(), r.driftTimeSeconds()});
            int n = 0;
            double sum = 0;
            double sumSq = 0;
            for (Row q : rows) {
                if (q.variabilityScale() == r.variabilityScale() && q.driftTimeSeconds() == r.driftTimeSeconds()) {
                    n++;
                    sum += q.accuracy();
                    sumSq += q.accuracy() * q.accuracy();
                }
            }
            double mean = sum / n;
            double std = n > 1 ? Math.sqrt(Math.max(sumSq - n * mean * mean, 0) / (n - 1)) : 0;
            out.add(new Summary(r.variabilityScale(), r.driftTimeSeconds(), n, mean, std));
        }
        return out;
    }
}
