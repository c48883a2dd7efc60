package dev.kirchhoff.training;

import dev.kirchhoff.datasets.ImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Trains an {@link Mlp} on an {@link ImageSet} (pixels/255 as inputs, labels as classes) by
 * mini-batch gradient descent on the mean softmax cross-entropy ({@link SoftmaxCrossEntropy}),
 * with the {@link Optimizer} the {@link TrainingConfig} names, and evaluates its accuracy. The
 * forward pass goes through a {@link LayerHardware} ({@link LayerHardware#IDENTITY} for floating
 * point) and every optimizer step is followed by a {@link WeightConstraint}.
 *
 * <p>Threads. A call runs on a {@link Gang} of {@code min(threads, ⌈B/16⌉)} threads: the calling
 * thread and daemon workers started for the call and stopped at its end. Each parallel phase
 * below is a set of items that the threads claim as they come, so a worker the machine has put to
 * sleep delays nothing; no result depends on which thread runs an item.
 *
 * <p>One mini-batch of B samples, step s of S ({@code S = epochs·⌈N/B⌉}):
 * <ol>
 *   <li>on the calling thread, the batch's stream is seeded from the run's hardware stream and
 *       {@link ForwardWeights#draw} calls the hook for the forward weights W̃_l, layer by layer;
 *       each sub-batch's stream is then seeded from the batch's stream, in sub-batch order;</li>
 *   <li>in parallel, W̃ is copied into rows and transposed, in 2·threads parts of rows
 *       ({@link ForwardWeights#arrange});</li>
 *   <li>in parallel, the sub-batches: the batch is cut into ⌈B/{@value #CHUNK}⌉ sub-batches of
 *       {@value #CHUNK} samples (the last may be shorter), a cut that depends only on B, never on
 *       the thread count; each runs with the {@link Workspace} of the thread that claimed it and
 *       its own stream and {@link Gradients} buffer: forward, loss with gradient scale 1/B,
 *       backward;</li>
 *   <li>losses and correct counts are summed in sub-batch order; then, in parallel over
 *       2·threads parts of every layer's rows, the sub-batch gradients of those rows are summed
 *       in sub-batch order ({@code ((g₀ + g₁) + g₂) + …}) and the optimizer updates the same
 *       elements of the clean weights with {@code η_s = schedule.rate(η, s, S)} (the update is
 *       elementwise, so the split cannot change it);</li>
 *   <li>on the calling thread, the constraint for each layer.</li>
 * </ol>
 * Every floating-point operation thus happens in an order fixed by the seed and B alone, so a
 * seed gives bitwise the same weights, losses and accuracies on one thread or many (Java's float
 * arithmetic is strict, and the vectorised loops are elementwise).
 *
 * <p>Streams. Stream k of the seed is xoshiro256++ seeded with words 4k … 4k+3 of SplitMix64
 * started at the seed: stream 0 initialises weights ({@link TrainingConfig#initRandom()}),
 * stream 1 shuffles, stream 2 feeds the hardware in training, stream 3 in evaluation. Each
 * {@link #train} call starts them afresh, so two calls with the same arguments do the same.
 * Epoch e visits the training set in the order of a Fisher–Yates shuffle (Knuth, TAOCP vol. 2,
 * Algorithm 3.4.2 P) of {@code 0 … N−1} drawn from stream 1, in batches of B (the last one
 * shorter if B does not divide N).
 *
 * <p>Cost. The training set is converted once per call to floats ({@code 4·N·n_0} bytes; 25 MB
 * for 8,000 MNIST images); each sub-batch buffer holds one gradient (0.94 MB for
 * 784-256-128-10), so a batch of B needs ⌈B/16⌉ of them, plus three copies of the weights
 * ({@link ForwardWeights}) and the optimizer's state. Nothing is allocated per batch. Measured
 * epoch times are in docs/training.md.
 */
public final class Trainer {
    /** Samples per sub-batch, the unit of work and of gradient summation. */
    public static final int CHUNK = 16;
    static final int STREAM_INIT = 0;
    static final int STREAM_SHUFFLE = 1;
    static final int STREAM_HARDWARE = 2;
    static final int STREAM_EVALUATE = 3;

    private final TrainingConfig config;
    private final LayerHardware hardware;
    private final WeightConstraint constraint;

    /**
     * What one epoch did.
     *
     * @param epoch         1 for the first epoch
     * @param loss          mean cross-entropy over the epoch's samples, each computed in its batch's
     *                      forward pass (so with the weights as they were during the epoch)
     * @param trainAccuracy fraction of the epoch's samples classified correctly in those forward passes
     * @param seconds       wall-clock time of the epoch
     */
    public record EpochReport(int epoch, double loss, double trainAccuracy, double seconds) {
    }

    /**
     * What a {@link #train} call did.
     *
     * @param epochs    the completed epochs, in order
     * @param cancelled whether the run stopped early because the cancellation check said so; the
     *                  weights are then those after the last completed batch
     */
    public record Result(List<EpochReport> epochs, boolean cancelled) {
        public Result {
            epochs = List.copyOf(epochs);
        }
    }

    /** A floating-point trainer: {@link LayerHardware#IDENTITY}, {@link WeightConstraint#NONE}. */
    public Trainer(TrainingConfig config) {
        this(config, LayerHardware.IDENTITY, WeightConstraint.NONE);
    }

    /**
     * @param config     epochs, batches, optimizer, seed, threads
     * @param hardware   the forward-pass hooks used in training and evaluation
     * @param constraint applied after every optimizer step
     */
    public Trainer(TrainingConfig config, LayerHardware hardware, WeightConstraint constraint) {
        this.config = Objects.requireNonNull(config, "config");
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.constraint = Objects.requireNonNull(constraint, "constraint");
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** {@link #train(Mlp, ImageSet, Consumer, BooleanSupplier)} without progress reports or cancellation. */
    public Result train(Mlp model, ImageSet train) {
        return train(model, train, r -> {
        }, () -> false);
    }

    /**
     * Trains {@code model} in place for {@code config().epochs()} epochs, with a fresh optimizer.
     *
     * @param model     modified: its weights and biases; {@code n_0} must equal the images' pixel
     *                  count and {@code n_L} be at least the number of classes
     * @param train     the training images, not empty
     * @param onEpoch   called on the calling thread after each epoch
     * @param cancelled asked before every mini-batch; true stops the run there
     * @throws IllegalStateException if the loss becomes NaN or infinite (a learning rate too high
     *                               for the network, or hooks that produce non-finite values); the
     *                               weights are then those before the failing batch
     */
    public Result train(Mlp model, ImageSet train, Consumer<EpochReport> onEpoch, BooleanSupplier cancelled) {
        Objects.requireNonNull(onEpoch, "onEpoch");
        Objects.requireNonNull(cancelled, "cancelled");
        checkData(model, train);
        int n = train.size();
        int batchSize = config.batchSize();
        UniformRandomProvider shuffle = ReseedableStream.of(config.seed(), STREAM_SHUFFLE);
        UniformRandomProvider hw = ReseedableStream.of(config.seed(), STREAM_HARDWARE);
        List<EpochReport> reports = new ArrayList<>();
        int[] order = new int[n];
        long steps = (long) config.epochs() * ((n + batchSize - 1) / batchSize);
        long step = 0;
        try (Pass pass = new Pass(model, train, config.newOptimizer(model))) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                shuffle(order, shuffle);
                double loss = 0;
                long correct = 0;
                for (int start = 0; start < n; start += batchSize) {
                    if (cancelled.getAsBoolean()) {
                        return new Result(reports, true);
                    }
                    pass.compute(order, start, Math.min(n, start + batchSize), hw);
                    if (!Double.isFinite(pass.loss)) {
                        throw new IllegalStateException("the loss became " + pass.loss + " in epoch " + epoch
                                + " at sample " + start + ": the learning rate (" + config.learningRate()
                                + ") is too high, or a hardware hook produced non-finite values");
                    }
                    loss += pass.loss;
                    correct += pass.correct;
                    pass.step(config.schedule().rate(config.learningRate(), step++, steps));
                    for (int l = 0; l < model.layers(); l++) {
                        constraint.apply(l, model.weights(l), model.biases(l));
                    }
                }
                EpochReport report = new EpochReport(epoch, loss / n, (double) correct / n,
                        (System.nanoTime() - t0) * 1e-9);
                reports.add(report);
                onEpoch.accept(report);
            }
        }
        return new Result(reports, false);
    }

    /**
     * Fraction of {@code set} that {@code model} classifies correctly (argmax of the logits, the
     * first on ties), in [0, 1]. The forward pass goes through the hardware hooks with stream 3
     * of the seed, in batches of {@code batchSize} (forward weights drawn once per batch), so it
     * is repeatable and the same on any number of threads.
     *
     * @param model not modified
     * @param set   the images, not empty
     */
    public double evaluate(Mlp model, ImageSet set) {
        checkData(model, set);
        int n = set.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        UniformRandomProvider hw = ReseedableStream.of(config.seed(), STREAM_EVALUATE);
        long correct = 0;
        try (Pass pass = new Pass(model, set, null)) {
            for (int start = 0; start < n; start += config.batchSize()) {
                pass.compute(order, start, Math.min(n, start + config.batchSize()), hw);
                correct += pass.correct;
            }
        }
        return (double) correct / n;
    }

    private static void checkData(Mlp model, ImageSet set) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(set, "set");
        if (set.size() == 0) {
            throw new IllegalArgumentException("the image set must not be empty");
        }
        if (set.pixelsPerImage() != model.inputs()) {
            throw new IllegalArgumentException("the network's inputs must equal the pixels per image, "
                    + set.pixelsPerImage() + ", got " + model);
        }
        if (set.classes() > model.outputs()) {
            throw new IllegalArgumentException("the network's outputs must be at least the number of classes, "
                    + set.classes() + ", got " + model);
        }
    }

    /** Fisher–Yates: for k = N−1 … 1, swap a[k] with a[j], j uniform in [0, k]. */
    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[j];
            a[j] = tmp;
        }
    }

    /** A sub-batch's gradient buffer, stream and results. */
    private static final class Chunk {
        final Gradients gradients;
        final ReseedableStream stream = new ReseedableStream();
        double loss;
        int correct;

        Chunk(int[] sizes, boolean learn) {
            gradients = learn ? new Gradients(sizes) : null;
        }
    }

    /** A thread's scratch: its workspace and the rows, labels and logits of its current sub-batch. */
    private static final class Lane {
        final Workspace workspace;
        final float[] x;
        final int[] labels = new int[CHUNK];
        final float[] logits;
        final float[] dLogits;

        Lane(int[] sizes) {
            workspace = new Workspace(sizes, CHUNK);
            x = new float[CHUNK * sizes[0]];
            logits = new float[CHUNK * sizes[sizes.length - 1]];
            dLogits = new float[logits.length];
        }
    }

    /**
     * The machinery of one train or evaluate call: data as floats, buffers, threads. A mini-batch
     * is {@link #compute} then, when training, {@link #step}; each runs its parallel phases on the
     * gang, one {@link Gang#run} per phase.
     */
    private final class Pass implements AutoCloseable {
        private static final int ARRANGE = 0;
        private static final int CHUNKS = 1;
        private static final int STEP = 2;

        final Mlp model;
        final int width;
        final int classes;
        final float[] inputs;
        final int[] labels;
        /** Null when evaluating. */
        final Optimizer optimizer;
        final ForwardWeights weights;
        final Chunk[] chunks;
        final Lane[] lanes;
        final Gang gang;
        final ReseedableStream batchStream = new ReseedableStream();
        final Gang.Work work = this::work;
        /** Items of the row-split phases: more than the threads, so that a late worker leaves less to the others. */
        final int parts;
        /** The summed gradient of the batch, flat, in optimizer order (null when evaluating). */
        final float[][] gradients;

        int phase;
        int[] order;
        int start;
        int end;
        int chunkCount;
        /** Summed loss and correct count of the last {@link #compute}. */
        double loss;
        long correct;

        Pass(Mlp model, ImageSet set, Optimizer optimizer) {
            this.model = model;
            this.optimizer = optimizer;
            boolean learn = optimizer != null;
            int[] sizes = model.sizes();
            width = sizes[0];
            classes = model.outputs();
            int n = set.size();
            inputs = new float[Math.multiplyExact(n, width)];
            labels = new int[n];
            double[] image = new double[width];
            for (int i = 0; i < n; i++) {
                set.image(i, image);
                for (int k = 0; k < width; k++) {
                    inputs[i * width + k] = (float) image[k];
                }
                labels[i] = set.label(i);
            }
            weights = new ForwardWeights(model);
            int maxChunks = (Math.min(config.batchSize(), n) + CHUNK - 1) / CHUNK;
            chunks = new Chunk[maxChunks];
            for (int k = 0; k < maxChunks; k++) {
                chunks[k] = new Chunk(sizes, learn);
            }
            int threads = Math.min(config.threads(), maxChunks);
            lanes = new Lane[threads];
            for (int t = 0; t < threads; t++) {
                lanes[t] = new Lane(sizes);
            }
            if (learn) {
                int[] lengths = Optimizer.parameterLengths(model);
                gradients = new float[lengths.length][];
                for (int k = 0; k < lengths.length; k++) {
                    gradients[k] = new float[lengths[k]];
                }
            } else {
                gradients = null;
            }
            gang = new Gang(threads, "kirchhoff-train");
            parts = 2 * threads;
        }

        /**
         * Forward (and, when training, backward) pass of samples {@code order[start, end)} as one
         * mini-batch; the batch's stream is seeded from {@code parent}. Sets {@link #loss} and
         * {@link #correct}.
         */
        void compute(int[] order, int start, int end, UniformRandomProvider parent) {
            batchStream.reseed(parent);
            weights.draw(hardware, batchStream);
            this.order = order;
            this.start = start;
            this.end = end;
            chunkCount = (end - start + CHUNK - 1) / CHUNK;
            for (int k = 0; k < chunkCount; k++) {
                chunks[k].stream.reseed(batchStream);
            }
            phase = ARRANGE;
            gang.run(parts, work);
            phase = CHUNKS;
            gang.run(chunkCount, work);
            loss = 0;
            correct = 0;
            for (int k = 0; k < chunkCount; k++) {
                loss += chunks[k].loss;
                correct += chunks[k].correct;
            }
        }

        /** Sums the sub-batch gradients of the last {@link #compute} and takes one optimizer step. */
        void step(double learningRate) {
            optimizer.beginStep(learningRate);
            phase = STEP;
            gang.run(parts, work);
        }

        /** Item {@code item} of the current phase, run by gang member {@code member}. */
        private void work(int item, int member) {
            switch (phase) {
                case ARRANGE -> weights.arrange(item, parts);
                case CHUNKS -> chunk(lanes[member], chunks[item], start + item * CHUNK);
                case STEP -> stepShare(item);
                default -> throw new IllegalStateException("phase " + phase);
            }
        }

        /** Sub-batch {@code order[from, min(end, from + CHUNK))} on one lane. */
        private void chunk(Lane lane, Chunk chunk, int from) {
            int count = Math.min(end, from + CHUNK) - from;
            for (int s = 0; s < count; s++) {
                int i = order[from + s];
                System.arraycopy(inputs, i * width, lane.x, s * width, width);
                lane.labels[s] = labels[i];
            }
            lane.workspace.forward(weights, lane.x, count, lane.logits, hardware, chunk.stream);
            chunk.loss = SoftmaxCrossEntropy.lossAndGradient(lane.logits, lane.labels, count, classes,
                    1.0 / (end - start), lane.dLogits);
            int right = 0;
            for (int s = 0; s < count; s++) {
                if (SoftmaxCrossEntropy.argmax(lane.logits, s * classes, classes) == lane.labels[s]) {
                    right++;
                }
            }
            chunk.correct = right;
            if (optimizer != null) {
                lane.workspace.backward(weights, lane.dLogits, count, chunk.gradients);
            }
        }

        /**
         * Part {@code part} of {@link #parts} of every layer's rows, {@code [m·part/parts,
         * m·(part+1)/parts)}: sums the sub-batch gradients of those rows into sub-batch 0's in
         * sub-batch order, copies the sum into the flat gradient and updates the same elements of
         * the weights and biases.
         */
        private void stepShare(int part) {
            Gradients sum = chunks[0].gradients;
            for (int l = 0; l < model.layers(); l++) {
                int n = model.inputs(l);
                int j0 = ForwardWeights.share(model.outputs(l), part, parts);
                int j1 = ForwardWeights.share(model.outputs(l), part + 1, parts);
                float[][] rows = sum.weights(l);
                float[] bias = sum.biases(l);
                for (int k = 1; k < chunkCount; k++) {
                    float[][] other = chunks[k].gradients.weights(l);
                    for (int j = j0; j < j1; j++) {
                        addInto(rows[j], other[j], 0, n);
                    }
                    addInto(bias, chunks[k].gradients.biases(l), j0, j1);
                }
                for (int j = j0; j < j1; j++) {
                    System.arraycopy(rows[j], 0, gradients[2 * l], j * n, n);
                }
                System.arraycopy(bias, j0, gradients[2 * l + 1], j0, j1 - j0);
                optimizer.update(2 * l, model.weights(l), gradients[2 * l], j0 * n, j1 * n);
                optimizer.update(2 * l + 1, model.biases(l), gradients[2 * l + 1], j0, j1);
            }
        }

        /** {@code to[i] += from[i]} for i in [lo, hi). */
        private static void addInto(float[] to, float[] from, int lo, int hi) {
            for (int i = lo; i < hi; i++) {
                to[i] += from[i];
            }
        }

        @Override
        public void close() {
            gang.close();
        }
    }
}
