package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * The ideal crossbar: Ohm's law per cell and Kirchhoff's current law per column,
 * {@code I_j = Σ_i V_i·G_ij} (forward) and {@code I_i = Σ_j V_j·G_ij} (transposed).
 *
 * <p>A batch is one matrix product: forward {@code Y = X·G} (X is K×M, Y is K×N), backward
 * {@code Y = X·Gᵀ} (X is K×N, Y is K×M), computed by a cache- and register-blocked kernel
 * ({@link PackedMatrix}) that the JIT vectorises, on both cores for large batches. The engine
 * holds G packed into column panels, built once here; the transposed copy used by
 * {@link #backward} is built on its first call. Memory: 8·M·N bytes for each.
 *
 * <p>Summation order (documented in {@link PackedMatrix}): over i in blocks of 128, in groups of
 * four consecutive i, the block sums added left to right. It depends on neither the number of
 * threads nor the batch size, so results are bit-for-bit reproducible, and each output agrees
 * with the textbook left-to-right sum to within {@code n·u·Σ|V||G|} (n = M forward, N backward;
 * u = 2⁻⁵³).
 *
 * <p>Thread-safe: any number of threads may call {@link #forward} and {@link #backward} at once.
 */
public final class IdealCrossbar implements CrossbarEngine {
    private final int m;
    private final int n;
    /** G (M×N) packed; forward is Y = X·G. */
    private final PackedMatrix forwardMatrix;
    /** Row-major G: the conductance matrix's own array (not a copy), source of the transposed pack. */
    private final double[] g;
    /** Gᵀ (N×M) packed, built on the first backward call; backward is Y = X·Gᵀ. */
    private volatile PackedMatrix backwardMatrix;

    public IdealCrossbar(ConductanceMatrix conductances) {
        this.m = conductances.rows();
        this.n = conductances.cols();
        this.g = conductances.data();
        this.forwardMatrix = PackedMatrix.pack(g, m, n, false);
    }

    @Override
    public int rows() {
        return m;
    }

    @Override
    public int cols() {
        return n;
    }

    @Override
    public void forward(double[] voltages, int batch, double[] currentsOut) {
        checkBatch(voltages, batch, m, currentsOut, n);
        forwardMatrix.multiply(voltages, batch, currentsOut);
    }

    @Override
    public void backward(double[] voltages, int batch, double[] currentsOut) {
        checkBatch(voltages, batch, n, currentsOut, m);
        transposed().multiply(voltages, batch, currentsOut);
    }

    /** Gᵀ packed; racing first calls may each build it, with identical results. */
    private PackedMatrix transposed() {
        PackedMatrix t = backwardMatrix;
        if (t == null) {
            t = PackedMatrix.pack(g, n, m, true);
            backwardMatrix = t;
        }
        return t;
    }

    static void checkBatch(double[] in, int batch, int inLen, double[] out, int outLen) {
        Checks.positive("batch", batch);
        if (in.length < (long) batch * inLen) {
            throw new IllegalArgumentException("input length must be at least batch·" + inLen + " = "
                    + (long) batch * inLen + ", got " + in.length);
        }
        if (out.length < (long) batch * outLen) {
            throw new IllegalArgumentException("output length must be at least batch·" + outLen + " = "
                    + (long) batch * outLen + ", got " + out.length);
        }
    }
}
