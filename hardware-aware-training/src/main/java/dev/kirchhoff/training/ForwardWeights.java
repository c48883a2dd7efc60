package dev.kirchhoff.training;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The weights one mini-batch is computed with: per layer l the forward copy
 * {@code W̃_l = hardware.forwardWeights(W_l)}, kept flat as the hook writes it and as rows
 * ({@code n_{l+1}} rows of {@code n_l}, for the backward product {@code W̃ᵀ·δ}), its transpose
 * as rows ({@code n_l} rows of {@code n_{l+1}}, for the forward product), and the network's live
 * biases.
 *
 * <p>Why a transpose: the forward product {@code y_b = W̃·x_b} is computed as
 * {@code y_b += x_{b,i}·W̃ᵀ[i]} over i, an axpy over a contiguous row that C2 turns into vector
 * instructions, whereas the dot products {@code Σ_i W̃[j,i]·x_{b,i}} are reductions it must leave
 * scalar (Java fixes the order of float additions). Why rows: C2 (JDK 17) vectorises
 * {@code u[k] += s·v[k]} only when both arrays are indexed alike, so every operand starts at 0
 * (see {@link Gradients}). All are refreshed once per mini-batch: {@link #draw} calls the hooks
 * (one thread, layer order, for the random streams), {@link #arrange} copies and transposes and
 * may be split over threads.
 */
public final class ForwardWeights {
    private final Mlp model;
    private final float[][] flat;
    private final float[][][] rows;
    private final float[][][] transposed;

    /** Buffers for {@code model} (refer to its live biases); call {@link #refresh} before use. */
    public ForwardWeights(Mlp model) {
        this.model = Objects.requireNonNull(model, "model");
        int layers = model.layers();
        flat = new float[layers][];
        rows = new float[layers][][];
        transposed = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            flat[l] = new float[model.weights(l).length];
            rows[l] = new float[model.outputs(l)][model.inputs(l)];
            transposed[l] = new float[model.inputs(l)][model.outputs(l)];
        }
    }

    /**
     * Draws this mini-batch's forward weights and arranges them: {@link #draw} then
     * {@link #arrange arrange(0, 1)}.
     *
     * @param hardware the layer hooks
     * @param rng      the mini-batch's stream (advanced only by the hooks)
     */
    public void refresh(LayerHardware hardware, UniformRandomProvider rng) {
        draw(hardware, rng);
        arrange(0, 1);
    }

    /**
     * Calls {@code hardware.forwardWeights(l, W_l, W̃_l, rng)} for l = 0, 1, … in order, writing
     * the flat copies; {@link #rows} and {@link #transposed} are stale until {@link #arrange}.
     *
     * @param hardware the layer hooks
     * @param rng      the mini-batch's stream (advanced only by the hooks)
     */
    public void draw(LayerHardware hardware, UniformRandomProvider rng) {
        for (int l = 0; l < flat.length; l++) {
            hardware.forwardWeights(l, model.weights(l), flat[l], rng);
        }
    }

    /**
     * Copies part {@code part} of {@code parts} of every layer from the flat copies into the rows
     * ({@code W̃} rows {@code [m·part/parts, m·(part+1)/parts)}) and the transposes ({@code W̃ᵀ}
     * rows {@code [n·part/parts, n·(part+1)/parts)}). Different parts write different rows and
     * read only the flat copies, so they may run concurrently; together they cover everything.
     *
     * @param part  which part, in {@code [0, parts)}
     * @param parts number of parts, ≥ 1
     */
    public void arrange(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part must be in [0, parts) with parts ≥ 1, got part " + part
                    + " of " + parts);
        }
        for (int l = 0; l < flat.length; l++) {
            float[] w = flat[l];
            int n = model.inputs(l);
            int m = model.outputs(l);
            float[][] r = rows[l];
            for (int j = share(m, part, parts); j < share(m, part + 1, parts); j++) {
                System.arraycopy(w, j * n, r[j], 0, n);
            }
            float[][] t = transposed[l];
            for (int i = share(n, part, parts); i < share(n, part + 1, parts); i++) {
                float[] ti = t[i];
                for (int j = 0; j < m; j++) {
                    ti[j] = w[j * n + i];
                }
            }
        }
    }

    /** Start of part {@code part} of {@code parts} of {@code [0, n)}: {@code ⌊n·part/parts⌋}. */
    static int share(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /** The network these weights belong to. */
    public Mlp model() {
        return model;
    }

    /** The live forward copy {@code W̃_l}, flat row-major [out][in], as the hook wrote it. */
    public float[] weights(int l) {
        return flat[l];
    }

    /** The live rows of {@code W̃_l}: row j holds {@code W̃_l[j][·]}. */
    public float[][] rows(int l) {
        return rows[l];
    }

    /** The live transpose {@code W̃_lᵀ} as rows: row i holds {@code W̃_l[·][i]}. */
    public float[][] transposed(int l) {
        return transposed[l];
    }
}
