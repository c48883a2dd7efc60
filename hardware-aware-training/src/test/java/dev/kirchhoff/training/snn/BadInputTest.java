package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument is an IllegalArgumentException whose message names the parameter and its value. */
class BadInputTest {
    private static final int[] SIZES = {4, 3, 2};
    private static final ImageSet IMAGES = TestNetworks.randomImages(5, 4, 2, 1L);

    private static float[][] weights() {
        return new float[][] {new float[12], new float[6]};
    }

    private static float[][] biases() {
        return new float[][] {new float[3], new float[2]};
    }

    /** Asserts the call throws an IllegalArgumentException whose message contains every fragment. */
    private static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void raggedWeightsAndBiasesAreRejected() {
        float[][] w = weights();
        w[1] = new float[5];
        rejects(() -> AnnToSnn.convert(SIZES, w, biases(), IMAGES, 5, 99.9), "weights[1].length", "6", "got 5");
        float[][] b = biases();
        b[0] = new float[4];
        rejects(() -> AnnToSnn.convert(SIZES, weights(), b, IMAGES, 5, 99.9), "biases[0].length", "3", "got 4");
        float[][] missing = weights();
        missing[0] = null;
        rejects(() -> AnnToSnn.convert(SIZES, missing, biases(), IMAGES, 5, 99.9), "weights[0].length", "got null");
        rejects(() -> ConvertedNetwork.of(SIZES, new double[][] {new double[12], new double[7]},
                new double[][] {new double[3], new double[2]}), "weights[1].length", "got 7");
    }

    @Test
    void nonFiniteWeightsAndBiasesAreRejected() {
        float[][] w = weights();
        w[0][7] = Float.NaN;
        rejects(() -> AnnToSnn.convert(SIZES, w, biases(), IMAGES, 5, 99.9), "weights[0][7]", "NaN");
        float[][] b = biases();
        b[1][1] = Float.POSITIVE_INFINITY;
        rejects(() -> AnnToSnn.convert(SIZES, weights(), b, IMAGES, 5, 99.9), "biases[1][1]", "Infinity");
        rejects(() -> ConvertedNetwork.of(new int[] {1, 1}, new double[][] {{Double.NaN}}, new double[][] {{0}}),
                "weights[0][0]", "NaN");
    }

    @Test
    void mismatchedSizesAreRejected() {
        rejects(() -> AnnToSnn.convert(new int[] {4, 3}, weights(), biases(), IMAGES, 5, 99.9), "weights.length", "1",
                "got 2");
        rejects(() -> AnnToSnn.convert(SIZES, weights(), new float[][] {new float[3]}, IMAGES, 5, 99.9), "biases.length",
                "got 1");
        rejects(() -> AnnToSnn.convert(new int[] {4}, new float[0][], new float[0][], IMAGES, 5, 99.9), "sizes", "[4]");
        rejects(() -> AnnToSnn.convert(new int[] {4, 0, 2}, weights(), biases(), IMAGES, 5, 99.9), "sizes[1]", "0");
        rejects(() -> AnnToSnn.convert(new int[] {5, 3, 2}, new float[][] {new float[15], new float[6]}, biases(), IMAGES,
                5, 99.9), "sizes[0]", "4", "got 5");
        rejects(() -> AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 0, 99.9), "calibrationCount", "got 0");
        rejects(() -> AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 6, 99.9), "calibrationCount", "got 6");
        ConvertedNetwork net = AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 5, 99.9);
        SnnSimulator sim = new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL);
        rejects(() -> sim.evaluate(TestNetworks.randomImages(3, 5, 2, 1L), new int[] {10}, InputCoding.constantCurrent(), 1,
                1), "images", "4", "got 5");
        rejects(() -> sim.newRun(InputCoding.constantCurrent()).start(new double[3], null), "x.length", "4", "got 3");
        rejects(() -> sim.newRun(InputCoding.constantCurrent()).start(new double[] {0, 0.5, 1.5, 0}, null), "x[2]", "1.5");
    }

    @Test
    void percentileOutsideZeroToHundredIsRejected() {
        for (double p : new double[] {0, -1, 100.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            rejects(() -> AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 5, p), "percentile", "(0, 100]",
                    String.valueOf(p));
        }
    }

    @Test
    void fewerThanOneTimeStepIsRejected() {
        ConvertedNetwork net = AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 5, 99.9);
        SnnSimulator sim = new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL);
        rejects(() -> sim.evaluate(IMAGES, new int[] {0}, InputCoding.constantCurrent(), 1, 1), "steps[0]", "got 0");
        rejects(() -> sim.evaluate(IMAGES, new int[] {10, -3}, InputCoding.constantCurrent(), 1, 1), "steps[1]", "got -3");
        rejects(() -> sim.evaluate(IMAGES, new int[] {10, 10}, InputCoding.constantCurrent(), 1, 1), "steps", "[10, 10]");
        rejects(() -> sim.evaluate(IMAGES, new int[0], InputCoding.constantCurrent(), 1, 1), "steps", "[]");
        rejects(() -> sim.evaluate(IMAGES, new int[] {10}, InputCoding.constantCurrent(), 1, 0), "threads", "got 0");
        SnnOnChip chip = new SnnOnChip(net, InputCoding.bernoulli(1), Readout.MEMBRANE_POTENTIAL,
                HardwareDescriptions.defaultDescription(), SnnOnChip.idealTiles(), 1L);
        rejects(() -> chip.infer(new double[4], 0, SnnSimulator.imageRng(1, 0), null), "steps", "got 0");
    }

    @Test
    void badCodingsAreRejected() {
        rejects(() -> InputCoding.bernoulli(0), "gain", "got 0.0");
        rejects(() -> InputCoding.bernoulli(1.5), "gain", "got 1.5");
        rejects(() -> InputCoding.poisson(Double.NaN, 1e-3), "maxRateHertz", "NaN");
        rejects(() -> InputCoding.poisson(100, 0), "dtSeconds", "0.0");
        ConvertedNetwork net = AnnToSnn.convert(SIZES, weights(), biases(), IMAGES, 5, 99.9);
        rejects(() -> SnnOnChip.layers(net, InputCoding.constantCurrent(), Readout.MEMBRANE_POTENTIAL), "coding",
                "constant current");
        rejects(() -> new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL).newRun(InputCoding.bernoulli(1))
                .start(new double[4], null), "rng", "Bernoulli");
    }
}
