package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final int[] SIZES = {784, 32, 10};
    private static ImageSet train;
    private static ImageSet test;

    /** Noise drawn from the streams the trainer hands out: W̃ = W + U(−0.01, 0.01), ỹ = y + U(−0.05, 0.05). */
    private static final LayerHardware NOISY = new LayerHardware() {
        @Override
        public void forwardWeights(int layer, float[] w, float[] wForward, UniformRandomProvider rng) {
            for (int k = 0; k < w.length; k++) {
                wForward[k] = w[k] + (float) (0.02 * rng.nextDouble() - 0.01);
            }
        }

        @Override
        public void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
                UniformRandomProvider rng) {
            for (int k = 0; k < batch * width; k++) {
                y[k] += (float) (0.1 * rng.nextDouble() - 0.05);
            }
        }
    };

    @BeforeAll
    static void data() {
        Mnist.Split split = Mnist.split();
        train = first(split.train(), 512);
        test = first(split.test(), 256);
    }

    private static ImageSet first(ImageSet set, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return set.subset(idx);
    }

    private record Run(Mlp model, Trainer.Result result, double accuracy) {
    }

    private static Run run(TrainingConfig config, LayerHardware hw, ImageSet data) {
        Mlp model = new Mlp(SIZES, config.initRandom());
        Trainer trainer = new Trainer(config, hw, WeightConstraint.NONE);
        Trainer.Result result = trainer.train(model, data);
        return new Run(model, result, trainer.evaluate(model, test));
    }

    private static void assertSameRun(Run a, Run b) {
        for (int l = 0; l < a.model.layers(); l++) {
            assertArrayEquals(a.model.weights(l), b.model.weights(l), "weights of layer " + l);
            assertArrayEquals(a.model.biases(l), b.model.biases(l), "biases of layer " + l);
        }
        assertEquals(a.result.epochs().size(), b.result.epochs().size());
        for (int e = 0; e < a.result.epochs().size(); e++) {
            assertEquals(a.result.epochs().get(e).loss(), b.result.epochs().get(e).loss(), "loss, bitwise");
            assertEquals(a.result.epochs().get(e).trainAccuracy(), b.result.epochs().get(e).trainAccuracy());
        }
        assertEquals(a.accuracy, b.accuracy, "test accuracy, bitwise");
    }

    /**
     * The sub-batch cut (16 samples) and the order of the gradient sums depend on the batch size
     * only, so one thread and two must produce bitwise the same weights (Arrays.equals on floats).
     */
    @Test
    void aSeedGivesBitwiseTheSameWeightsOnOneThreadOrTwo() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withSeed(42);
        Run one = run(config.withThreads(1), LayerHardware.IDENTITY, train);
        Run two = run(config.withThreads(2), LayerHardware.IDENTITY, train);
        assertSameRun(one, two);
        assertTrue(one.accuracy > 0.5, "one epoch on 512 images learns something: " + one.accuracy);
    }

    /**
     * Random hooks draw from the batch's and the sub-batches' streams, which are seeded in a fixed
     * order before the threads start; batches of 40 (sub-batches 16, 16, 8) over 500 images (a
     * last batch of 20) and three threads exercise ragged cuts and an uneven share of the work.
     */
    @Test
    void noisyHooksAndRaggedBatchesAreDeterministicToo() {
        ImageSet data = first(train, 500);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(40).withSeed(5)
                .withOptimizer(TrainingConfig.OptimizerKind.ADAM).withLearningRate(1e-3);
        Run one = run(config.withThreads(1), NOISY, data);
        Run three = run(config.withThreads(3), NOISY, data);
        assertSameRun(one, three);
        Run other = run(config.withThreads(1).withSeed(6), NOISY, data);
        assertFalse(one.model.sameParameters(other.model), "another seed gives other weights");
    }

    @Test
    void progressIsReportedPerEpochAndCancellationStopsBetweenBatches() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withThreads(2);
        Mlp model = new Mlp(SIZES, config.initRandom());
        Mlp initial = model.copy();
        List<Trainer.EpochReport> seen = new ArrayList<>();
        Trainer.Result full = new Trainer(config).train(model, train, seen::add, () -> false);
        assertEquals(2, seen.size());
        assertEquals(seen, full.epochs());
        assertFalse(full.cancelled());
        assertEquals(1, seen.get(0).epoch());
        assertTrue(seen.get(1).loss() < seen.get(0).loss(), "the loss falls: " + seen);
        assertTrue(seen.get(0).seconds() > 0);

        Mlp stopped = initial.copy();
        AtomicInteger asked = new AtomicInteger();
        Trainer.Result cut = new Trainer(config).train(stopped, train, seen::add, () -> asked.incrementAndGet() > 3);
        assertTrue(cut.cancelled());
        assertTrue(cut.epochs().isEmpty());
        assertEquals(4, asked.get(), "asked before each of the 3 batches run and the 4th, refused");
        assertFalse(stopped.sameParameters(initial), "three batches were applied");
    }

    @Test
    void aNonFiniteLossStopsTheRunWithAClearMessage() {
        LayerHardware broken = new LayerHardware() {
            @Override
            public void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
                    UniformRandomProvider rng) {
                y[0] = Float.NaN;
            }
        };
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withThreads(1);
        Mlp model = new Mlp(SIZES, config.initRandom());
        Mlp initial = model.copy();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Trainer(config, broken, WeightConstraint.NONE).train(model, train));
        assertEquals("the loss became NaN in epoch 1 at sample 0: the learning rate (0.05) is too high, or a hardware"
                + " hook produced non-finite values", e.getMessage());
        assertTrue(model.sameParameters(initial), "the failing batch was not applied");
    }

    @Test
    void theConstraintFollowsEveryStep() {
        // clipping to ±0.02 after every step: no weight may end outside, and the He-uniform start
        // (bound √(6/784) = 0.087) guarantees some were clipped
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withThreads(2);
        Mlp model = new Mlp(SIZES, config.initRandom());
        AtomicInteger calls = new AtomicInteger();
        WeightConstraint clip = (layer, w, b) -> {
            calls.incrementAndGet();
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.max(-0.02f, Math.min(0.02f, w[k]));
            }
        };
        new Trainer(config, LayerHardware.IDENTITY, clip).train(model, train);
        assertEquals(2 * 512 / 32, calls.get(), "once per layer per step: 2 layers, 16 batches");
        for (int l = 0; l < model.layers(); l++) {
            for (float w : model.weights(l)) {
                assertTrue(Math.abs(w) <= 0.02f, "weight " + w);
            }
        }
    }

    @Test
    void dataMustFitTheNetwork() {
        Trainer trainer = new Trainer(TrainingConfig.defaults());
        Mlp wrongInputs = new Mlp(new int[] {100, 10}, TrainingConfig.defaults().initRandom());
        assertEquals("the network's inputs must equal the pixels per image, 784, got Mlp[100-10, 1010 parameters]",
                assertThrows(IllegalArgumentException.class, () -> trainer.train(wrongInputs, train)).getMessage());
        Mlp tooFewOutputs = new Mlp(new int[] {784, 5}, TrainingConfig.defaults().initRandom());
        assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(tooFewOutputs, test));
    }

    @Test
    void configurationsAreValidated() {
        TrainingConfig d = TrainingConfig.defaults();
        assertEquals(32, d.batchSize());
        assertEquals("epochs must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.withEpochs(0)).getMessage());
        assertEquals("batchSize must be positive, got -1",
                assertThrows(IllegalArgumentException.class, () -> d.withBatchSize(-1)).getMessage());
        assertEquals("learningRate must be positive and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(Double.NaN)).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> d.withMomentum(1)).getMessage());
        assertEquals("threads must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.withThreads(0)).getMessage());
        assertEquals("optimizer must be one of sgd, adam, got null",
                assertThrows(IllegalArgumentException.class, () -> d.withOptimizer(null)).getMessage());
        assertEquals("optimizer must be one of sgd, adam, got rmsprop",
                assertThrows(IllegalArgumentException.class, () -> TrainingConfig.OptimizerKind.of("rmsprop")).getMessage());
        // cosine: η at step 0, η/2 half-way, η·(1 + cos(π·3/4))/2 = 0.1464·η three quarters in
        assertEquals(0.1, TrainingConfig.Schedule.COSINE.rate(0.1, 0, 100), 1e-15);
        assertEquals(0.05, TrainingConfig.Schedule.COSINE.rate(0.1, 50, 100), 1e-15);
        assertEquals(0.1 * (1 - Math.sqrt(0.5)) / 2, TrainingConfig.Schedule.COSINE.rate(0.1, 75, 100), 1e-15);
        assertEquals(0.1, TrainingConfig.Schedule.CONSTANT.rate(0.1, 75, 100));
    }
}
