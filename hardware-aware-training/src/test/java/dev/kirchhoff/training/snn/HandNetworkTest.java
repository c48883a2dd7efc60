package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import org.junit.jupiter.api.Test;

/** A network with hand-set weights keeps its decisions through the conversion. */
class HandNetworkTest {
    private static final int[] SIZES = {4, 4, 4};

    /**
     * "Which pixel of a 2×2 image is brightest", by hand: h_k = ReLU(x_k − mean(x)) (W₁ = I − ¼·1,
     * b₁ = 0), logits o = W₂·h + b₂ with W₂ = I and a small preference for class 0 (b₂ = (0.05, 0, 0,
     * 0)), so argmax o is the brightest pixel unless the first is within 0.05 of it. The images are
     * all 256 of pixels in {0, 85, 170, 255}.
     *
     * <p>Converted with p = 100, every normalised hidden activation h ≤ 1, so a hidden neuron's rate
     * is within 1/T of h, and the normalised logit read from the membrane, V_j(T)/T, is within
     * Σ_k |W₂'_jk|/T ≤ 4·max|W₂'|/T of the ANN's; a spike count adds at most 1/T more. So on every
     * image whose normalised top-2 logit margin exceeds twice that bound the SNN must pick the
     * ANN's class; the test checks it at T = 200 for both readouts, and that most images qualify.
     */
    @Test
    void convertedHandNetworkKeepsTheArgmax() {
        byte[] pixels = new byte[256 * 4];
        for (int i = 0; i < 256; i++) {
            for (int k = 0; k < 4; k++) {
                pixels[i * 4 + k] = (byte) (85 * ((i >> (2 * k)) & 3));
            }
        }
        ImageSet images = new ImageSet(2, 2, 4, pixels, new byte[256]);
        float[] w1 = new float[16];
        float[] w2 = new float[16];
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 4; k++) {
                w1[j * 4 + k] = (j == k ? 1f : 0f) - 0.25f;
                w2[j * 4 + k] = j == k ? 1f : 0f;
            }
        }
        float[][] w = {w1, w2};
        float[][] b = {new float[4], {0.05f, 0f, 0f, 0f}};
        ConvertedNetwork net = AnnToSnn.convert(SIZES, w, b, images, 256, 100);
        double maxW2 = 0;
        for (double v : net.weights(1)) {
            maxW2 = Math.max(maxW2, Math.abs(v));
        }
        int steps = 200;
        double bound = 4 * maxW2 / steps + 1.0 / steps;
        for (Readout readout : Readout.values()) {
            SnnSimulator.Run run = new SnnSimulator(net, readout).newRun(InputCoding.constantCurrent());
            int checked = 0;
            for (int i = 0; i < 256; i++) {
                double[] x = TestNetworks.image(images, i);
                double[] ann = annLogits(w, b, x);
                int annClass = argmax(ann);
                double[] z = net.annOutput(x);
                if (margin(z) <= 2 * bound) {
                    continue; // ties (two equally bright pixels) and near-ties
                }
                assertEquals(annClass, argmax(z), "normalising is a positive rescaling");
                run.start(x, null);
                for (int t = 0; t < steps; t++) {
                    run.step();
                }
                assertEquals(annClass, run.predictedClass(), readout + ", image " + i);
                checked++;
            }
            assertTrue(checked > 150, readout + ": most images have a margin above the bound, got " + checked);
        }
    }

    /** The hand ANN in double: ReLU hidden layer, linear logits. */
    private static double[] annLogits(float[][] w, float[][] b, double[] x) {
        double[] h = new double[4];
        for (int j = 0; j < 4; j++) {
            double s = b[0][j];
            for (int k = 0; k < 4; k++) {
                s += w[0][j * 4 + k] * x[k];
            }
            h[j] = Math.max(s, 0);
        }
        double[] o = new double[4];
        for (int j = 0; j < 4; j++) {
            double s = b[1][j];
            for (int k = 0; k < 4; k++) {
                s += w[1][j * 4 + k] * h[k];
            }
            o[j] = s;
        }
        return o;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int j = 1; j < a.length; j++) {
            if (a[j] > a[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The top logit minus the runner-up. */
    private static double margin(double[] a) {
        int best = argmax(a);
        double second = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < a.length; j++) {
            if (j != best) {
                second = Math.max(second, a[j]);
            }
        }
        return a[best] - second;
    }
}
