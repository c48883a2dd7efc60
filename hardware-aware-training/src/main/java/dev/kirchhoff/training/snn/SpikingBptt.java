package dev.kirchhoff.training.snn;

import dev.kirchhoff.training.Mlp;
import java.util.Arrays;

/**
 * Forward pass and backpropagation through time of one image through a network of
 * integrate-and-fire layers, in double precision, for {@link SurrogateGradientTrainer}.
 *
 * <p>Forward, T steps, layer l = 0 … L−1 in order within a step (the order of
 * {@link SnnSimulator}), u the membrane after the previous step's reset:
 * <pre>
 *   c_0       = W_0·x                                   (constant current, once per image)
 *   c_l(t)    = Σ_{i: s_{l−1,i}(t) ≠ 0} s_{l−1,i}(t)·W_l[·, i]   (l ≥ 1)
 *   u_l(t)    = (u_l(t−1) + c_l(t)) + b_l
 *   s_l(t)    = f(u_l(t)),  then u_l(t) ← u_l(t) − s_l(t)   (hidden layers: reset by subtraction)
 *   z         = u_{L−1}(T) / T                           (output layer: integrator, never reset)
 * </pre>
 * With f = H(u − 1) (spike if u &gt; 1) and s ∈ {0, 1} every addition happens in the order, and
 * on the values, of the simulator's (the constant current is the same dot product summed over
 * i = 0, 1, …; skipped zero terms add ±0, which changes no sum that starts at +0), so the output
 * potentials u_{L−1}(T) are bitwise {@link SnnSimulator}'s.
 *
 * <p>Backward, with the reset detached (u_l(t+1) depends on u_l(t) with coefficient 1, not
 * 1 − f′), f′ the surrogate, g = softmax(z) − onehot(y) = ∂ℓ/∂z:
 * <pre>
 *   ∂ℓ/∂b_{L−1} = g,   ∂ℓ/∂W_{L−1} = (g/T)·(Σ_t s_{L−2}(t))ᵀ,   e_{L−2}(t) = W_{L−1}ᵀ·g/T
 *   λ_l(t) = e_l(t)·f′(u_l(t)) + λ_l(t+1),   λ_l(T+1) = 0        (∂ℓ/∂u_l(t))
 *   ∂ℓ/∂b_l = Σ_t λ_l(t),   ∂ℓ/∂W_l = Σ_t λ_l(t)·s_{l−1}(t)ᵀ,   e_{l−1}(t) = W_lᵀ·λ_l(t)
 *   ∂ℓ/∂W_0 = (Σ_t λ_0(t))·xᵀ
 * </pre>
 * Every inner loop is an axpy over a contiguous row starting at index 0 (docs/training.md), over
 * rows of W_l for the error and the weight gradient and rows of W_lᵀ for the forward currents.
 * Not thread-safe: one instance per thread.
 */
final class SpikingBptt {
    /** The hidden neurons' nonlinearity: its value in the forward pass, its slope in the backward pass. */
    interface SpikeFunction {
        double value(double u);

        double slope(double u);
    }

    /**
     * The spike H(u − θ), θ = 1 V (a spike when u &gt; θ, as {@code LifLayer}), with the
     * SuperSpike surrogate slope 1/(1 + k·|u − θ|)² (Zenke &amp; Ganguli 2018,
     * doi:10.1162/neco_a_01086).
     */
    static SpikeFunction heaviside(double steepness) {
        double theta = IfNeurons.THRESHOLD_VOLTS;
        return new SpikeFunction() {
            @Override
            public double value(double u) {
                return u > theta ? 1 : 0;
            }

            @Override
            public double slope(double u) {
                double d = 1 + steepness * Math.abs(u - theta);
                return 1 / (d * d);
            }
        };
    }

