package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.ConductanceRange;

/**
 * How a weight matrix is held by the conductances of one physical crossbar, and how the
 * crossbar's currents are turned back into weights-domain results. The mapping and its scale
 * are explicit objects (ARCHITECTURE.md, "units and numbers"), immutable once built.
 *
 * <p>Shapes. A weight matrix W is out×in, N×M, with {@code y = W·x}, stored row-major:
 * {@code W[j][i] = weights[j·M + i]}. The crossbar's rows are the M inputs; its
 * {@link #columns() C} physical columns hold the N outputs in whatever layout the mapping
 * chooses (C = 2N for a differential pair, N + 1 with a reference column, 2·S·N for S
 * differential slices). Conductances are row-major M×C: {@code G[i][c] = g[i·C + c]}. So device
 * (i, c) relates to W[j][i] for the output j that column c belongs to.
 *
 * <p>Units. Engine inputs are volts and outputs amperes; the methods here work per volt of
 * input (currents in A/V = S), so a caller that drives rows at {@code V = x·v_read} divides the
 * results by {@code v_read}. {@link #weightMax()} is the |W| that maps to the full conductance
 * window; the periphery uses it as the unit of its output bound.
 *
 * <p>Implementations: {@link DifferentialPairMapping}, {@link ReferenceColumnMapping},
 * {@link BitSlicedMapping}, {@link VectorUnitCellMapping}. Sources: aihwkit's mapping of weights to conductance pairs (Rasch et
 * al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494); Gokmen &amp; Vlasov 2016
 * (doi:10.3389/fnins.2016.00333) for the reference-device (one device per weight) form.
 */
public interface ConductanceMapping {
    /** M, the number of inputs (crossbar rows). */
    int inputs();

    /** N, the number of outputs (weight-matrix rows). */
    int outputs();

    /** C, the number of physical crossbar columns. */
    int columns();

    /** The nominal conductance window the targets lie in. */
    ConductanceRange range();

    /** The |W| that maps to the full window (weight units); larger weights are clipped. */
    double weightMax();

    /**
     * s, the conductance per unit weight (S) at the column that {@link #updateColumn} names, so
     * one device step Δg moves the weight by Δg/s.
     */
    double weightScaleSiemens();

    /**
     * Target conductances for W.
     *
     * @param weights not modified: N×M row-major, finite
     * @param gOut    modified: M×C row-major target conductances (S), each in {@link #range()}
     */
    void targetConductances(double[] weights, double[] gOut);

    /**
     * Weights held by the conductances g: the inverse of {@link #targetConductances} for
     * weights within ±{@link #weightMax()} (up to the bit-sliced quantisation).
     *
     * @param g    not modified: M×C row-major (S)
     * @param wOut modified: N×M row-major weights
     */
    void weightsOf(double[] g, double[] wOut);

    /**
     * Forward read-out: column currents per volt of row drive to weights-domain outputs,
     * {@code y_k = W·x_k} when the rows were driven at {@code x_k} volts, for the batch rows
     * {@code fromRow ≤ k < toRow} (a caller may convert each row right after its own
     * post-processing, while it is in cache, or the whole batch at once).
     *
     * @param currents not modified: K×C column currents (A) for row voltages x (V), row k at k·C
     * @param fromRow  first batch row, ≥ 0
     * @param toRow    end of the rows (exclusive), &gt; fromRow
     * @param yOut     modified: rows [fromRow, toRow) of a K×N array
     */
    void forwardOutputs(double[] currents, int fromRow, int toRow, double[] yOut);

    /**
     * Column drive of the transposed read for weights-domain inputs d (K×N): the C column
     * voltages whose row currents, passed to {@link #backwardOutputs}, give {@code Wᵀ·d}.
     *
     * @param d     not modified: K×N
     * @param batch K ≥ 1
     * @param vOut  modified: K×C column voltages (V per unit of d)
     */
    void backwardDrive(double[] d, int batch, double[] vOut);

    /**
     * Transposed read-out: row currents for the drive of {@link #backwardDrive} to {@code Wᵀ·d},
     * for the batch rows {@code fromRow ≤ k < toRow}.
     *
     * @param rowCurrents not modified: K×M (A)
     * @param fromRow     first batch row, ≥ 0
     * @param toRow       end of the rows (exclusive), &gt; fromRow
     * @param out         modified: rows [fromRow, toRow) of a K×M array; may be {@code rowCurrents}
     */
    void backwardOutputs(double[] rowCurrents, int fromRow, int toRow, double[] out);

    /**
     * The physical column whose devices receive the pulses that change W[j][·] in the given
     * direction.
     *
     * @param j        output index, 0 ≤ j &lt; N
     * @param increase true for a positive weight change
     */
    int updateColumn(int j, boolean increase);

    /**
     * D, the devices that hold one weight and share its update ({@link VectorUnitCellMapping});
     * 1 for every mapping whose update goes to one fixed device per sign of the change.
     */
    default int devicesPerCell() {
        return 1;
    }

    /**
     * The physical column of device {@code device} of the cell of output j that receives the
     * pulses changing W[j][·] in the given direction, when the tile's update has chosen that
     * device ({@link AnalogTile#update}). With one device per cell it is
     * {@link #updateColumn(int, boolean)}.
     *
     * @param j        output index, 0 ≤ j &lt; N
     * @param increase true for a positive weight change
     * @param device   0 ≤ device &lt; {@link #devicesPerCell()}
     */
    default int updateColumn(int j, boolean increase, int device) {
        if (device != 0) {
            throw new IllegalArgumentException("device must be 0 for a mapping with one device per cell, got " + device);
        }
        return updateColumn(j, increase);
    }

    /** The pulse polarity (+1 potentiation, −1 depression) for a positive or negative weight change. */
    byte updatePolarity(boolean increase);

    /** Requires {@code weights.length = N·M} and every weight finite. */
    default void checkWeights(double[] weights) {
        if (weights.length != (long) outputs() * inputs()) {
            throw new IllegalArgumentException("weights.length must be outputs·inputs = " + (long) outputs() * inputs()
                    + ", got " + weights.length);
        }
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weights[" + k / inputs() + "][" + k % inputs()
                        + "] must be finite, got " + weights[k]);
            }
        }
    }

    /** Requires {@code 0 ≤ fromRow < toRow}. */
    static void checkRowRange(int fromRow, int toRow) {
        if (fromRow < 0 || toRow <= fromRow) {
            throw new IllegalArgumentException("row range must satisfy 0 ≤ fromRow < toRow, got fromRow=" + fromRow
                    + ", toRow=" + toRow);
        }
    }

    /** Requires an array of at least {@code length} elements, named in the message. */
    static void requireLength(String name, double[] a, long length) {
        if (a.length < length) {
            throw new IllegalArgumentException(name + ".length must be at least " + length + ", got " + a.length);
        }
    }

    /** max |W| over the elements, 0 for an all-zero matrix (NaN rejected). */
    static double maxAbs(double[] weights) {
        double m = 0;
        for (int k = 0; k < weights.length; k++) {
            double a = Math.abs(weights[k]);
            if (!(a < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights[" + k + "] must be finite, got " + weights[k]);
            }
            m = Math.max(m, a);
        }
        return m;
    }
}
