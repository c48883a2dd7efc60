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
 * same weights on any number of threads. It also sets the layer's column scales, which the
 * output transforms of that mini-batch read (and never write), so the transforms may run on
 * several threads at once. One instance serves one training run at a time.
 */
public final class NoisyTiles implements LayerHardware {
    /** Row blocks of the weight-noise loop, shared out over the cores. */
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
        final PairNoise pair = this.pair;
        final float sigmaMul = (float) noise.multiplicativeStd();
        final float sigmaAdd = (float) noise.additiveStd();
        final float dropAbove = this.dropAbove;
        final boolean drop = noise.dropConnect() > 0;
        final int pairOffset = GaussianPool.offset(rng);
        final int mulOffset = GaussianPool.offset(rng);
        final int addOffset = GaussianPool.offset(rng);
        final int dropOffset = GaussianPool.offset(rng);
        final int blocks = Math.min(out, BLOCKS);
        // A pure function of w, the pool and the offsets: the row blocks may run on any threads.
        IntStream.range(0, blocks).parallel().forEach(block -> {
            for (int j = block * out / blocks, jEnd = (block + 1) * out / blocks; j < jEnd; j++) {
                final float sj = s[j];
                final float inv = 1f / sj;
                for (int e = j * in, end = e + in; e < end; e++) {
                    float u = w[e] * inv;
                    if (pair != null) {
                        u = Math.copySign(pair.draw(Math.abs(u), pool.at(pairOffset, e)), u);
                    }
                    if (sigmaMul > 0) {
                        u *= 1 + sigmaMul * pool.at(mulOffset, e);
                    }
                    if (sigmaAdd > 0) {
                        u += sigmaAdd * pool.at(addOffset, e);
                    }
                    if (drop && pool.at(dropOffset, e) > dropAbove) {
                        u = 0;
                    }
                    wForward[e] = u * sj;
                }
            }
        });
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
