package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The converted network's neuron: rate = input current / threshold, and the ReLU it stands for. */
class IntegrateAndFireTest {
    /** Constant currents I per step, dyadic so that every membrane value t·I − n is exact in double. */
    private static final double[] CURRENTS = {-0.5, 0, 1.0 / 64, 0.25, 0.3125, 0.5, 0.7265625, 1.0, 1.5};

    /**
     * An IF neuron of threshold 1 with reset by subtraction under a constant current I: after t
     * steps v = t·I − n (n spikes so far), and it spikes when v &gt; 1 (strictly, as
     * {@code LifLayer}), so for 0 &lt; I ≤ 1 it holds 0 &lt; v ≤ 1 after every step and fires
     * n(T) = ⌈T·I⌉ − 1 spikes in T steps: ⌊T·I⌋ whenever T·I is not an integer (one fewer when it
     * is: v reaches exactly 1 and waits for the next step). So the rate is I/threshold to within
     * 1/T. For I ≤ 0 it never fires (the ReLU); for I &gt; 1 it fires every step (at most one spike
     * per step: the clipping at 1 that normalisation makes rare). Exact because the currents are
     * dyadic: no rounding anywhere. The current enters once as a weight (input x = 1) and once as
     * a bias, the two paths of the simulator.
     */
    @Test
    void constantCurrentGivesCeilOfTIMinusOneSpikes() {
        ImageSet white = new ImageSet(1, 1, 1, new byte[] {(byte) 255}, new byte[1]);
        int n = CURRENTS.length;
        double[] asWeights = CURRENTS.clone();
        double[] zero = new double[n];
        ConvertedNetwork byWeight = ConvertedNetwork.of(new int[] {1, n}, new double[][] {asWeights}, new double[][] {zero});
        ConvertedNetwork byBias = ConvertedNetwork.of(new int[] {1, n}, new double[][] {new double[n]},
                new double[][] {CURRENTS.clone()});
        for (ConvertedNetwork net : new ConvertedNetwork[] {byWeight, byBias}) {
            SnnSimulator.Run run = new SnnSimulator(net, Readout.SPIKE_COUNT).newRun(InputCoding.constantCurrent());
            run.start(TestNetworks.image(white, 0), null);
            for (int t = 1; t <= 1000; t++) {
                run.step();
                int[] counts = run.spikeCounts(0);
                for (int j = 0; j < n; j++) {
                    double ti = t * CURRENTS[j];
                    long expected = CURRENTS[j] <= 0 ? 0 : CURRENTS[j] > 1 ? t : (long) Math.ceil(ti) - 1;
                    assertEquals(expected, counts[j], "I = " + CURRENTS[j] + ", T = " + t);
                    if (CURRENTS[j] > 0 && CURRENTS[j] <= 1 && ti != Math.rint(ti)) {
                        assertEquals((long) Math.floor(ti), counts[j], "⌊T·I⌋, I = " + CURRENTS[j] + ", T = " + t);
                    }
                }
            }
        }
    }

    /**
     * A converted one-layer network (20 inputs, 8 linear outputs, random weights and biases, then
     * normalised with p = 100 on the 16 images it is run on, so every normalised logit z_j is at
     * most 1): under the constant current z_j per step each output fires n_j = ⌈T·z_j⌉ − 1 times
     * (previous test), so 0 ≤ ReLU(z_j) − n_j/T ≤ 1/T: the spike-count ratios converge to the
     * ReLU activations within 1/T (plus 1e−9 for the rounding of the 20-term sums, far below
     * 1/T), at T = 10, 100 and 1000.
     */
    @Test
    void spikeRatesConvergeToReluWithinOneOverT() {
        int[] sizes = {20, 8};
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(5L);
        ImageSet images = TestNetworks.randomImages(16, 20, 2, 6L);
        ConvertedNetwork net = AnnToSnn.convert(sizes, TestNetworks.randomWeights(sizes, 0.5, r),
                TestNetworks.randomBiases(sizes, -0.5, 0.5, r), images, 16, 100);
        SnnSimulator.Run run = new SnnSimulator(net, Readout.SPIKE_COUNT).newRun(InputCoding.constantCurrent());
        int positive = 0;
        for (int i = 0; i < images.size(); i++) {
            double[] x = TestNetworks.image(images, i);
            double[] z = net.annOutput(x);
            run.start(x, null);
            int t = 0;
            for (int horizon : new int[] {10, 100, 1000}) {
                while (t < horizon) {
                    run.step();
                    t++;
                }
                int[] counts = run.spikeCounts(0);
                for (int j = 0; j < z.length; j++) {
                    assertTrue(z[j] <= 1 + 1e-12, "p = 100 bounds the normalised logits by 1: " + z[j]);
                    double gap = Math.max(z[j], 0) - (double) counts[j] / horizon;
                    assertTrue(gap >= -1e-9 && gap <= 1.0 / horizon + 1e-9,
                            "image " + i + ", neuron " + j + ", T = " + horizon + ": ReLU " + Math.max(z[j], 0) + ", rate "
                                    + (double) counts[j] / horizon);
                }
            }
            for (double v : z) {
                positive += v > 0.05 ? 1 : 0;
            }
        }
        assertTrue(positive > 30, "enough neurons fire for the test to mean something: " + positive);
    }

    /**
     * The membrane readout integrates the output without spiking: after T steps of constant
     * current V_j(T) = T·z_j exactly up to rounding, z the normalised logits (here T = 64, 2-layer
     * network with a hidden ReLU layer whose input is constant, so the hidden rates are exact only
     * on average; the bound is the hidden layer's 1/T per neuron times Σ_i |W_ji|).
     */
    @Test
    void membraneReadoutIsTTimesTheLogitToWithinTheHiddenQuantisation() {
        int[] sizes = {20, 10, 4};
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(8L);
        ImageSet images = TestNetworks.randomImages(8, 20, 4, 9L);
        ConvertedNetwork net = AnnToSnn.convert(sizes, TestNetworks.randomWeights(sizes, 0.5, r),
                TestNetworks.randomBiases(sizes, -0.2, 0.2, r), images, 8, 100);
        double[] w = net.weights(1);
        SnnSimulator.Run run = new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL).newRun(InputCoding.constantCurrent());
        int steps = 64;
        for (int i = 0; i < images.size(); i++) {
            double[] x = TestNetworks.image(images, i);
            run.start(x, null);
            for (int t = 0; t < steps; t++) {
                run.step();
            }
            double[] v = run.membranePotentials(1);
            double[] z = net.annOutput(x);
            assertArrayEquals(new int[4], run.spikeCounts(1), "the integrators never spike");
            for (int j = 0; j < 4; j++) {
                double bound = 0;
                for (int k = 0; k < 10; k++) {
                    bound += Math.abs(w[j * 10 + k]);
                }
                assertEquals(z[j], v[j] / steps, bound / steps + 1e-12, "image " + i + ", output " + j);
            }
        }
    }
}