    private final int[] sizes;
    private final int layers;
    private final int steps;
    private final SpikeFunction f;
    /** W_l as rows [out][in]. */
    private final double[][][] w;
    /** W_lᵀ as rows [in][out]. */
    private final double[][][] wt;
    private final double[][] b;
    private final double[] current0;
    private final double[][] u;
    private final double[][] current;
    /** s_l(t), hidden layers only: act[l][t][j]. */
    private final double[][][] act;
    private final double[][][] slope;
    private final double[] logits;
    private final double[] probs;
    /** e_l(t) = ∂ℓ/∂s_l(t) for the hidden layers below the top one (l &lt; L − 2); the top one's is {@link #errTop}. */
    private final double[][][] err;
    /** e_{L−2}, the same at every step. */
    private final double[] errTop;
    private final double[][] lambda;
    private final double[] lambdaSum;
    private final double[] counts;
    /** Gradient accumulators, W_l as rows [out][in], and b_l. */
    final double[][][] gw;
    final double[][] gb;

    SpikingBptt(int[] sizes, int steps, SpikeFunction f) {
        this.sizes = sizes.clone();
        this.layers = sizes.length - 1;
        this.steps = steps;
        this.f = f;
        w = new double[layers][][];
        wt = new double[layers][][];
        b = new double[layers][];
        gw = new double[layers][][];
        gb = new double[layers][];
        u = new double[layers][];
        current = new double[layers][];
        lambda = new double[layers][];
        act = new double[layers - 1][steps][];
        slope = new double[layers - 1][steps][];
        err = new double[Math.max(layers - 2, 0)][steps][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new double[out][in];
            wt[l] = new double[in][out];
            b[l] = new double[out];
            gw[l] = new double[out][in];
            gb[l] = new double[out];
            u[l] = new double[out];
            current[l] = new double[out];
            lambda[l] = new double[out];
            if (l < layers - 1) {
                for (int t = 0; t < steps; t++) {
                    act[l][t] = new double[out];
                    slope[l][t] = new double[out];
                    if (l < layers - 2) {
                        err[l][t] = new double[out];
                    }
                }
            }
        }
        current0 = new double[sizes[1]];
        logits = new double[sizes[layers]];
        probs = new double[sizes[layers]];
        errTop = new double[sizes[layers - 1]];
        lambdaSum = new double[sizes[1]];
        counts = new double[sizes[layers - 1]];
    }

