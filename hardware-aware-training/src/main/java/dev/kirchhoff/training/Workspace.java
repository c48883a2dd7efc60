package dev.kirchhoff.training;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Scratch for the forward and backward passes of an {@link Mlp} on batches of up to
 * {@code capacity} samples: one per thread, allocated once, so that a pass allocates nothing.
 * Each pass reads its inputs and writes its results through explicit array arguments; the
 * workspace keeps, between {@link #forward} and {@link #backward}, each layer's input as
 * multiplied ({@code x̃_l}) and its pre-activation output {@code z_l}.
 *
 * <p>Equations, for layer l with {@code n = n_l} inputs and {@code m = n_{l+1}} outputs, batch
 * row b (see {@link LayerHardware} for the hooks):
 * <pre>
 *   forward:   x̃_b = transformInput(a_b);   y_b = W̃·x̃_b;   z_b = transformOutput(x̃_b, y_b) + b_l;   a'_b = max(z_b, 0)
 *   backward:  ∂W_l = Σ_b δ_b·x̃_bᵀ;   ∂b_l = Σ_b δ_b;   δ'_b = (W̃ᵀ·δ_b) ⊙ [z'_b &gt; 0]
 * </pre>
 * where δ is {@code ∂L/∂z_l} and the primes belong to the layer below (straight-through: the
 * hooks count as the identity in the backward pass).
 *
 * <p>Loops. Every inner loop is an axpy {@code u[0..len) += s·v[0..len)} over two float rows
 * that both start at index 0 (activations, gradients and weights are held as arrays of rows),
 * which C2 compiles to vector instructions: no reduction, so Java's fixed order of float
 * additions does not stand in the way and the result does not depend on whether the loop was
 * vectorised, and no offsets, which C2 (JDK 17) cannot reconcile between two arrays:
 * <ul>
 *   <li>forward: for each input i, for each sample b, {@code y_b[0..m) += x̃_{b,i}·W̃ᵀ[i][0..m)},
 *       skipping {@code x̃_{b,i} = 0} (most MNIST pixels, half the ReLU outputs); the row of W̃ᵀ is
 *       reused by every sample while it is in L1;</li>
 *   <li>weight gradient: for each output j, for each sample b, {@code ∂W[j][0..n) += δ_{b,j}·x̃_b[0..n)},
 *       skipping {@code δ_{b,j} = 0} (outputs the ReLU cut); the first non-zero term is stored
 *       rather than added, so no separate clearing pass is needed;</li>
 *   <li>data gradient: for each output j, for each sample b, {@code dx_b[0..n) += δ_{b,j}·W̃[j][0..n)}.</li>
 * </ul>
 * Sums over the batch run in sample order, so the result is a fixed function of the inputs.
 */
public final class Workspace {
    private final int[] sizes;
    private final int capacity;
    /** in[l][b]: layer l's input as multiplied (after transformInput), n_l floats per sample. */
    private final float[][][] in;
    /** The flat copy of the current layer's input handed to transformInput, capacity·max n_l. */
    private final float[] flatIn;
    /** The flat copy of the current layer's output handed to transformOutput, capacity·max n_{l+1}. */
    private final float[] flatOut;
    /** z[l][b]: layer l's output (bias added), n_{l+1} floats per sample. */
    private final float[][][] z;
    /** delta[l][b]: ∂L/∂z_l, n_{l+1} floats per sample. */
    private final float[][][] delta;
    /** dx[b]: ∂L/∂a_l for the layer being back-propagated, max_{l≥1} n_l floats per sample. */
    private final float[][] dx;
    private int lastBatch;

    /**
     * @param sizes    layer sizes of the network (validated as by {@link Mlp}); not modified
     * @param capacity largest batch, ≥ 1
     */
    public Workspace(int[] sizes, int capacity) {
        Mlp.checkSizes(sizes);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.sizes = sizes.clone();
        this.capacity = capacity;
        int layers = sizes.length - 1;
        in = new float[layers][][];
        z = new float[layers][][];
        delta = new float[layers][][];
        int widest = 0;
        int widestHidden = 0;
        for (int l = 0; l < layers; l++) {
            in[l] = new float[capacity][sizes[l]];
            z[l] = new float[capacity][sizes[l + 1]];
            delta[l] = new float[capacity][sizes[l + 1]];
            widest = Math.max(widest, sizes[l]);
            if (l > 0) {
                widestHidden = Math.max(widestHidden, sizes[l]);
            }
        }
        widest = Math.max(widest, sizes[layers]);
        flatIn = new float[Math.multiplyExact(capacity, widest)];
        flatOut = new float[flatIn.length];
        dx = new float[capacity][widestHidden];
    }

    /** Largest batch this workspace holds. */
    public int capacity() {
        return capacity;
    }

