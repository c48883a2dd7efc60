package dev.kirchhoff.training.hwa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.crossbar.Periphery;
import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The training-time hardware: what it draws, that it is the identity when it should be, determinism. */
class NoisyTilesTest {
    private static final int[] SIZES = {20, 30, 4};

    private static Mlp network() {
        return new Mlp(SIZES, RandomSource.XO_SHI_RO_256_PP.create(7L));
    }

    /** No modifier and an ideal periphery: the forward weights are the weights, bit for bit. */
    @Test
    void noNoiseIsTheIdentity() {
        Mlp net = network();
        NoisyTiles tiles = new NoisyTiles(SIZES, null, WeightNoise.NONE, Periphery.IDEAL, false);
        float[] out = new float[net.weights(0).length];
        tiles.forwardWeights(0, net.weights(0), out, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertArrayEquals(net.weights(0), out);
    }

    /**
     * Additive noise σ_add = 0.05 relative to the layer's max |w|: over 200 draws of a 600-weight
     * layer (120,000 values) the spread of (w̃ − w)/max|w| is 0.05 within 2% and its mean 0 within
     * 5 standard errors.
     */
    @Test
    void additiveNoiseHasItsStatedSpread() {
        Mlp net = network();
        NoisyTiles tiles = new NoisyTiles(SIZES, null, WeightNoise.NONE.withAdditiveStd(0.05), Periphery.IDEAL, false);
        float[] w = net.weights(0);
        float max = 0f;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        float[] out = new float[w.length];
        var rng = RandomSource.XO_SHI_RO_256_PP.create(2L);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int draw = 0; draw < 200; draw++) {
            tiles.forwardWeights(0, w, out, rng);
            for (int e = 0; e < w.length; e++) {
                double d = (out[e] - w[e]) / max;
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertTrue(Math.abs(sd / 0.05 - 1) < 0.02, "sd " + sd);
        assertEquals(0, mean, 5 * 0.05 / Math.sqrt(n));
    }

    /** Drop-connect p = 0.3 zeroes 30% of the weights (±5 standard errors over 120,000). */
    @Test
    void dropConnectDropsItsFraction() {
        Mlp net = network();
        NoisyTiles tiles = new NoisyTiles(SIZES, null, WeightNoise.NONE.withDropConnect(0.3), Periphery.IDEAL, false);
        float[] w = net.weights(0);
        float[] out = new float[w.length];
        var rng = RandomSource.XO_SHI_RO_256_PP.create(3L);
        int dropped = 0;
        int n = 0;
        for (int draw = 0; draw < 200; draw++) {
            tiles.forwardWeights(0, w, out, rng);
            for (int e = 0; e < w.length; e++) {
                dropped += out[e] == 0f && w[e] != 0f ? 1 : 0;
                n++;
            }
        }
        double se = Math.sqrt(0.3 * 0.7 / n);
        assertEquals(0.3, (double) dropped / n, 5 * se);
    }

    /** Noise-in-the-loop training on PCM gives the same weights, bit for bit, on one thread and two. */
    @Test
    void trainingIsTheSameOnOneThreadOrTwo() {
        ImageSet train = subset(Mnist.split().train(), 256);
        InferenceDeviceModel pcm = InferenceDeviceModel.pcm(25e-6);
        Mlp[] nets = new Mlp[2];
        for (int threads = 1; threads <= 2; threads++) {
            Mlp net = new Mlp(new int[] {784, 32, 10}, RandomSource.XO_SHI_RO_256_PP.create(5L));
            NoisyTiles tiles = new NoisyTiles(net.sizes(), pcm, HardwareAware.WEIGHT_NOISE, HardwareAware.PERIPHERY,
                    false);
            TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withThreads(threads);
            new Trainer(config, tiles, HardwareAware.CLIP).train(net, train);
            nets[threads - 1] = net;
        }
        assertTrue(nets[0].sameParameters(nets[1]), "one thread and two differ");
    }

    @Test
    void programmingNoiseWithoutDevicesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NoisyTiles(SIZES, null, WeightNoise.NONE.withProgrammingScale(1), Periphery.IDEAL, false));
        assertTrue(e.getMessage().contains("device"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightNoise.NONE.withDropConnect(1));
        assertThrows(IllegalArgumentException.class, () -> WeightNoise.NONE.withAdditiveStd(Double.NaN));
    }

    static ImageSet subset(ImageSet set, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return set.subset(idx);
    }
}
