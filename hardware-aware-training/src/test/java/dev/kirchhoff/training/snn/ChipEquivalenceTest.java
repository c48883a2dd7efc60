package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** With ideal tiles the chip fires the converted network's spikes exactly as the CPU simulator. */
class ChipEquivalenceTest {
    private static final int[] SIZES = {20, 12, 5};
    private static final int STEPS = 40;

    /**
     * A 20-12-5 network of random weights, converted on 30 random images, run for T = 40 steps on
     * 8 images with Bernoulli input from the same per-image stream on the CPU and on the chip
     * (ideal tiles, default hardware). The chip delays each layer by one step; with each layer's
     * bias switched on when its input starts ({@link SnnOnChip}), layer l at chip step s is the
     * CPU's layer l at step s − l, so over each layer's window of T steps:
     * <ul>
     *   <li>every layer fires the same number of spikes, and every output neuron the same number
     *       (spike-count readout, counted on the chip by the counter layer);</li>
     *   <li>the output potentials agree to 1e−12 V (both readouts) and the classes are equal.</li>
     * </ul>
     * Not bit-exact: the tiles compute W·s through conductances, (I⁺ − I⁻)/s_w, not as the CPU's
     * sum, so y differs in the last bits (≈ 1e−16 relative) and the membranes by up to ~40 such
     * roundings. Equal spikes then follow whenever no CPU membrane comes within that of the
     * threshold 1; the test checks the CPU's closest approach over all neurons, steps and images
     * is above 1e−9, a million times the rounding, so the equality is not luck.
     */
    @Test
    void idealChipFiresTheSameSpikesAsTheCpu() {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(21L);
        ImageSet images = TestNetworks.randomImages(30, 20, 5, 22L);
        ConvertedNetwork net = AnnToSnn.convert(SIZES, TestNetworks.randomWeights(SIZES, 0.5, r),
                TestNetworks.randomBiases(SIZES, -0.05, 0.1, r), images, 30, 99.9);
        InputCoding coding = InputCoding.bernoulli(1);
        double closest = Double.POSITIVE_INFINITY;
        long hiddenSpikes = 0;
        long outputSpikes = 0;
        for (Readout readout : Readout.values()) {
            SnnSimulator.Run run = new SnnSimulator(net, readout).newRun(coding);
            SnnOnChip chip = new SnnOnChip(net, coding, readout, HardwareDescriptions.defaultDescription(),
                    SnnOnChip.idealTiles(), 5L);
            for (int i = 0; i < 8; i++) {
                double[] x = TestNetworks.image(images, i);
                run.start(x, SnnSimulator.imageRng(99L, i));
                int[][] before = {run.spikeCounts(0), run.spikeCounts(1)};
                for (int t = 0; t < STEPS; t++) {
                    run.step();
                    for (int l = 0; l < 2; l++) {
                        if (l == 1 && readout == Readout.MEMBRANE_POTENTIAL) {
                            continue; // the integrators have no threshold
                        }
                        int[] now = run.spikeCounts(l);
                        double[] v = run.membranePotentials(l);
                        for (int j = 0; j < v.length; j++) {
                            // a neuron that spiked had v − 1 left; one that did not stays at v ≤ 1
                            double distance = now[j] > before[l][j] ? v[j] : 1 - v[j];
                            closest = Math.min(closest, distance);
                        }
                        before[l] = now;
                    }
                }
                SnnOnChip.Inference onChip = chip.infer(x, STEPS, SnnSimulator.imageRng(99L, i), null);
                assertEquals(chip.chipSteps(STEPS), onChip.chipSteps());
                assertEquals(STEPS + 1 + (readout == Readout.SPIKE_COUNT ? 1 : 0), onChip.chipSteps());
                assertEquals(onChip.chipSteps(), onChip.ledger().steps());
                assertArrayEquals(new long[] {run.totalSpikes(0), run.totalSpikes(1)}, onChip.layerSpikes(),
                        readout + ", image " + i + ": spikes per layer");
                if (readout == Readout.SPIKE_COUNT) {
                    assertArrayEquals(run.spikeCounts(1), onChip.outputSpikes(), "image " + i + ": output spike counts");
                    outputSpikes += run.totalSpikes(1);
                } else {
                    hiddenSpikes += run.totalSpikes(0);
                }
                assertArrayEquals(run.membranePotentials(1), onChip.outputPotentials(), 1e-12, readout + ", image " + i);
                assertEquals(run.predictedClass(), onChip.predictedClass(), readout + ", image " + i);
                assertTrue(onChip.energyJoules() > 0 && onChip.ledger().count(Component.PACKET) > 0);
            }
        }
        assertTrue(hiddenSpikes > 8 * 40, "the hidden layer fires: " + hiddenSpikes);
        assertTrue(outputSpikes > 8 * 10, "the output layer fires: " + outputSpikes);
        assertTrue(closest > 1e-9, "no CPU membrane came within 1e-9 of the threshold: " + closest);
    }
}