    /**
     * Forward pass of {@code batch} samples.
     *
     * @param weights the mini-batch's weights (refreshed), for a network of this workspace's sizes
     * @param x       not modified: {@code batch} rows of {@code n_0} inputs, row-major
     * @param batch   number of samples, in {@code [1, capacity]}
     * @param logits  modified: {@code batch} rows of {@code n_L} logits, row-major
     * @param hw      the transforms of inputs and outputs
     * @param rng     the stream handed to the transforms
     */
    public void forward(ForwardWeights weights, float[] x, int batch, float[] logits, LayerHardware hw,
            UniformRandomProvider rng) {
        checkBatch(batch);
        Mlp model = weights.model();
        checkModel(model);
        int layers = sizes.length - 1;
        checkLength("x", x, batch * sizes[0]);
        checkLength("logits", logits, batch * sizes[layers]);
        System.arraycopy(x, 0, flatIn, 0, batch * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            float[][] a = in[l];
            float[][] y = z[l];
            float[][] wt = weights.transposed(l);
            // the input of layer l > 0 was left in flatIn by the previous layer
            hw.transformInput(l, flatIn, batch, n, rng);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flatIn, b * n, a[b], 0, n);
                Arrays.fill(y[b], 0f);
            }
            for (int i = 0; i < n; i++) {
                float[] wi = wt[i];
                for (int b = 0; b < batch; b++) {
                    float xi = a[b][i];
                    if (xi != 0) {
                        axpy(xi, wi, y[b]);
                    }
                }
            }
            for (int b = 0; b < batch; b++) {
                System.arraycopy(y[b], 0, flatOut, b * m, m);
            }
            hw.transformOutput(l, flatIn, n, flatOut, batch, m, rng);
            float[] bias = model.biases(l);
            for (int b = 0; b < batch; b++) {
                float[] yb = y[b];
                System.arraycopy(flatOut, b * m, yb, 0, m);
                axpy(1f, bias, yb);
                if (l + 1 < layers) {
                    for (int k = 0; k < m; k++) {
                        flatIn[b * m + k] = Math.max(yb[k], 0f);
                    }
                } else {
                    System.arraycopy(yb, 0, logits, b * m, m);
                }
            }
        }
        lastBatch = batch;
    }

    /**
     * Backward pass of the batch of the last {@link #forward} call: writes the gradient of
     * {@code Σ_b L_b} with respect to every weight and bias, given {@code ∂L/∂z_{L−1}}.
     *
     * @param weights the same weights as the forward pass
     * @param dLogits not modified: {@code batch} rows of {@code ∂L/∂logits}, row-major
     * @param batch   the forward pass's batch
     * @param out     modified: overwritten with the batch's gradients
     */
    public void backward(ForwardWeights weights, float[] dLogits, int batch, Gradients out) {
        if (batch != lastBatch) {
            throw new IllegalArgumentException("batch must be that of the last forward pass, " + lastBatch
                    + ", got " + batch);
        }
        checkModel(weights.model());
        int layers = sizes.length - 1;
        if (out.layers() != layers) {
            throw new IllegalArgumentException("out must have " + layers + " layers, got " + out.layers());
        }
        checkLength("dLogits", dLogits, batch * sizes[layers]);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dLogits, b * sizes[layers], delta[layers - 1][b], 0, sizes[layers]);
        }
        for (int l = layers - 1; l >= 0; l--) {
            int n = sizes[l];
            int m = sizes[l + 1];
            float[][] d = delta[l];
            float[][] x = in[l];
            float[] gb = out.biases(l);
            Arrays.fill(gb, 0f);
            for (int b = 0; b < batch; b++) {
                axpy(1f, d[b], gb);
            }
            float[][] gw = out.weights(l);
            for (int j = 0; j < m; j++) {
                float[] gj = gw[j];
                boolean written = false;
                for (int b = 0; b < batch; b++) {
                    float dj = d[b][j];
                    if (dj == 0) {
                        continue;
                    }
                    if (written) {
                        axpy(dj, x[b], gj);
                    } else {
                        scale(dj, x[b], gj);
                        written = true;
                    }
                }
                if (!written) {
                    Arrays.fill(gj, 0f);
                }
            }
            if (l > 0) {
                float[][] w = weights.rows(l);
                for (int b = 0; b < batch; b++) {
                    Arrays.fill(dx[b], 0, n, 0f);
                }
                for (int j = 0; j < m; j++) {
                    float[] wj = w[j];
                    for (int b = 0; b < batch; b++) {
                        float dj = d[b][j];
                        if (dj != 0) {
                            axpy(dj, wj, dx[b]);
                        }
                    }
                }
                for (int b = 0; b < batch; b++) {
                    float[] below = delta[l - 1][b];
                    float[] zBelow = z[l - 1][b];
                    float[] dxb = dx[b];
                    for (int k = 0; k < n; k++) {
                        below[k] = zBelow[k] > 0 ? dxb[k] : 0f;
                    }
                }
            }
        }
    }

    /** {@code u[0, v.length) += s·v}. */
    private static void axpy(float s, float[] v, float[] u) {
        for (int k = 0; k < v.length; k++) {
            u[k] += s * v[k];
        }
    }

    /** {@code u[0, v.length) = s·v}. */
    private static void scale(float s, float[] v, float[] u) {
        for (int k = 0; k < v.length; k++) {
            u[k] = s * v[k];
        }
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("batch must be in [1, " + capacity + "], got " + batch);
        }
    }

    private void checkModel(Mlp model) {
        boolean same = model.layers() == sizes.length - 1;
        for (int l = 0; same && l + 1 < sizes.length; l++) {
            same = model.inputs(l) == sizes[l] && model.outputs(l) == sizes[l + 1];
        }
        if (!same) {
            throw new IllegalArgumentException("weights must belong to a network of sizes " + Arrays.toString(sizes)
                    + ", got " + model);
        }
    }

    private static void checkLength(String name, float[] a, int needed) {
        if (a.length < needed) {
            throw new IllegalArgumentException(name + ".length must be at least " + needed + ", got " + a.length);
        }
    }
}
