package dev.kirchhoff.training.analog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.profiles.Presets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Analog in-situ training with the soft-bounds RRAM preset: it learns, is reproducible, reports
 * per epoch, stops when told to, and refuses bad input naming the parameter.
 */
class AnalogSgdTrainerTest {
    static final PulsedDeviceModel RRAM = Presets.load("rram-soft-bounds").requirePulsedUpdate();

    /**
     * Four classes of 4×4 images: class c lights its own quadrant (pixels 200–255) over a dim
     * background (0–40), so the classes are linearly separable with a margin of about 160/255 per
     * lit pixel, i.e. four such pixels of difference, against the device noise that the network
     * also sees during training.
     */
    static ImageSet quadrants(int perClass, long seed) {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(seed);
        int n = 4 * perClass;
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int k = 0; k < n; k++) {
            int c = k % 4;
            labels[k] = (byte) c;
            for (int p = 0; p < 16; p++) {
                int row = p / 4;
                int col = p % 4;
                boolean lit = (row / 2) * 2 + col / 2 == c;
                pixels[k * 16 + p] = (byte) (lit ? 200 + r.nextInt(56) : r.nextInt(41));
            }
        }
        return new ImageSet(4, 4, 4, pixels, labels);
    }

    static AnalogSgdConfig small(int epochs, long seed) {
        return AnalogSgdConfig.aihwkitDefaults(new int[] {16, 12, 4}, RRAM, 0.3, 4, epochs, seed);
    }

    /**
     * The separable problem is learnt to 100% on held-out images within 20 epochs of 40 images
     * (about 1 s). 100% is the right number: with four lit pixels of margin, a linear read-out
     * separates the classes with a margin far above the periphery's output noise (0.06 of
     * full scale) and the write noise of the touched devices.
     */
    @Test
    void learnsASeparableProblemToFullAccuracy() {
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(small(20, 1));
        ImageSet test = quadrants(25, 3);
        double before = trainer.accuracy(test);
        TrainingHistory h = trainer.train(quadrants(10, 2), test, null, null);
        assertEquals(20, h.epochs().size());
        assertEquals(1.0, h.finalTestAccuracy(), 0.0, "history " + h);
        assertTrue(before < 0.9, "untrained accuracy " + before);
    }

    /**
     * The same seed gives the same history and weights to the last bit on one thread and on two,
     * with one device per weight and with unit cells of four (whose random choice of device is
     * drawn on the calling thread): MNIST batches of 50 rows × 784 inputs are large enough that
     * the tiles' reads split over the pool's threads.
     */
    @ParameterizedTest(name = "{0} devices per cell")
    @ValueSource(ints = {1, 4})
    void sameSeedGivesTheSameBitsOnOneOrTwoThreads(int devicesPerCell) throws Exception {
        Mnist.Split split = Mnist.split();
        ImageSet train = split.train().subset(range(300));
        ImageSet test = split.test().subset(range(250));
        AnalogSgdConfig config = AnalogSgdConfig.aihwkitDefaults(new int[] {784, 32, 10}, RRAM, 0.3, 50, 1, 7)
                .withDevicesPerCell(devicesPerCell);
        Callable<Object[]> run = () -> {
            AnalogSgdTrainer t = new AnalogSgdTrainer(config);
            TrainingHistory h = t.train(train, test, null, null);
            return new Object[] {h, t.network().weights(), t.network().biases()};
        };
        Object[][] results = new Object[2][];
        for (int threads = 1; threads <= 2; threads++) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                results[threads - 1] = pool.submit(run).get();
            } finally {
                pool.shutdown();
            }
        }
        EpochReport one = ((TrainingHistory) results[0][0]).epochs().get(0);
        EpochReport two = ((TrainingHistory) results[1][0]).epochs().get(0);
        assertEquals(one.trainLoss(), two.trainLoss(), 0.0);
        assertEquals(one.trainAccuracy(), two.trainAccuracy(), 0.0);
        assertEquals(one.testAccuracy(), two.testAccuracy(), 0.0);
        float[][] w1 = (float[][]) results[0][1];
        float[][] w2 = (float[][]) results[1][1];
        float[][] b1 = (float[][]) results[0][2];
        float[][] b2 = (float[][]) results[1][2];
        for (int l = 0; l < w1.length; l++) {
            assertArrayEquals(w1[l], w2[l], 0f, "weights of layer " + l);
            assertArrayEquals(b1[l], b2[l], 0f, "biases of layer " + l);
        }
    }

    static int[] range(int n) {
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    @Test
    void reportsEveryEpochAndStopsWhenCancelled() {
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(small(5, 4));
        List<EpochReport> seen = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        // 40 images in batches of 4: 10 polls per epoch; stop at the first poll of epoch 3.
        TrainingHistory h = trainer.train(quadrants(10, 5), quadrants(5, 6), seen::add, () -> polls.incrementAndGet() > 20);
        assertTrue(h.cancelled());
        assertEquals(2, h.epochs().size());
        assertEquals(h.epochs(), seen);
        assertEquals(1, seen.get(0).epoch());
        assertEquals(2, seen.get(1).epoch());
        assertEquals(2, trainer.epochsDone());
        for (EpochReport r : seen) {
            assertEquals(0.3, r.learningRate(), 0.0);
            assertTrue(r.seconds() >= 0 && r.trainLoss() > 0 && r.testAccuracy() >= 0, r.toString());
        }
        TrainingHistory rest = trainer.train(quadrants(10, 5), null, null, null);
        assertFalse(rest.cancelled());
        assertEquals(3, rest.epochs().get(0).epoch(), "a later call continues the epochs");
        assertTrue(Double.isNaN(rest.finalTestAccuracy()), "no test set, no test accuracy");
    }

    /** Weights come out as N×M row-major floats per layer and biases as floats, both digital copies. */
    @Test
    void weightsAndBiasesComeOutAsPlainFloats() {
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(small(1, 8));
        AnalogMlp net = trainer.network();
        float[][] w = net.weights();
        float[][] b = net.biases();
        assertEquals(2, w.length);
        assertEquals(12 * 16, w[0].length);
        assertEquals(4 * 12, w[1].length);
        assertArrayEquals(new float[12], b[0], 0f, "biases start at 0");
        // He initialisation, σ = √(2/16) ≈ 0.35 before clipping to the window: not all zero, all finite.
        double sq = 0;
        for (float v : w[0]) {
            assertTrue(Float.isFinite(v));
            sq += v * v;
        }
        assertTrue(sq / w[0].length > 0.01, "mean square " + sq / w[0].length);
        trainer.train(quadrants(10, 9), null, null, null);
        assertFalse(Arrays.equals(new float[12], net.biases()[0]), "training moves the biases");
        w[0][0] = 1e6f;
        assertTrue(net.weights()[0][0] < 1e6f, "weights() returns a copy");
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        assertMessage(() -> small(1, 1).withLearningRate(Double.NaN), "learningRate", "NaN");
        assertMessage(() -> small(1, 1).withLearningRate(-0.1), "learningRate", "-0.1");
        assertMessage(() -> small(1, 1).withLearningRateDecay(0), "learningRateDecay", "0.0");
        assertMessage(() -> small(1, 1).withBatchSize(0), "batchSize", "0");
        assertMessage(() -> small(1, 1).withEpochs(0), "epochs", "0");
        assertMessage(() -> small(1, 1).withWeightMax(Double.POSITIVE_INFINITY), "weightMax", "Infinity");
        assertMessage(() -> small(1, 1).withDevicesPerCell(0), "devicesPerCell", "0");
        assertMessage(() -> AnalogSgdConfig.cellWeightMax(0.4, 0), "devicesPerCell", "0");
        assertMessage(() -> AnalogSgdConfig.cellWeightMax(Double.NaN, 4), "singleDeviceWeightMax", "NaN");
        assertEquals(0.8, AnalogSgdConfig.cellWeightMax(0.4, 4), 1e-15, "0.4·√4");
        assertEquals(0.4, AnalogSgdConfig.cellWeightMax(0.4, 1), 0.0);
        assertMessage(() -> small(1, 1).withDevicesPerCell(AnalogSgdConfig.MAX_DEVICES_PER_CELL + 1), "devicesPerCell",
                "" + (AnalogSgdConfig.MAX_DEVICES_PER_CELL + 1));
        assertMessage(() -> AnalogSgdConfig.aihwkitDefaults(new int[] {16}, RRAM, 0.1, 1, 1, 1), "layerSizes", "[16]");
        assertMessage(() -> AnalogSgdConfig.aihwkitDefaults(new int[] {16, 0, 4}, RRAM, 0.1, 1, 1, 1), "layerSizes[1]",
                "0");
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(small(1, 1));
        ImageSet mnistShaped = new ImageSet(28, 28, 10, new byte[784], new byte[1]);
        assertMessage(() -> trainer.train(mnistShaped, null, null, null), "train.pixelsPerImage", "784");
        ImageSet tenClasses = new ImageSet(4, 4, 10, new byte[16], new byte[1]);
        assertMessage(() -> trainer.train(quadrants(1, 1), tenClasses, null, null), "test.classes", "10");
        AnalogMlp net = trainer.network();
        double[] x = new double[2 * 16];
        x[21] = Double.NaN;
        assertMessage(() -> net.trainBatch(x, new int[] {0, 1}, 2, 0.1, rng()), "x[21]", "NaN");
        assertMessage(() -> net.trainBatch(new double[32], new int[] {0, 4}, 2, 0.1, rng()), "labels[1]", "4");
        assertMessage(() -> net.trainBatch(new double[32], new int[] {0, 1}, 2, -1, rng()), "learningRate", "-1.0");
        assertMessage(() -> net.trainBatch(new double[16], new int[] {0, 1}, 2, 0.1, rng()), "x.length", "16");
        assertMessage(() -> net.logits(new double[32], 2, new double[7], rng()), "out.length", "7");
    }

    static UniformRandomProvider rng() {
        return RandomSource.XO_SHI_RO_256_PP.create(1L);
    }

    static void assertMessage(Runnable r, String name, String value) {
        String msg = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(msg.contains(name) && msg.contains(value), "message should name " + name + " and " + value + ": " + msg);
    }
}
