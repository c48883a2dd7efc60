package dev.kirchhoff.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How the {@link Trainer} trains: an immutable, validated record, stored in model files (its JSON
 * field names are the component names).
 *
 * @param epochs       passes over the training set, ≥ 1
 * @param batchSize    samples per mini-batch B, ≥ 1 (default 32); the gradient is the mean over the batch
 * @param optimizer    {@link OptimizerKind#SGD} (with {@code momentum}) or {@link OptimizerKind#ADAM}
 *                     (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸; {@code momentum} is not used)
 * @param learningRate peak step size η, positive and finite
 * @param schedule     how the step size varies over the run: {@link Schedule#CONSTANT} or
 *                     {@link Schedule#COSINE}
 * @param momentum     SGD momentum μ in [0, 1)
 * @param weightDecay  L2 weight decay λ ≥ 0, added to the gradient by either optimizer
 * @param seed         fixes every random draw of a run (see {@link Trainer}); with
 *                     {@link #initRandom()} also the initial weights
 * @param threads      threads that compute a mini-batch, ≥ 1; the results do not depend on it
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate,
        Schedule schedule, double momentum, double weightDecay, long seed, int threads) {
    /** Default mini-batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** The optimizers a configuration can name; JSON values {@code "sgd"}, {@code "adam"}. */
    public enum OptimizerKind {
        /** {@link Sgd}: momentum SGD. */
        SGD("sgd"),
        /** {@link Adam}. */
        ADAM("adam");

        private final String label;

        OptimizerKind(String label) {
            this.label = label;
        }

        /** The JSON and command-line name. */
        @JsonValue
        public String label() {
            return label;
        }

        /** The kind named {@code label} ({@code "sgd"} or {@code "adam"}). */
        @JsonCreator
        public static OptimizerKind of(String label) {
            for (OptimizerKind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("optimizer must be one of sgd, adam, got " + label);
        }
    }

    /** Step-size schedules; JSON values {@code "constant"}, {@code "cosine"}. */
    public enum Schedule {
        /** η at every step. */
        CONSTANT("constant"),
        /**
         * Cosine annealing without restarts (Loshchilov &amp; Hutter, "SGDR", ICLR 2017,
         * arXiv:1608.03983, eq. 5 with one period): step s of S (0-based) uses
         * {@code η·(1 + cos(π·s/S))/2}, from η down to nearly 0 at the last step.
         */
        COSINE("cosine");

        private final String label;

        Schedule(String label) {
            this.label = label;
        }

        /** The JSON and command-line name. */
        @JsonValue
        public String label() {
            return label;
        }

        /** The schedule named {@code label} ({@code "constant"} or {@code "cosine"}). */
        @JsonCreator
        public static Schedule of(String label) {
            for (Schedule k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("schedule must be one of constant, cosine, got " + label);
        }

        /**
         * The step size of step {@code step} of {@code steps}.
         *
         * @param peak  η
         * @param step  0-based step index, in [0, steps)
         * @param steps number of steps of the run, ≥ 1
         */
        public double rate(double peak, long step, long steps) {
            return switch (this) {
                case CONSTANT -> peak;
                case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * step / steps));
            };
        }
    }

    public TrainingConfig {
        Checks.positive("epochs", epochs);
        Checks.positive("batchSize", batchSize);
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be one of sgd, adam, got null");
        }
        Checks.positive("learningRate", learningRate);
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must be one of constant, cosine, got null");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.positive("threads", threads);
    }

    /**
     * The floating-point baseline: 15 epochs of SGD with momentum 0.9, η = 0.05 annealed by the
     * cosine schedule, mini-batches of 32, no weight decay, seed 1, on every available core.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(15, DEFAULT_BATCH_SIZE, OptimizerKind.SGD, 0.05, Schedule.COSINE, 0.9, 0, 1,
                Runtime.getRuntime().availableProcessors());
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int v) {
        return new TrainingConfig(v, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, seed, threads);
    }

    /** A copy with another mini-batch size. */
    public TrainingConfig withBatchSize(int v) {
        return new TrainingConfig(epochs, v, optimizer, learningRate, schedule, momentum, weightDecay, seed, threads);
    }

    /** A copy with another optimizer. */
    public TrainingConfig withOptimizer(OptimizerKind v) {
        return new TrainingConfig(epochs, batchSize, v, learningRate, schedule, momentum, weightDecay, seed, threads);
    }

    /** A copy with another learning rate. */
    public TrainingConfig withLearningRate(double v) {
        return new TrainingConfig(epochs, batchSize, optimizer, v, schedule, momentum, weightDecay, seed, threads);
    }

    /** A copy with another step-size schedule. */
    public TrainingConfig withSchedule(Schedule v) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, v, momentum, weightDecay, seed, threads);
    }

    /** A copy with another SGD momentum. */
    public TrainingConfig withMomentum(double v) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, v, weightDecay, seed, threads);
    }

    /** A copy with another weight decay. */
    public TrainingConfig withWeightDecay(double v) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, momentum, v, seed, threads);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long v) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, v, threads);
    }

    /** A copy with another thread count. */
    public TrainingConfig withThreads(int v) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, momentum, weightDecay, seed, v);
    }

    /** A fresh optimizer of this kind for {@code model}'s parameters ({@link Optimizer#parameters(Mlp)}). */
    public Optimizer newOptimizer(Mlp model) {
        int[] lengths = Optimizer.parameterLengths(model);
        return switch (optimizer) {
            case SGD -> new Sgd(lengths, momentum, weightDecay);
            case ADAM -> new Adam(lengths, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, weightDecay);
        };
    }

    /**
     * The seed's stream for initial weights ({@code new Mlp(sizes, config.initRandom())}): stream 0
     * of the seed, see {@link Trainer}. A fresh provider on every call.
     */
    public UniformRandomProvider initRandom() {
        return ReseedableStream.of(seed, Trainer.STREAM_INIT);
    }
}
