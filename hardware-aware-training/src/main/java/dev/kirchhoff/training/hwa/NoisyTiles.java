package dev.kirchhoff.training.hwa;

import dev.kirchhoff.crossbar.Periphery;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.LayerHardware;
import java.util.stream.IntStream;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Noise in the loop: every layer of the network as a column-scaled analog tile, for training. Each
 * mini-batch's forward pass uses weights drawn by {@link WeightNoise} (the profile's programming
 * and read noise on the differential pair, drawn as one Gaussian with the pair's exact mean and
 * variance, {@link PairNoise}, and the generic modifiers) on the column-normalised
 * weights {@code u = w/s_j} ({@link ColumnScales}), and every product passes the tile's
 * {@link TilePeriphery} (DAC, ADC, input and output noise). The backward pass is straight-through
 * (see {@link LayerHardware}). This is the hardware-aware training of Joshi et al. (Nat. Commun.
 * 11, 2473, 2020, doi:10.1038/s41467-020-16108-9) and of aihwkit's {@code InferenceRPUConfig}
 * (Rasch et al., Nat. Commun. 14, 5282, 2023, doi:10.1038/s41467-023-40770-4).
 *
 * <p>Threads and randomness: {@link #forwardWeights} runs on the training thread once per
 * mini-batch. Its normals come from a {@link GaussianPool} drawn from the first mini-batch's
 * stream, read at offsets drawn from each batch's stream (one per modifier), so a seed gives the
 * same weights on any number of threads. The pair-noise loop of a large layer runs in blocks of
 * rows on the common fork-join pool (each row depends only on its inputs), whatever the trainer's
 * thread count. {@code forwardWeights} also sets the layer's column scales, which the output
 * transforms of that mini-batch read (and never write), so the transforms may run on several
 * threads at once. One instance serves one training run at a time.
 */
public final class NoisyTiles implements LayerHardware {
    /** Layers with at least this many weights share the pair-noise loop out over the cores. */
    private static final int PARALLEL_WEIGHTS = 1 << 15;
    /** Row blocks of that loop. */
    private static final int BLOCKS = 8;
    private final WeightNoise noise;
    private final TilePeriphery periphery;
    private final boolean columnwise;
    private final int[] sizes;
    private final float[][] columnScale;
    /** The pair's moments for programming and read noise, or null when programmingScale is 0. */
    private final PairNoise pair;
    /** Drop-connect: a weight is dropped when its pool normal exceeds Φ⁻¹(1 − p) (+∞ for p = 0). */
    private final float dropAbove;
    /** Normals for the weight noise, drawn from the first mini-batch's stream. */
    private GaussianPool pool;
    /** A layer's window of the pool, copied so that every array of the loops is indexed alike. */
    private float[] xiScratch;
    /** The tiles' wires when IR drop is in the loop, else null. */
    private final IrDropTiles irDrop;
    /** Mini-batches between two computations of a layer's IR-drop error. */
    private final int irDropRefreshBatches;
    /** The window's top, g_max (S), for mapping weights to conductances for the IR drop. */
    private final double gMax;
    /** Per layer: W_eff(w) − w at the last refresh (the IR-drop error), or null before the first. */
    private final float[][] irDropError;
    /** Per layer: mini-batches since the last refresh. */
    private final int[] sinceRefresh;

    /**
     * @param sizes      layer sizes n_0 … n_L of the network
     * @param device     the devices (conductance window, programming and read noise); may be null only
     *                   when {@code noise.programmingScale()} is 0
     * @param noise      the weight modifiers
     * @param periphery  the tile's converters and noises
     * @param columnwise one digital scale per column (else per layer)
     */
    public NoisyTiles(int[] sizes, InferenceDeviceModel device, WeightNoise noise, Periphery periphery,
            boolean columnwise) {
        this(sizes, device, noise, periphery, columnwise, null, 1);
    }

    /**
     * Noise in the loop with the tiles' IR drop: each layer's forward weights also carry the
     * IR-drop error of its tiles, {@code W_eff(w) − w} ({@link IrDropTiles}: the exact circuit of
     * the weights mapped onto differential pairs, {@code G± = g_max·clip(±w/s_j, 0, 1)}), computed
     * from the clean weights every {@code irDropRefreshBatches} mini-batches (about 1 s per
     * 256 × 256 tile) and added to the noisy weights in between. The error is exact at a refresh
     * for the noise-free weights; between refreshes it is that of weights a few updates old.
     *
     * @param irDrop               the tiles' wires, or null for ideal wires
     * @param irDropRefreshBatches mini-batches between two computations of the error, ≥ 1
     * @see #NoisyTiles(int[], InferenceDeviceModel, WeightNoise, Periphery, boolean)
     */
    public NoisyTiles(int[] sizes, InferenceDeviceModel device, WeightNoise noise, Periphery periphery,
            boolean columnwise, IrDropTiles irDrop, int irDropRefreshBatches) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("sizes must name at least an input and an output layer, got "
                    + (sizes == null ? "null" : sizes.length + " sizes"));
        }
        if (noise == null) {
            throw new IllegalArgumentException("noise must not be null, got null");
        }
        if (device == null && noise.programmingScale() > 0) {
            throw new IllegalArgumentException("device must be given for programming noise (programmingScale "
                    + noise.programmingScale() + "), got null");
        }
        if (device == null && irDrop != null) {
            throw new IllegalArgumentException("device must be given for IR drop (its window maps weights to"
                    + " conductances), got null");
        }
        if (irDropRefreshBatches < 1) {
            throw new IllegalArgumentException("irDropRefreshBatches must be at least 1, got " + irDropRefreshBatches);
        }
        this.irDrop = irDrop;
        this.irDropRefreshBatches = irDropRefreshBatches;
        this.gMax = device == null ? 1 : device.range().gMaxSiemens();
        this.irDropError = new float[sizes.length - 1][];
        this.sinceRefresh = new int[sizes.length - 1];
        this.noise = noise;
        this.periphery = new TilePeriphery(periphery);
        this.columnwise = columnwise;
        this.pair = noise.programmingScale() > 0
                ? new PairNoise(device, noise.programmingScale(), noise.readTimeSeconds()) : null;
        this.dropAbove = noise.dropConnect() > 0
                ? (float) (Math.sqrt(2) * Erf.erfInv(1 - 2 * noise.dropConnect())) : Float.POSITIVE_INFINITY;
        this.sizes = sizes.clone();
        this.columnScale = new float[sizes.length - 1][];
        for (int l = 0; l < columnScale.length; l++) {
            columnScale[l] = new float[sizes[l + 1]];
        }
    }

    /** The weight modifiers. */
    public WeightNoise noise() {
        return noise;
    }

    /** The periphery. */
    public TilePeriphery periphery() {
        return periphery;
    }

    @Override
    public void forwardWeights(int layer, float[] w, float[] wForward, UniformRandomProvider rng) {
        final int in = sizes[layer];
        final int out = sizes[layer + 1];
        final float[] s = columnScale[layer];
        ColumnScales.compute(w, out, in, columnwise, s);
        if (noise.isNone()) {
            System.arraycopy(w, 0, wForward, 0, w.length);
            addIrDrop(layer, w, s, wForward);
            return;
        }
        if (w.length > GaussianPool.SIZE) {
            throw new IllegalArgumentException("layer " + layer + " has " + w.length + " weights, more than the "
                    + GaussianPool.SIZE + " independent normals a mini-batch can draw from the pool");
        }
        if (pool == null) {
            pool = new GaussianPool(rng);
        }
        final GaussianPool pool = this.pool;
        final int n = w.length;
        final float[] xi = scratch(n);
        if (pair != null) {
            pool.copy(GaussianPool.offset(rng, n), xi, n);
            // ũ = u·ρ(a) + sd(a)·ξ, ρ and sd polynomials in t = √|u| (PairNoise), Horner written out
            // with the coefficients in locals so that C2 vectorises the loop.
            final float[] cr = pair.ratio;
            final float[] cs = pair.sd;
            final float r0 = cr[0], r1 = cr[1], r2 = cr[2], r3 = cr[3], r4 = cr[4], r5 = cr[5], r6 = cr[6], r7 = cr[7],
                    r8 = cr[8], r9 = cr[9], r10 = cr[10];
            final float s0 = cs[0], s1 = cs[1], s2 = cs[2], s3 = cs[3], s4 = cs[4], s5 = cs[5], s6 = cs[6], s7 = cs[7],
                    s8 = cs[8], s9 = cs[9], s10 = cs[10];
            // Two passes per row: C2 (JDK 17) leaves one loop with all 22 coefficients live scalar
            // (measured 11 ns per weight), two loops of 11 vectorise (1 ns). Rows are a pure function
            // of w, the pool window and the polynomials, so blocks of rows may run on any threads.
            final int blocks = n >= PARALLEL_WEIGHTS ? Math.min(out, BLOCKS) : 1;
            IntStream.range(0, blocks).parallel().forEach(block -> {
                for (int j = block * out / blocks, jEnd = (block + 1) * out / blocks; j < jEnd; j++) {
                    final float sj = s[j];
                    final float inv = 1f / sj;
                    for (int e = j * in, end = e + in; e < end; e++) {
                        float u = w[e] * inv;
                        float t = (float) Math.sqrt(Math.abs(u));
                        wForward[e] = u * ((((((((((r10 * t + r9) * t + r8) * t + r7) * t + r6) * t + r5) * t + r4)
                                * t + r3) * t + r2) * t + r1) * t + r0);
                    }
                    for (int e = j * in, end = e + in; e < end; e++) {
                        float t = (float) Math.sqrt(Math.abs(w[e] * inv));
                        float sd = (((((((((s10 * t + s9) * t + s8) * t + s7) * t + s6) * t + s5) * t + s4) * t
                                + s3) * t + s2) * t + s1) * t + s0;
                        wForward[e] = sj * (wForward[e] + sd * xi[e]);
                    }
                }
            });
        } else {
            System.arraycopy(w, 0, wForward, 0, n);
        }
        if (noise.multiplicativeStd() > 0) {
            final float sigma = (float) noise.multiplicativeStd();
            pool.copy(GaussianPool.offset(rng, n), xi, n);
            for (int e = 0; e < n; e++) {
                wForward[e] *= 1 + sigma * xi[e];
            }
        }
        if (noise.additiveStd() > 0) {
            final float sigma = (float) noise.additiveStd();
            pool.copy(GaussianPool.offset(rng, n), xi, n);
            for (int j = 0; j < out; j++) {
                final float step = sigma * s[j];
                for (int e = j * in, end = e + in; e < end; e++) {
                    wForward[e] += step * xi[e];
                }
            }
        }
        if (noise.dropConnect() > 0) {
            final float above = dropAbove;
            pool.copy(GaussianPool.offset(rng, n), xi, n);
            for (int e = 0; e < n; e++) {
                if (xi[e] > above) {
                    wForward[e] = 0f;
                }
            }
        }
        addIrDrop(layer, w, s, wForward);
    }

    /** Adds the layer's IR-drop error to the forward weights, recomputing it when it is due. */
    private void addIrDrop(int layer, float[] w, float[] s, float[] wForward) {
        if (irDrop == null) {
            return;
        }
        int in = sizes[layer];
        int out = sizes[layer + 1];
        int n = w.length;
        if (irDropError[layer] == null || sinceRefresh[layer] >= irDropRefreshBatches) {
            double[] g = new double[2 * n];
            for (int e = 0; e < n; e++) {
                double u = w[e] / s[e / in];
                g[e] = gMax * Math.min(Math.max(u, 0), 1);
                g[n + e] = gMax * Math.min(Math.max(-u, 0), 1);
            }
            float[] error = irDropError[layer] == null ? new float[n] : irDropError[layer];
            irDrop.effectiveWeights(g, in, out, s, gMax, error);
            for (int e = 0; e < n; e++) {
                float u = Math.min(Math.max(w[e] / s[e / in], -1f), 1f);
                error[e] -= s[e / in] * u;
            }
            irDropError[layer] = error;
            sinceRefresh[layer] = 0;
        }
        sinceRefresh[layer]++;
        float[] error = irDropError[layer];
        for (int e = 0; e < n; e++) {
            wForward[e] += error[e];
        }
    }

    private float[] scratch(int n) {
        if (xiScratch == null || xiScratch.length < n) {
            xiScratch = new float[n];
        }
        return xiScratch;
    }

    @Override
    public void transformInput(int layer, float[] x, int batch, int width, UniformRandomProvider rng) {
        periphery.input(x, batch, width, rng);
    }

    @Override
    public void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
            UniformRandomProvider rng) {
        periphery.output(x, inWidth, y, batch, width, columnScale[layer], 1, rng);
    }
}
