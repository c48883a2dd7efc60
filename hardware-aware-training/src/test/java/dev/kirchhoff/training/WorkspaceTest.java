package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Forward and backward passes against an independent double-precision implementation of the
 * same network: the logits must agree to float rounding, and the analytic gradients must agree
 * with central differences of the double-precision loss.
 */
class WorkspaceTest {
    private static final int[] SIZES = {5, 4, 3};
    private static final int BATCH = 3;

    /** Hooks with unit derivative where the straight-through estimator treats them as identity. */
    private static final LayerHardware SHIFTED = new LayerHardware() {
        @Override
        public void forwardWeights(int layer, float[] w, float[] wForward, UniformRandomProvider rng) {
            for (int k = 0; k < w.length; k++) {
                wForward[k] = 2 * w[k];
            }
        }

        @Override
        public void transformInput(int layer, float[] x, int batch, int width, UniformRandomProvider rng) {
            if (layer == 0) {
                for (int k = 0; k < batch * width; k++) {
                    x[k] *= 0.5f;
                }
            }
        }

        @Override
        public void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
                UniformRandomProvider rng) {
            for (int k = 0; k < batch * width; k++) {
                y[k] += 0.25f;
            }
        }

        @Override
        public String toString() {
            return "W̃ = 2W, x̃₀ = x/2, ỹ = y + 1/4";
        }
    };

    @Test
    void analyticGradientsMatchCentralDifferences() {
        check(LayerHardware.IDENTITY, 1, 1, 0);
    }

    /**
     * With W̃ = 2W, x̃₀ = x/2 and ỹ = y + 1/4, the straight-through weight gradient is the exact
     * gradient of the loss with respect to W̃ (the input transform sits below every weight and
     * the output shift has derivative 1), computed with W̃ in the data gradient.
     */
    @Test
    void straightThroughGradientsUseTheForwardCopyAndTheTransformedInputs() {
        check(SHIFTED, 2, 0.5, 0.25);
    }

    private static void check(LayerHardware hw, double weightFactor, double inputFactor, double outputShift) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(11L);
        Mlp model = new Mlp(SIZES, rng);
        for (int l = 0; l < model.layers(); l++) {
            float[] b = model.biases(l);
            for (int j = 0; j < b.length; j++) {
                b[j] = (float) (0.2 * rng.nextDouble() - 0.1);
            }
        }
        float[] x = new float[BATCH * SIZES[0]];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rng.nextDouble();
        }
        int[] labels = {0, 2, 1};
        ForwardWeights fw = new ForwardWeights(model);
        fw.refresh(hw, null);
        Workspace ws = new Workspace(SIZES, 4);
        float[] logits = new float[BATCH * 3];
        ws.forward(fw, x, BATCH, logits, hw, null);
        float[] dLogits = new float[logits.length];
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, BATCH, 3, 1, dLogits);
        Gradients g = new Gradients(SIZES);
        ws.backward(fw, dLogits, BATCH, g);

        // the double network with the effective weights W̃ = factor·W and inputs factor·x
        double[][] w = new double[2][];
        double[][] b = new double[2][];
        for (int l = 0; l < 2; l++) {
            w[l] = new double[model.weights(l).length];
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = weightFactor * model.weights(l)[k];
            }
            b[l] = new double[model.biases(l).length];
            for (int k = 0; k < b[l].length; k++) {
                b[l][k] = model.biases(l)[k];
            }
        }
        double[] xs = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            xs[k] = inputFactor * x[k];
        }
        double reference = referenceLoss(w, b, xs, labels, outputShift);
        // float forward pass: each logit carries a few ulps (~1e-7 relative) of rounding
        assertEquals(reference, loss, 1e-5 * reference);

        // central differences in double, h = 1e-6: truncation error O(h²·L''') ~ 1e-12, rounding ~1e-16/h = 1e-10;
        // the analytic gradients are computed in float (relative rounding ~1e-6 of the largest term)
        double h = 1e-6;
        double worst = 0;
        for (int l = 0; l < 2; l++) {
            int n = SIZES[l];
            for (int k = 0; k < w[l].length; k++) {
                double numeric = centralDifference(w[l], k, h, () -> referenceLoss(w, b, xs, labels, outputShift));
                double analytic = g.weights(l)[k / n][k % n];
                worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1e-3, Math.abs(numeric)));
                assertEquals(numeric, analytic, 2e-5 * Math.max(1, Math.abs(numeric)), "dW" + l + "[" + k + "]");
            }
            for (int j = 0; j < b[l].length; j++) {
                double numeric = centralDifference(b[l], j, h, () -> referenceLoss(w, b, xs, labels, outputShift));
                assertEquals(numeric, g.biases(l)[j], 2e-5 * Math.max(1, Math.abs(numeric)), "db" + l + "[" + j + "]");
            }
        }
        System.out.printf("gradient check (%s): worst relative difference %.2e%n", hw, worst);
    }

    private static double centralDifference(double[] param, int k, double h, java.util.function.DoubleSupplier loss) {
        double saved = param[k];
        param[k] = saved + h;
        double up = loss.getAsDouble();
        param[k] = saved - h;
        double down = loss.getAsDouble();
        param[k] = saved;
        return (up - down) / (2 * h);
    }

    /** Σ_b CE of the 5-4-3 ReLU network in double; w row-major [out][in]; the shift is added before the bias. */
    private static double referenceLoss(double[][] w, double[][] b, double[] x, int[] labels, double shift) {
        double total = 0;
        for (int s = 0; s < labels.length; s++) {
            double[] a = new double[SIZES[0]];
            System.arraycopy(x, s * SIZES[0], a, 0, a.length);
            for (int l = 0; l < 2; l++) {
                int n = SIZES[l];
                int m = SIZES[l + 1];
                double[] z = new double[m];
                for (int j = 0; j < m; j++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += w[l][j * n + i] * a[i];
                    }
                    z[j] = sum + shift + b[l][j];
                }
                if (l == 0) {
                    for (int j = 0; j < m; j++) {
                        z[j] = Math.max(z[j], 0);
                    }
                }
                a = z;
            }
            double max = Math.max(a[0], Math.max(a[1], a[2]));
            double sum = 0;
            for (double v : a) {
                sum += Math.exp(v - max);
            }
            total += Math.log(sum) + max - a[labels[s]];
        }
        return total;
    }

    @Test
    void theBackwardPassNeedsTheForwardPassesBatch() {
        Mlp model = new Mlp(SIZES, RandomSource.XO_SHI_RO_256_PP.create(1L));
        ForwardWeights fw = new ForwardWeights(model);
        fw.refresh(LayerHardware.IDENTITY, null);
        Workspace ws = new Workspace(SIZES, 4);
        ws.forward(fw, new float[10], 2, new float[6], LayerHardware.IDENTITY, null);
        assertEquals("batch must be that of the last forward pass, 2, got 3", assertThrows(IllegalArgumentException.class,
                () -> ws.backward(fw, new float[9], 3, new Gradients(SIZES))).getMessage());
        assertEquals("batch must be in [1, 4], got 5", assertThrows(IllegalArgumentException.class,
                () -> ws.forward(fw, new float[25], 5, new float[15], LayerHardware.IDENTITY, null)).getMessage());
    }

    @Test
    void arrangingInPartsEqualsArrangingAtOnce() {
        Mlp model = new Mlp(new int[] {7, 5, 3}, RandomSource.XO_SHI_RO_256_PP.create(2L));
        ForwardWeights whole = new ForwardWeights(model);
        whole.refresh(LayerHardware.IDENTITY, null);
        ForwardWeights parts = new ForwardWeights(model);
        parts.draw(LayerHardware.IDENTITY, null);
        for (int p = 2; p >= 0; p--) {
            parts.arrange(p, 3);
        }
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(whole.rows(l), parts.rows(l));
            assertArrayEquals(whole.transposed(l), parts.transposed(l));
            for (int j = 0; j < model.outputs(l); j++) {
                for (int i = 0; i < model.inputs(l); i++) {
                    assertEquals(model.weights(l)[j * model.inputs(l) + i], parts.transposed(l)[i][j]);
                }
            }
        }
    }
}