    /** Copies the model's float parameters into the double rows (exact). */
    void load(Mlp model) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] wl = model.weights(l);
            float[] bl = model.biases(l);
            for (int j = 0; j < out; j++) {
                double[] row = w[l][j];
                int base = j * in;
                for (int i = 0; i < in; i++) {
                    row[i] = wl[base + i];
                }
                b[l][j] = bl[j];
            }
            for (int i = 0; i < in; i++) {
                double[] row = wt[l][i];
                for (int j = 0; j < out; j++) {
                    row[j] = wl[j * in + i];
                }
            }
        }
    }

    /** Sets the gradient accumulators to zero. */
    void clearGradients() {
        for (int l = 0; l < layers; l++) {
            for (double[] row : gw[l]) {
                Arrays.fill(row, 0.0);
            }
            Arrays.fill(gb[l], 0.0);
        }
    }

    /**
     * Runs one image for T steps.
     *
     * @param x         not modified: the input, sizes[0] values
     * @param label     the class, in [0, sizes[L])
     * @param resetFrom null for the network's own reset; otherwise the hidden outputs s_l(t) of
     *                  another run ({@link #hiddenOutputs}) subtracted as constants instead,
     *                  the forward pass whose exact gradient is the detached one
     * @return the cross-entropy ℓ = −log softmax(z)_label
     */
    double forward(double[] x, int label, double[][][] resetFrom) {
        Arrays.fill(current0, 0.0);
        double[][] wt0 = wt[0];
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            if (xi != 0) {
                axpy(current0, xi, wt0[i]);
            }
        }
        for (int l = 0; l < layers; l++) {
            Arrays.fill(u[l], 0.0);
        }
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < layers; l++) {
                double[] c;
                if (l == 0) {
                    c = current0;
                } else {
                    c = current[l];
                    Arrays.fill(c, 0.0);
                    double[] a = act[l - 1][t];
                    double[][] wtl = wt[l];
                    for (int i = 0; i < a.length; i++) {
                        double ai = a[i];
                        if (ai != 0) {
                            axpy(c, ai, wtl[i]);
                        }
                    }
                }
                double[] ul = u[l];
                double[] bl = b[l];
                for (int j = 0; j < ul.length; j++) {
                    ul[j] = (ul[j] + c[j]) + bl[j];
                }
                if (l < layers - 1) {
                    double[] s = act[l][t];
                    double[] sl = slope[l][t];
                    for (int j = 0; j < ul.length; j++) {
                        s[j] = f.value(ul[j]);
                        sl[j] = f.slope(ul[j]);
                    }
                    double[] r = resetFrom == null ? s : resetFrom[l][t];
                    for (int j = 0; j < ul.length; j++) {
                        ul[j] -= r[j];
                    }
                }
            }
        }
        double[] out = u[layers - 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < out.length; j++) {
            logits[j] = out[j] / steps;
            max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = 0; j < out.length; j++) {
            probs[j] = Math.exp(logits[j] - max);
            sum += probs[j];
        }
        for (int j = 0; j < out.length; j++) {
            probs[j] /= sum;
        }
        return max + Math.log(sum) - logits[label];
    }

    /**
     * The class of the last {@link #forward}: the argmax of the output potentials u_{L−1}(T),
     * ties to the lower index ({@link SnnSimulator#predictedClass} with the membrane readout).
     */
    int predictedClass() {
        double[] out = u[layers - 1];
        int best = 0;
        for (int j = 1; j < out.length; j++) {
            if (out[j] > out[best]) {
                best = j;
            }
        }
        return best;
    }

    /** A copy of the hidden outputs s_l(t) of the last {@link #forward}, [l][t][j]. */
    double[][][] hiddenOutputs() {
        double[][][] c = new double[act.length][steps][];
        for (int l = 0; l < act.length; l++) {
            for (int t = 0; t < steps; t++) {
                c[l][t] = act[l][t].clone();
            }
        }
        return c;
    }

    /**
     * Adds ∂ℓ/∂W_l and ∂ℓ/∂b_l of the last {@link #forward} to {@link #gw} and {@link #gb} (see
     * the class comment).
     *
     * @param x     the input of that forward pass
     * @param label its class
     */
    void backward(double[] x, int label) {
        int top = layers - 1;
        double[] g = lambda[top];
        for (int j = 0; j < g.length; j++) {
            double dz = probs[j] - (j == label ? 1 : 0);
            gb[top][j] += dz;
            if (top == 0) {
                axpy(gw[0][j], dz, x);
            }
            g[j] = dz / steps;
        }
        if (top == 0) {
            return;
        }
        Arrays.fill(counts, 0.0);
        for (int t = 0; t < steps; t++) {
            axpy(counts, 1, act[top - 1][t]);
        }
        Arrays.fill(errTop, 0.0);
        for (int j = 0; j < g.length; j++) {
            axpy(gw[top][j], g[j], counts);
            axpy(errTop, g[j], w[top][j]);
        }
        for (int l = top - 1; l >= 0; l--) {
            double[] lam = lambda[l];
            Arrays.fill(lam, 0.0);
            if (l == 0) {
                Arrays.fill(lambdaSum, 0.0);
            }
            double[] gbl = gb[l];
            for (int t = steps - 1; t >= 0; t--) {
                double[] e = l == top - 1 ? errTop : err[l][t];
                double[] sl = slope[l][t];
                for (int j = 0; j < lam.length; j++) {
                    lam[j] += e[j] * sl[j];
                }
                axpy(gbl, 1, lam);
                if (l == 0) {
                    axpy(lambdaSum, 1, lam);
                } else {
                    double[] a = act[l - 1][t];
                    double[] below = err[l - 1][t];
                    Arrays.fill(below, 0.0);
                    double[][] gwl = gw[l];
                    double[][] wl = w[l];
                    for (int j = 0; j < lam.length; j++) {
                        double lj = lam[j];
                        if (lj != 0) {
                            axpy(gwl[j], lj, a);
                            axpy(below, lj, wl[j]);
                        }
                    }
                }
            }
        }
        for (int j = 0; j < lambdaSum.length; j++) {
            double lj = lambdaSum[j];
            if (lj != 0) {
                axpy(gw[0][j], lj, x);
            }
        }
    }

    /** y[0..n) += a·x[0..n), n = y.length. */
    private static void axpy(double[] y, double a, double[] x) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }
}
