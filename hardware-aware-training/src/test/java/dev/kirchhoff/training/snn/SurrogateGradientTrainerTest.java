package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.training.Mlp;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Training, evaluation and its equality with {@link SnnSimulator}, determinism and argument checks. */
class SurrogateGradientTrainerTest {
    /** n images of four classes, 4×4, class c lighting row c (values 0.6–1.0) over background noise (0–0.3). */
    static ImageSet rows(int n, long seed) {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(seed);
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            labels[i] = (byte) c;
            for (int k = 0; k < 16; k++) {
                double v = k / 4 == c ? 0.6 + 0.4 * r.nextDouble() : 0.3 * r.nextDouble();
                pixels[i * 16 + k] = (byte) Math.round(255 * v);
            }
        }
        return new ImageSet(4, 4, 4, pixels, labels);
    }

    /**
     * The rows are linearly separable with a margin, so a 16-12-4 spiking network trained for 30
     * epochs must classify all 80 training images and 40 new ones, and the loss must fall below a
     * fifth of the initial one (ln 4 ≈ 1.39 for a network that does not yet separate the classes).
     */
    @Test
    void learnsASeparableProblem() {
        ImageSet train = rows(80, 5L);
        Mlp model = new Mlp(new int[] {16, 12, 4}, RandomSource.XO_SHI_RO_256_PP.create(6L));
        SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(new SurrogateTrainingConfig(6, 30, 8, 1e-2, 5, 7L));
        double before = trainer.evaluate(model, train).loss();
        List<SurrogateGradientTrainer.EpochReport> epochs = trainer.train(model, train);
        SurrogateGradientTrainer.Evaluation after = trainer.evaluate(model, train);
        assertEquals(30, epochs.size());
        assertTrue(after.loss() < before / 5, "loss " + before + " → " + after.loss());
        assertEquals(1.0, after.accuracy(), 0, "accuracy on the separable rows");
        assertEquals(1.0, trainer.evaluate(model, rows(40, 9L)).accuracy(), 0, "accuracy on new images of the rows");
    }

    /**
     * The trainer's forward pass performs the simulator's additions in the simulator's order, so
     * the predictions agree image by image, not just in accuracy: on a random 12-10-8-5 network
     * with biases near the threshold (many neurons close to it, where a different rounding would
     * flip a spike) at T = 1, 5 and 13, and on the same network after training on those images.
     */
    @Test
    void predictionsAreTheSimulatorsImageByImage() {
        int[] sizes = {12, 10, 8, 5};
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(31L);
        Mlp model = Mlp.of(sizes, TestNetworks.randomWeights(sizes, 0.8, r), TestNetworks.randomBiases(sizes, -0.2, 0.4, r));
        ImageSet images = TestNetworks.randomImages(300, 12, 5, 32L);
        for (int steps : new int[] {1, 5, 13}) {
            SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(new SurrogateTrainingConfig(steps, 3, 16, 3e-3, 5, 1L));
            assertSameAsSimulator(trainer, model, images);
            Mlp trained = model.copy();
            trainer.train(trained, images);
            assertFalse(trained.sameParameters(model));
            assertSameAsSimulator(trainer, trained, images);
        }
    }

    private static void assertSameAsSimulator(SurrogateGradientTrainer trainer, Mlp model, ImageSet images) {
        int steps = trainer.config().steps();
        SurrogateGradientTrainer.Evaluation own = trainer.evaluate(model, images);
        SnnSimulator.Evaluation sim = new SnnSimulator(SurrogateGradientTrainer.toSpiking(model), Readout.MEMBRANE_POTENTIAL)
                .evaluate(images, new int[] {steps}, InputCoding.constantCurrent(), 0L, 1);
        assertArrayEquals(sim.predictions()[0], own.predictions(), "T = " + steps);
        assertEquals(sim.accuracy(0), own.accuracy(), 0);
        long classes = Arrays.stream(own.predictions()).distinct().count();
        assertTrue(classes >= 2, "the predictions must vary for the comparison to mean something, got " + classes);
    }

    /** The same seed gives bitwise the same weights and reports; another seed another visiting order. */
    @Test
    void deterministicForASeed() {
        ImageSet train = rows(40, 11L);
        Mlp a = new Mlp(new int[] {16, 8, 4}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        Mlp b = a.copy();
        Mlp c = a.copy();
        SurrogateTrainingConfig config = new SurrogateTrainingConfig(4, 2, 8, 1e-2, 5, 3L);
        List<SurrogateGradientTrainer.EpochReport> ra = new SurrogateGradientTrainer(config).train(a, train);
        List<SurrogateGradientTrainer.EpochReport> rb = new SurrogateGradientTrainer(config).train(b, train);
        new SurrogateGradientTrainer(new SurrogateTrainingConfig(4, 2, 8, 1e-2, 5, 4L)).train(c, train);
        assertTrue(a.sameParameters(b));
        assertFalse(a.sameParameters(c));
        for (int e = 0; e < ra.size(); e++) {
            assertEquals(ra.get(e).loss(), rb.get(e).loss(), 0);
        }
    }

    /**
     * 784-64-10 at T = 8 on the first 1,000 of the 8,000 MNIST training images for two epochs,
     * tested on the first 500 test images (0.3 s). Measured with these seeds: 79.8 %, the loss
     * falling from epoch to epoch; ten classes put a network that does not learn near 10 %, so
     * the bound 70 % fails on any real regression while leaving ten points for another JVM whose
     * exp and log differ in the last bit and flip a few spikes.
     */
    @Test
    void learnsMnistFromASubset() {
        Mnist.Split split = Mnist.split();
        ImageSet train = split.train().subset(range(1000));
        ImageSet test = split.test().subset(range(500));
        Mlp model = new Mlp(new int[] {784, 64, 10}, RandomSource.XO_SHI_RO_256_PP.create(2L));
        SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(new SurrogateTrainingConfig(8, 2, 32, 1e-3, 5, 1L));
        List<SurrogateGradientTrainer.EpochReport> epochs = trainer.train(model, train);
        SurrogateGradientTrainer.Evaluation e = trainer.evaluate(model, test);
        assertTrue(epochs.get(1).loss() < epochs.get(0).loss(), "training loss " + epochs);
        assertTrue(e.accuracy() > 0.70, "test accuracy " + e.accuracy());
        SnnSimulator.Evaluation sim = new SnnSimulator(SurrogateGradientTrainer.toSpiking(model), Readout.MEMBRANE_POTENTIAL)
                .evaluate(test, new int[] {8}, InputCoding.constantCurrent(), 0L, 2);
        assertEquals(e.accuracy(), sim.accuracy(0), 0);
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("steps must be at least 1 time step, got 0",
                () -> new SurrogateTrainingConfig(0, 1, 8, 1e-3, 5, 1L));
        assertMessage("learningRate must be positive and finite, got NaN",
                () -> new SurrogateTrainingConfig(4, 1, 8, Double.NaN, 5, 1L));
        assertMessage("steepness must be positive and finite, got -1.0",
                () -> new SurrogateTrainingConfig(4, 1, 8, 1e-3, -1, 1L));
        assertMessage("epochs must be positive, got 0", () -> new SurrogateTrainingConfig(4, 0, 8, 1e-3, 5, 1L));
        assertMessage("batchSize must be positive, got -2", () -> new SurrogateTrainingConfig(4, 1, -2, 1e-3, 5, 1L));
        SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(new SurrogateTrainingConfig(4, 1, 8, 1e-3, 5, 1L));
        Mlp model = new Mlp(new int[] {9, 5, 4}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertMessage("images must have the model's 9 inputs per image, got 16", () -> trainer.train(model, rows(8, 1L)));
        Mlp narrow = new Mlp(new int[] {16, 5, 3}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertMessage("images.classes() must be at most the model's 3 outputs, got 4",
                () -> trainer.evaluate(narrow, rows(8, 1L)));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
