package dev.kirchhoff.training.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.training.Mlp;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The backpropagation through time of {@link SpikingBptt} against central differences.
 *
 * <p>A spike H has no useful derivative, so the check replaces it by a smooth function whose
 * true derivative is the slope the backward pass uses: the logistic σ(β(u − 1)), slope
 * βσ(1 − σ). The backward pass detaches the reset, which is exactly the gradient of a forward
 * pass in which the subtracted s_l(t−1) are constants; so the finite differences are taken of
 * the forward pass with the reset fixed to the unperturbed run's outputs. Nothing else is
 * replaced: the time recursion λ(t) = e(t)f′(u(t)) + λ(t+1), the transport to the layer below
 * through Wᵀ, the counts for the output layer and the constant-current gradient of W_0 are the
 * production code's.
 */
class SurrogateGradientCheckTest {
    private static final int T = 4;
    private static final double BETA = 3;

    private static SpikingBptt.SpikeFunction logistic() {
        return new SpikingBptt.SpikeFunction() {
            @Override
            public double value(double u) {
                return 1 / (1 + Math.exp(-BETA * (u - 1)));
            }

            @Override
            public double slope(double u) {
                double s = value(u);
                return BETA * s * (1 - s);
            }
        };
    }

    private static Mlp network(int[] sizes) {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(21L);
        return Mlp.of(sizes, TestNetworks.randomWeights(sizes, 0.9, r), TestNetworks.randomBiases(sizes, 0.1, 0.6, r));
    }

    private static final double[] X = {0.9, 0.0, 0.4, 1.0, 0.25, 0.7};
    private static final int LABEL = 2;

    /** ℓ with parameter k of layer-array {@code array} (W_0, b_0, W_1, …) set to {@code value}, reset fixed. */
    private static double loss(Mlp model, int array, int k, float value, double[][][] reset) {
        Mlp m = model.copy();
        float[] p = array % 2 == 0 ? m.weights(array / 2) : m.biases(array / 2);
        p[k] = value;
        SpikingBptt net = new SpikingBptt(m.sizes(), T, logistic());
        net.load(m);
        return net.forward(X, LABEL, reset);
    }

    /**
     * Every weight and bias of all three layers. Steps of 10⁻³ leave a truncation error of order
     * h²·ℓ‴ ≈ 10⁻⁷ and a rounding error of 10⁻¹⁶/10⁻³, so agreement to 10⁻⁵ (relative to the
     * largest gradient of the layer) would fail for any wrong term: a missing λ(t+1) carry, a
     * wrong time index of s_{l−1}, the reset not detached (checked below to change the
     * gradients by far more than the tolerance), or a wrong 1/T. Three depths: 6-5-4-3 (a hidden
     * layer below the top one, whose errors come through time-varying e_l(t)), 6-5-3 (one hidden
     * layer) and 6-3 (no hidden layer, no reset).
     */
    @Test
    void bpttMatchesCentralDifferencesOfTheSmoothForwardWithFixedReset() {
        check(new int[] {6, 5, 4, 3});
        check(new int[] {6, 5, 3});
        check(new int[] {6, 3});
    }

    private static void check(int[] sizes) {
        Mlp model = network(sizes);
        SpikingBptt net = new SpikingBptt(sizes, T, logistic());
        net.load(model);
        net.forward(X, LABEL, null);
        double[][][] reset = net.hiddenOutputs();
        net.clearGradients();
        net.backward(X, LABEL);
        double worstFull = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            double scale = 0;
            for (double[] row : net.gw[l]) {
                for (double g : row) {
                    scale = Math.max(scale, Math.abs(g));
                }
            }
            assertTrue(scale > 1e-3, "layer " + l + " must have gradients to check, largest " + scale);
            int in = sizes[l];
            for (int array = 2 * l; array <= 2 * l + 1; array++) {
                float[] p = array % 2 == 0 ? model.weights(l) : model.biases(l);
                for (int k = 0; k < p.length; k++) {
                    float plus = (float) (p[k] + 1e-3);
                    float minus = (float) (p[k] - 1e-3);
                    double fd = (loss(model, array, k, plus, reset) - loss(model, array, k, minus, reset))
                            / ((double) plus - minus);
                    double bptt = array % 2 == 0 ? net.gw[l][k / in][k % in] : net.gb[l][k];
                    assertEquals(fd, bptt, 1e-5 * scale, "layer " + l + (array % 2 == 0 ? " weight " : " bias ") + k);
                    double full = (loss(model, array, k, plus, null) - loss(model, array, k, minus, null))
                            / ((double) plus - minus);
                    worstFull = Math.max(worstFull, Math.abs(full - bptt) / scale);
                }
            }
        }
        assertTrue(sizes.length == 2 ? worstFull < 1e-5 : worstFull > 1e-2, "without hidden layers there is no reset; with them the reset "
                + "path must matter, so the check can see it; largest relative difference to the full derivative "
                + worstFull);
    }

    /**
     * The surrogate is SuperSpike's fast sigmoid 1/(1 + k|u − 1|)²: 1 at the threshold, 1/36 at
     * distance 0.5 for k = 10 (1 + 5 = 6), symmetric; the spike itself needs u strictly above 1,
     * as the simulator's {@code v > v_th}.
     */
    @Test
    void heavisideAndItsSurrogate() {
        SpikingBptt.SpikeFunction h = SpikingBptt.heaviside(10);
        assertEquals(1.0, h.slope(1.0), 0);
        assertEquals(1.0 / 36, h.slope(1.5), 1e-15);
        assertEquals(1.0 / 36, h.slope(0.5), 1e-15);
        assertEquals(0.0, h.value(1.0), 0);
        assertEquals(1.0, h.value(Math.nextUp(1.0)), 0);
        assertEquals(0.0, h.value(-3), 0);
    }
}
