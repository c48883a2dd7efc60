package dev.kirchhoff.training.analog;

import dev.kirchhoff.datasets.ImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Analog in-situ training of an {@link AnalogMlp} on an image set: mini-batch analog SGD in which
 * every weight update is applied as stochastic pulse trains to the devices (Gokmen &amp; Vlasov,
 * Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333; aihwkit's {@code AnalogSGD}, Rasch et
 * al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494), so the devices' nonlinearity, asymmetry
 * and noise shape what the network learns.
 *
 * <p>An epoch visits the training images once in a fresh random order (Fisher–Yates), in batches
 * of B (the last one shorter when B does not divide the set), each a step of
 * {@link AnalogMlp#trainBatch} with the epoch's rate {@code η·decay^e}; inputs are pixel/255 in
 * [0, 1]. After each epoch the test set is classified (forward reads with the periphery's noise,
 * arg-max of the logits) and an {@link EpochReport} goes to the listener. Cancellation is polled
 * before every batch; a cancelled epoch is not reported.
 *
 * <p>Randomness: everything derives from {@link AnalogSgdConfig#seed()} through five independent
 * XoShiRo256++ streams (Blackman &amp; Vigna, doi:10.1145/3460772), seeded {@code (seed, k, φ, ψ)}
 * for k = 1 devices, 2 initial weights, 3 shuffles, 4 training (periphery noise, pulse trains,
 * device noise) and 5 evaluation. No step depends on the thread count (the tiles' parallel reads
 * are bit-reproducible and every update runs on the calling thread), so a seed gives the same
 * accuracies to the last digit on one thread or many.
 */
public final class AnalogSgdTrainer {
    private static final int DEVICES = 1;
    private static final int INIT = 2;
    private static final int SHUFFLE = 3;
    private static final int TRAIN = 4;
    private static final int EVAL = 5;
    /** Rows per forward call when classifying a set (speed only: each row has its own noise stream). */
    private static final int EVAL_BATCH = 250;

    private final AnalogSgdConfig config;
    private final AnalogMlp network;
    private final UniformRandomProvider shuffleRng;
    private final UniformRandomProvider trainRng;
    private final UniformRandomProvider evalRng;
    private int epochsDone;

    /** A trainer with a freshly drawn and initialised network. */
    public AnalogSgdTrainer(AnalogSgdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        long seed = config.seed();
        this.network = AnalogMlp.create(config, stream(seed, DEVICES), stream(seed, INIT));
        this.shuffleRng = stream(seed, SHUFFLE);
        this.trainRng = stream(seed, TRAIN);
        this.evalRng = stream(seed, EVAL);
    }

    private static UniformRandomProvider stream(long seed, int purpose) {
        return RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, purpose, 0x9E3779B97F4A7C15L, 0xD1B54A32D192ED03L});
    }

    /** The settings. */
    public AnalogSgdConfig config() {
        return config;
    }

    /** The network being trained (its weights and biases, e.g. to save them). */
    public AnalogMlp network() {
        return network;
    }

    /** Epochs finished so far, over all calls of {@link #train}. */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Trains for {@link AnalogSgdConfig#epochs()} more epochs (continuing the schedule and the
     * random streams of earlier calls).
     *
     * @param train     training images: pixelsPerImage = the network's inputs, classes ≤ its outputs, not empty
     * @param test      images classified after each epoch, same shape rules; may be null
     * @param listener  told after each epoch; may be null
     * @param cancelled polled before each batch; training stops when it returns true; may be null
     */
    public TrainingHistory train(ImageSet train, ImageSet test, EpochListener listener, BooleanSupplier cancelled) {
        checkSet("train", train);
        if (train.size() == 0) {
            throw new IllegalArgumentException("train must hold at least one image, got 0");
        }
        if (test != null) {
            checkSet("test", test);
        }
        int n = train.size();
        int inputs = network.inputs();
        int batchSize = config.batchSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] x = new double[Math.min(batchSize, n) * inputs];
        double[] image = new double[inputs];
        int[] labels = new int[Math.min(batchSize, n)];
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 0; e < config.epochs(); e++) {
            int epoch = epochsDone;
            double lr = config.learningRate(epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = shuffleRng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long start = System.nanoTime();
            double loss = 0;
            long correct = 0;
            for (int from = 0; from < n; from += batchSize) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    return new TrainingHistory(reports, true);
                }
                int b = Math.min(batchSize, n - from);
                for (int k = 0; k < b; k++) {
                    int idx = order[from + k];
                    train.image(idx, image);
                    System.arraycopy(image, 0, x, k * inputs, inputs);
                    labels[k] = train.label(idx);
                }
                AnalogMlp.BatchResult r = network.trainBatch(x, labels, b, lr, trainRng);
                loss += r.lossSum();
                correct += r.correct();
            }
            double seconds = (System.nanoTime() - start) * 1e-9;
            double testAccuracy = test == null ? Double.NaN : accuracy(network, test, evalRng);
            epochsDone++;
            EpochReport report = new EpochReport(epochsDone, lr, loss / n, (double) correct / n, testAccuracy, seconds);
            reports.add(report);
            if (listener != null) {
                listener.epochDone(report);
            }
        }
        return new TrainingHistory(reports, false);
    }

    /** Accuracy of the network on {@code set}, with this trainer's evaluation stream. */
    public double accuracy(ImageSet set) {
        checkSet("set", set);
        return accuracy(network, set, evalRng);
    }

    /**
     * Fraction of {@code set} that the network classifies right: arg-max of its logits (the
     * first on ties), read in batches of 250 through the tiles' noisy periphery.
     *
     * @param network the network (its tiles are read, not changed)
     * @param set     pixelsPerImage = the network's inputs; pixels are scaled to [0, 1]
     * @param rng     source of the periphery's noise (advanced)
     * @return hits/size, or NaN for an empty set
     */
    public static double accuracy(AnalogMlp network, ImageSet set, UniformRandomProvider rng) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(set, "set");
        int inputs = network.inputs();
        if (set.pixelsPerImage() != inputs) {
            throw new IllegalArgumentException("set.pixelsPerImage must be the network's inputs " + inputs + ", got "
                    + set.pixelsPerImage());
        }
        int n = set.size();
        if (n == 0) {
            return Double.NaN;
        }
        int classes = network.outputs();
        int batch = Math.min(EVAL_BATCH, n);
        double[] x = new double[batch * inputs];
        double[] image = new double[inputs];
        double[] logits = new double[batch * classes];
        long hits = 0;
        for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            for (int k = 0; k < b; k++) {
                set.image(from + k, image);
                System.arraycopy(image, 0, x, k * inputs, inputs);
            }
            network.logits(x, b, logits, rng);
            for (int k = 0; k < b; k++) {
                int best = 0;
                for (int j = 1; j < classes; j++) {
                    if (logits[k * classes + j] > logits[k * classes + best]) {
                        best = j;
                    }
                }
                if (best == set.label(from + k)) {
                    hits++;
                }
            }
        }
        return (double) hits / n;
    }

    private void checkSet(String name, ImageSet set) {
        Objects.requireNonNull(set, name);
        if (set.pixelsPerImage() != network.inputs()) {
            throw new IllegalArgumentException(name + ".pixelsPerImage must be the network's inputs "
                    + network.inputs() + ", got " + set.pixelsPerImage());
        }
        if (set.classes() > network.outputs()) {
            throw new IllegalArgumentException(name + ".classes must be at most the network's outputs "
                    + network.outputs() + ", got " + set.classes());
        }
    }
}
