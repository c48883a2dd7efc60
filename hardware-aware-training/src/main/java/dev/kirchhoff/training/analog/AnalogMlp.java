package dev.kirchhoff.training.analog;

import dev.kirchhoff.crossbar.AnalogTile;
import dev.kirchhoff.crossbar.ConductanceMapping;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.ReferenceColumnMapping;
import dev.kirchhoff.crossbar.VectorUnitCellMapping;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A multilayer perceptron whose every weight matrix is an {@link AnalogTile}, trained in place
 * by analog SGD (aihwkit's {@code AnalogSGD} on a single-device tile; Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494; the resistive processing unit of Gokmen &amp; Vlasov,
 * Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333).
 *
 * <p>Network. Layer l (1 … L) maps {@code a_{l−1}} to
 * <pre>
 *   z_l = T_l(a_{l−1}) + b_l,    a_l = max(z_l, 0) for l &lt; L,    p = softmax(z_L)
 * </pre>
 * where {@code T_l(x) ≈ W_l·x} is the tile's forward read through its periphery (DAC, noise, ADC,
 * noise and bound management) and b_l is a digital bias (double). The loss is the batch mean of
 * the cross-entropy {@code −ln p_y}.
 *
 * <p>One training step on a batch of B samples: the forward reads; the output error
 * {@code δ_L = (p − onehot(y))/B}, the gradient of the mean loss at z_L; the errors of the hidden
 * layers by the tiles' transposed reads, {@code δ_{l−1} = T_lᵀ(δ_l) ⊙ 1[z_{l−1} &gt; 0]}, all from
 * the weights before the step; then every tile is updated in place by its stochastic pulse
 * trains, {@code E[ΔW_l] = −η·Σ_k δ_l,k·a_{l−1,k}ᵀ} ({@link AnalogTile#update}), so the devices'
 * own steps, bounds, asymmetry and noise shape what is learnt, and the biases by
 * {@code b_l ← b_l − η·Σ_k δ_l,k}.
 *
 * <p>Tiles. One tile per layer holds the whole N_l×M_l matrix (784×256 for MNIST's first layer),
 * as {@link dev.kirchhoff.tiling.TiledLayer} has no in-place update: a
 * {@link ReferenceColumnMapping} with the reference column at the devices' symmetry point
 * ({@link PulsedDeviceModel#symmetryPointSiemens()}, aihwkit's symmetry-point subtraction), so
 * W = 0 sits where balanced random pulses drive a device, and the window holds 2·w_max of weight
 * about it. With {@link AnalogSgdConfig#devicesPerCell()} D &gt; 1 every weight is a unit cell of
 * D devices against the same reference ({@link VectorUnitCellMapping}: the weight is the sum of
 * the D devices' weights, each spanning 1/D of the 2·w_max, and each sample's pulses go to one
 * device of every cell chosen at random, aihwkit's {@code VectorUnitCell} with
 * {@code SINGLE_RANDOM} as in its {@code ReRamSB4Preset}). The read engine is the ideal crossbar.
 *
 * <p>Initialisation: He et al. (ICCV 2015, doi:10.1109/ICCV.2015.123), {@code W ~ N(0, 2/M_l)},
 * programmed by {@link AnalogTile#programWeights} (an ideal write-verify, clipped to each device's
 * window); biases 0.
 *
 * <p>Not thread-safe (tiles own scratch buffers); the tiles' reads use the ForkJoinPool of the
 * calling thread and give the same bits on any number of threads.
 */
public final class AnalogMlp {
    private final int[] sizes;
    private final AnalogTile[] tiles;
    private final double[][] biases;

    // Scratch, grown with the batch: pre-activations z_l, hidden activations a_l and errors δ_l per layer.
    private int capacity;
    private double[][] z;
    private double[][] a;
    private double[][] delta;
    private double[] probabilities;

    private AnalogMlp(int[] sizes, AnalogTile[] tiles) {
        this.sizes = sizes;
        this.tiles = tiles;
        this.biases = new double[tiles.length][];
        for (int l = 0; l < tiles.length; l++) {
            biases[l] = new double[sizes[l + 1]];
        }
    }

    /**
     * A network with He-initialised weights programmed into fresh tiles.
     *
     * @param config    shape, device, periphery, w_max (its schedule is not used here)
     * @param deviceRng source of the device-to-device draws (advanced)
     * @param initRng   source of the initial weights (advanced)
     */
    public static AnalogMlp create(AnalogSgdConfig config, UniformRandomProvider deviceRng,
            UniformRandomProvider initRng) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deviceRng, "deviceRng");
        Objects.requireNonNull(initRng, "initRng");
        int[] sizes = config.layerSizes();
        PulsedDeviceModel device = config.device();
        double reference = device.symmetryPointSiemens();
        AnalogTile[] tiles = new AnalogTile[sizes.length - 1];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(initRng);
        for (int l = 0; l < tiles.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int cell = config.devicesPerCell();
            ConductanceMapping mapping = cell == 1
                    ? ReferenceColumnMapping.of(in, out, device.range(), config.weightMax(), reference)
                    : VectorUnitCellMapping.of(in, out, device.range(), config.weightMax(), reference, cell);
            tiles[l] = AnalogTile.create(mapping, device, IdealCrossbar::new, config.tile(), deviceRng);
            double[] w = new double[out * in];
            double sigma = Math.sqrt(2.0 / in);
            for (int k = 0; k < w.length; k++) {
                w[k] = sigma * gauss.sample();
            }
            tiles[l].programWeights(w);
        }
        return new AnalogMlp(sizes, tiles);
    }

    /** Neurons per layer, input first (a copy). */
    public int[] layerSizes() {
        return sizes.clone();
    }

    /** Number of weight layers L. */
    public int layers() {
        return tiles.length;
    }

    /** Inputs of the network. */
    public int inputs() {
        return sizes[0];
    }

    /** Outputs (classes) of the network. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /**
     * The effective weights the devices hold now (their read conductances through the mapping,
     * write noise included; with unit cells, the sum over each cell's devices), as plain floats: {@code weights()[l]} is layer l+1's N_l×M_l matrix,
     * row-major, element {@code [j·M_l + i]} = W[j][i] (output j, input i).
     */
    public float[][] weights() {
        float[][] out = new float[tiles.length][];
        for (int l = 0; l < tiles.length; l++) {
            double[] w = new double[sizes[l + 1] * sizes[l]];
            tiles[l].readWeights(w);
            out[l] = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                out[l][k] = (float) w[k];
            }
        }
        return out;
    }

    /** The digital biases as plain floats: {@code biases()[l][j]} is b_{l+1} of output j. */
    public float[][] biases() {
        float[][] out = new float[biases.length][];
        for (int l = 0; l < biases.length; l++) {
            out[l] = new float[biases[l].length];
            for (int j = 0; j < biases[l].length; j++) {
                out[l][j] = (float) biases[l][j];
            }
        }
        return out;
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        int layers = tiles.length;
        z = new double[layers][];
        a = new double[layers][];
        delta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[batch * sizes[l + 1]];
            a[l] = l < layers - 1 ? new double[batch * sizes[l + 1]] : null; // the output layer has no activation
            delta[l] = new double[batch * sizes[l + 1]];
        }
        probabilities = new double[batch * outputs()];
    }

    private void checkBatch(double[] x, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        long need = (long) batch * sizes[0];
        if (x.length < need) {
            throw new IllegalArgumentException("x.length must be at least batch·inputs = " + need + ", got " + x.length);
        }
        for (int k = 0; k < need; k++) {
            if (!Double.isFinite(x[k])) {
                throw new IllegalArgumentException("x[" + k + "] must be finite, got " + x[k]);
            }
        }
    }

    /** Forward reads of every layer into z and a; returns the logits array z_L. */
    private double[] forwardPass(double[] x, int batch, UniformRandomProvider rng) {
        ensureCapacity(batch);
        double[] in = x;
        for (int l = 0; l < tiles.length; l++) {
            int out = sizes[l + 1];
            double[] zl = z[l];
            tiles[l].forward(in, batch, zl, rng);
            double[] b = biases[l];
            boolean hidden = l < tiles.length - 1;
            double[] al = a[l];
            for (int k = 0; k < batch; k++) {
                for (int j = 0; j < out; j++) {
                    double v = zl[k * out + j] + b[j];
                    zl[k * out + j] = v;
                    if (hidden) {
                        al[k * out + j] = Math.max(v, 0);
                    }
                }
            }
            in = al;
        }
        return z[tiles.length - 1];
    }

    /**
     * The logits z_L of a batch (one forward read per layer, with the periphery's noise).
     *
     * @param x      not modified: B×M₀ inputs, finite
     * @param batch  B ≥ 1
     * @param out    modified: B×N_L logits
     * @param rng    source of the periphery's noise (advanced); may be null when it draws nothing
     */
    public void logits(double[] x, int batch, double[] out, UniformRandomProvider rng) {
        checkBatch(x, batch);
        int n = outputs();
        if (out.length < (long) batch * n) {
            throw new IllegalArgumentException("out.length must be at least batch·outputs = " + (long) batch * n
                    + ", got " + out.length);
        }
        double[] logits = forwardPass(x, batch, rng);
        System.arraycopy(logits, 0, out, 0, batch * n);
    }

    /** Loss and hits of one batch. */
    public record BatchResult(double lossSum, int correct) {
    }

    /**
     * One analog-SGD step on a batch (class comment): forward, backward through the tiles'
     * transposed reads, pulsed update of every tile, SGD on the biases.
     *
     * @param x            not modified: B×M₀ inputs, finite
     * @param labels       not modified: B class indices in [0, N_L)
     * @param batch        B ≥ 1
     * @param learningRate η ≥ 0, finite
     * @param rng          source of the periphery noise, the pulse trains and the devices' noise (advanced)
     * @return the summed cross-entropy of the batch (before the step) and how many samples were classified right
     */
    public BatchResult trainBatch(double[] x, int[] labels, int batch, double learningRate, UniformRandomProvider rng) {
        checkBatch(x, batch);
        if (!(learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be non-negative and finite, got " + learningRate);
        }
        int n = outputs();
        if (labels.length < batch) {
            throw new IllegalArgumentException("labels.length must be at least batch = " + batch + ", got " + labels.length);
        }
        for (int k = 0; k < batch; k++) {
            if (labels[k] < 0 || labels[k] >= n) {
                throw new IllegalArgumentException("labels[" + k + "] must be in [0, " + n + "), got " + labels[k]);
            }
        }
        Objects.requireNonNull(rng, "rng");
        double[] logits = forwardPass(x, batch, rng);
        int last = tiles.length - 1;
        double[] dOut = delta[last];
        double loss = 0;
        int correct = 0;
        for (int k = 0; k < batch; k++) {
            int o = k * n;
            int best = 0;
            double max = logits[o];
            for (int j = 1; j < n; j++) {
                if (logits[o + j] > max) {
                    max = logits[o + j];
                    best = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(logits[o + j] - max);
                probabilities[o + j] = e;
                sum += e;
            }
            int y = labels[k];
            loss += Math.log(sum) - (logits[o + y] - max);
            if (best == y) {
                correct++;
            }
            for (int j = 0; j < n; j++) {
                dOut[o + j] = (probabilities[o + j] / sum - (j == y ? 1 : 0)) / batch;
            }
        }
        // Errors of the hidden layers, all through the weights before the step.
        for (int l = last; l > 0; l--) {
            int in = sizes[l];
            double[] back = delta[l - 1];
            tiles[l].backward(delta[l], batch, back, rng);
            double[] zPrev = z[l - 1];
            for (int e = 0; e < batch * in; e++) {
                if (!(zPrev[e] > 0)) {
                    back[e] = 0;
                }
            }
        }
        if (learningRate > 0) {
            for (int l = 0; l <= last; l++) {
                double[] in = l == 0 ? x : a[l - 1];
                tiles[l].update(in, delta[l], batch, learningRate, rng);
                int out = sizes[l + 1];
                double[] b = biases[l];
                for (int k = 0; k < batch; k++) {
                    for (int j = 0; j < out; j++) {
                        b[j] -= learningRate * delta[l][k * out + j];
                    }
                }
            }
        }
        return new BatchResult(loss, correct);
    }
}
