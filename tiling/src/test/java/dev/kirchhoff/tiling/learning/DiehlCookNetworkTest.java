package dev.kirchhoff.tiling.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.Mnist;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The Diehl &amp; Cook network: its labelling and voting by hand, and that it learns. */
class DiehlCookNetworkTest {
    /**
     * Three neurons, two classes, four labelling images: neuron 0 fires 4 and 2 times for class 0
     * (mean 3) and 1 for class 1, so it is labelled 0; neuron 1 fires 0, 0 for class 0 and 5, 3
     * for class 1 (mean 4), labelled 1; neuron 2 never fires, unlabelled (−1).
     */
    @Test
    void labelsAndVotesByHand() {
        int[][] counts = {{4, 0, 0}, {2, 0, 0}, {1, 5, 0}, {0, 3, 0}};
        int[] labels = {0, 0, 1, 1};
        int[] assigned = DiehlCookNetwork.assignLabels(counts, labels, 2);
        assertArrayEquals(new int[] {0, 1, -1}, assigned);
        // Class 0's one neuron fired 2, class 1's fired 3: class 1.
        assertEquals(1, DiehlCookNetwork.classify(new int[] {2, 3, 9}, assigned, 2));
        assertEquals(0, DiehlCookNetwork.classify(new int[] {4, 3, 9}, assigned, 2));
        // Nothing from assigned neurons: no vote.
        assertEquals(-1, DiehlCookNetwork.classify(new int[] {0, 0, 9}, assigned, 2));
    }

    /**
     * Learning makes the difference: 50 neurons learn from 300 training images, are labelled on
     * 300 more and classify 300 test images, once with STDP (η_post, η_pre as configured) and once
     * with learning switched off (η = 0: the random initial weights act as fixed random features,
     * which the labelling still exploits). Measured with these seeds: 52% against 19%. Each
     * accuracy over 300 images has σ ≤ 2.9 points, so their difference has σ ≤ 4.1 points; the
     * test asks for a gap of more than 15 points, which a network that learns misses only if the
     * gap falls more than 4σ below its measured 33 points, and which one that does not learn
     * (gap ≈ 0) cannot reach by chance.
     */
    @Test
    void stdpLearningBeatsTheSameNetworkWithoutLearning() {
        DiehlCookNetwork.Config c = DiehlCookNetwork.Config.diehlCook(50);
        DiehlCookNetwork.Config frozen = new DiehlCookNetwork.Config(c.neurons(), c.dtSeconds(), c.presentationSeconds(),
                c.maxRateHertz(), c.neuron(), c.inputVoltsPerWeight(), c.inhibitionVolts(), c.normalisationTotal(), 0, 0,
                c.traceTarget(), c.tauPreSeconds(), c.tauPostSeconds(), c.minSpikes(), c.retryRateHertz(), c.maxRetries());
        double learned = accuracy(c);
        double notLearned = accuracy(frozen);
        assertTrue(learned - notLearned > 0.15, "with STDP " + learned + ", without " + notLearned);
    }

    private static double accuracy(DiehlCookNetwork.Config config) {
        Mnist.Split split = Mnist.split();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(7L);
        IdealSynapses synapses = new IdealSynapses(784, config.neurons(), 0, 1);
        double[] w = new double[784 * config.neurons()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.3 * rng.nextDouble();
        }
        synapses.setWeights(w);
        DiehlCookMnist.Result r = DiehlCookMnist.run(new DiehlCookNetwork(config, synapses), split.train(), split.test(),
                300, 300, 300, rng, null, null);
        assertEquals(300, r.tested());
        return r.accuracy();
    }

    @Test
    void rejectsMismatchedSynapsesAndBadConfig() {
        DiehlCookNetwork.Config c = DiehlCookNetwork.Config.diehlCook(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiehlCookNetwork(c, new IdealSynapses(784, 9, 0, 1)));
        assertTrue(e.getMessage().contains("postCount"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DiehlCookNetwork.Config(10, c.dtSeconds(),
                c.presentationSeconds(), Double.NaN, c.neuron(), c.inputVoltsPerWeight(), c.inhibitionVolts(),
                c.normalisationTotal(), c.etaPost(), c.etaPre(), c.traceTarget(), c.tauPreSeconds(), c.tauPostSeconds(),
                c.minSpikes(), c.retryRateHertz(), c.maxRetries()));
        assertTrue(e.getMessage().contains("maxRateHertz"), e.getMessage());
    }
}
