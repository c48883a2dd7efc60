package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Small random networks and image sets for the tests. */
final class TestNetworks {
    private TestNetworks() {
    }

    /** n images of 1×pixels, each pixel uniform in 0..255, labels uniform in [0, classes). */
    static ImageSet randomImages(int n, int pixels, int classes, long seed) {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(seed);
        byte[] p = new byte[n * pixels];
        byte[] labels = new byte[n];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) r.nextInt(classes);
        }
        return new ImageSet(1, pixels, classes, p, labels);
    }

    /** Float weights uniform in [−scale, scale) for every layer of {@code sizes}. */
    static float[][] randomWeights(int[] sizes, double scale, UniformRandomProvider r) {
        float[][] w = new float[sizes.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[sizes[l + 1] * sizes[l]];
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = (float) (scale * (2 * r.nextDouble() - 1));
            }
        }
        return w;
    }

    /** Float biases uniform in [lo, hi) for every layer of {@code sizes}. */
    static float[][] randomBiases(int[] sizes, double lo, double hi, UniformRandomProvider r) {
        float[][] b = new float[sizes.length - 1][];
        for (int l = 0; l < b.length; l++) {
            b[l] = new float[sizes[l + 1]];
            for (int k = 0; k < b[l].length; k++) {
                b[l][k] = (float) (lo + (hi - lo) * r.nextDouble());
            }
        }
        return b;
    }

    /** Image i of a set as x = pixel/255. */
    static double[] image(ImageSet set, int i) {
        double[] x = new double[set.pixelsPerImage()];
        set.image(i, x);
        return x;
    }
}
