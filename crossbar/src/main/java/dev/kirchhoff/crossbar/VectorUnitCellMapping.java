package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;

/**
 * D devices per weight (a "unit cell") plus one shared reference column: aihwkit's
 * {@code VectorUnitCell} with its {@code SINGLE_RANDOM} update policy, as used by the compound
 * presets {@code ReRamSB2Preset} and {@code ReRamSB4Preset} (aihwkit.simulator.presets.compounds;
 * Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494), read against a reference column
 * as in Gokmen &amp; Vlasov (Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333).
 *
 * <p>Layout and read. Device k (0 ≤ k &lt; D) of the cell of output j sits in column
 * {@code j·D + k}; column N·D is the reference, at G_ref (e.g. the devices' symmetry point). The
 * D columns of a cell feed one output, so their currents add, and
 * <pre>
 *   s = D·(g_max − g_min)/(2·w_max)                         (per device)
 *   w_k = (G_k − G_ref)/s,    W[j][i] = Σ_k w_k               (the cell's weight)
 *   y_j = (Σ_k I_{j·D+k} − D·I_ref)/s                       (per volt of row drive)
 * </pre>
 * so one analog read (one ADC conversion per output) gives the cell's weight, as aihwkit reads the
 * reduced weight {@code Σ_k γ_k·W_k} through one periphery. Each device spans 1/D of the cell's
 * range, and the cell holds {@code [(g_min − G_ref)·D/s, (g_max − G_ref)·D/s]}, the 2·w_max of a
 * {@link ReferenceColumnMapping} with the same w_max and G_ref. This is aihwkit's default
 * weighting {@code γ_k = 1/D} (the mean of D devices each spanning the whole range) written in
 * the cell's weight units: the same conductances give the same weight. A pulse moves the cell by
 * Δg/s, 1/D of a single device's step, and the devices' independent write noise, cycle-to-cycle
 * noise and device-to-device spread add in quadrature, so relative to the range they fall by
 * about √D.
 *
 * <p>Programming ({@link #targetConductances}): every device of a cell gets the same target,
 * {@code G_ref + s·W/D} (aihwkit's {@code onSetWeights} sets all devices to W, their mean then
 * reads W), clipped to the window.
 *
 * <p>Transposed read: the D columns of output j are driven at d_j and the reference column at
 * {@code −D·Σ_j d_j}, so row i carries {@code Σ_j d_j·Σ_k(G_ijk − G_ref,i) = s·(Wᵀd)_i}.
 *
 * <p>Update ({@code SINGLE_RANDOM}): {@link AnalogTile#update} draws, for every sample it
 * applies, one device index k uniformly in [0, D) and sends all of that sample's pulses to device
 * k of each cell ({@link #updateColumn(int, boolean, int)}): one device per cross-point and
 * update, the same k across the tile, as aihwkit's {@code VectorRPUDevice::initUpdateCycle}
 * (which draws {@code ⌊u·D⌋} once per update cycle, i.e. per sample on its CPU path). Pulse
 * counts: aihwkit counts them against the devices' mean granularity dw_min, so its realised rate
 * is lr/D; here they are counted against the cell's step Δg/s ({@link #weightScaleSiemens()}),
 * so {@code E[ΔW] = −lr·d·xᵀ} holds in the cell's units and lr here is aihwkit's lr/D.
 */
public final class VectorUnitCellMapping extends MappingBase {
    private final int devicesPerCell;
    private final double s;
    private final double gRef;
    private final double wLow;
    private final double wHigh;

    private VectorUnitCellMapping(int inputs, int outputs, ConductanceRange range, double weightMax,
            double referenceSiemens, int devicesPerCell) {
        super(inputs, outputs, range, weightMax);
        this.devicesPerCell = Checks.positive("devicesPerCell", devicesPerCell);
        long columns = (long) outputs * devicesPerCell + 1;
        if (columns > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("outputs·devicesPerCell + 1 must fit an int, got " + columns);
        }
        this.gRef = Checks.inRange("referenceSiemens", referenceSiemens, range.gMinSiemens(), range.gMaxSiemens());
        this.s = devicesPerCell * range.widthSiemens() / (2 * weightMax);
        this.wLow = devicesPerCell * (range.gMinSiemens() - referenceSiemens) / s;
        this.wHigh = devicesPerCell * (range.gMaxSiemens() - referenceSiemens) / s;
    }

    /**
     * @param inputs           M ≥ 1
     * @param outputs          N ≥ 1
     * @param range            the devices' conductance window
     * @param weightMax        w_max, half the cell's span in weight units, positive and finite
     * @param referenceSiemens G_ref, in [g_min, g_max]
     * @param devicesPerCell   D ≥ 1 (D = 1 holds the same weights as {@link ReferenceColumnMapping})
     */
    public static VectorUnitCellMapping of(int inputs, int outputs, ConductanceRange range, double weightMax,
            double referenceSiemens, int devicesPerCell) {
        return new VectorUnitCellMapping(inputs, outputs, range, weightMax, referenceSiemens, devicesPerCell);
    }

    @Override
    public int devicesPerCell() {
        return devicesPerCell;
    }

    /** G_ref (S). */
    public double referenceSiemens() {
        return gRef;
    }

    /** The lowest weight a cell holds, D·(g_min − G_ref)/s. */
    public double weightLow() {
        return wLow;
    }

    /** The highest weight a cell holds, D·(g_max − G_ref)/s. */
    public double weightHigh() {
        return wHigh;
    }

    @Override
    public int columns() {
        return n * devicesPerCell + 1;
    }

    /** s, the conductance per unit weight of one device: a device step Δg moves its cell by Δg/s. */
    @Override
    public double weightScaleSiemens() {
        return s;
    }

    @Override
    public void targetConductances(double[] weights, double[] gOut) {
        checkWeights(weights);
        int dpc = devicesPerCell;
        int c = n * dpc + 1;
        ConductanceMapping.requireLength("gOut", gOut, (long) m * c);
        double gMin = range.gMinSiemens();
        double gMax = range.gMaxSiemens();
        double perDevice = s / dpc;
        for (int i = 0; i < m; i++) {
            int row = i * c;
            for (int j = 0; j < n; j++) {
                double w = Math.min(Math.max(weights[j * m + i], wLow), wHigh);
                double g = Math.min(Math.max(gRef + perDevice * w, gMin), gMax);
                for (int k = 0; k < dpc; k++) {
                    gOut[row + j * dpc + k] = g;
                }
            }
            gOut[row + n * dpc] = gRef;
        }
    }

    @Override
    public void weightsOf(double[] g, double[] wOut) {
        int dpc = devicesPerCell;
        int c = n * dpc + 1;
        ConductanceMapping.requireLength("g", g, (long) m * c);
        ConductanceMapping.requireLength("wOut", wOut, (long) n * m);
        for (int i = 0; i < m; i++) {
            int row = i * c;
            double ref = g[row + n * dpc];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < dpc; k++) {
                    sum += g[row + j * dpc + k] - ref;
                }
                wOut[j * m + i] = sum / s;
            }
        }
    }

    @Override
    public void forwardOutputs(double[] currents, int fromRow, int toRow, double[] yOut) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        int dpc = devicesPerCell;
        int c = n * dpc + 1;
        ConductanceMapping.requireLength("currents", currents, (long) toRow * c);
        ConductanceMapping.requireLength("yOut", yOut, (long) toRow * n);
        double inv = 1 / s;
        for (int k = fromRow; k < toRow; k++) {
            int io = k * c;
            int yo = k * n;
            double ref = dpc * currents[io + n * dpc];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                int cell = io + j * dpc;
                for (int q = 0; q < dpc; q++) {
                    sum += currents[cell + q];
                }
                yOut[yo + j] = (sum - ref) * inv;
            }
        }
    }

    @Override
    public void backwardDrive(double[] d, int batch, double[] vOut) {
        Checks.positive("batch", batch);
        int dpc = devicesPerCell;
        int c = n * dpc + 1;
        ConductanceMapping.requireLength("d", d, (long) batch * n);
        ConductanceMapping.requireLength("vOut", vOut, (long) batch * c);
        for (int k = 0; k < batch; k++) {
            double sum = 0;
            int vo = k * c;
            for (int j = 0; j < n; j++) {
                double v = d[k * n + j];
                for (int q = 0; q < dpc; q++) {
                    vOut[vo + j * dpc + q] = v;
                }
                sum += v;
            }
            vOut[vo + n * dpc] = -dpc * sum;
        }
    }

    @Override
    public void backwardOutputs(double[] rowCurrents, int fromRow, int toRow, double[] out) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        ConductanceMapping.requireLength("rowCurrents", rowCurrents, (long) toRow * m);
        ConductanceMapping.requireLength("out", out, (long) toRow * m);
        double inv = 1 / s;
        for (int k = fromRow * m; k < toRow * m; k++) {
            out[k] = rowCurrents[k] * inv;
        }
    }

    /** Device 0 of the cell, {@link #updateColumn(int, boolean, int) updateColumn(j, increase, 0)}. */
    @Override
    public int updateColumn(int j, boolean increase) {
        return updateColumn(j, increase, 0);
    }

    /** Column {@code j·D + device}: the device itself, potentiated or depressed. */
    @Override
    public int updateColumn(int j, boolean increase, int device) {
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException("j must be in [0, " + n + "), got " + j);
        }
        if (device < 0 || device >= devicesPerCell) {
            throw new IllegalArgumentException("device must be in [0, " + devicesPerCell + "), got " + device);
        }
        return j * devicesPerCell + device;
    }

    @Override
    public byte updatePolarity(boolean increase) {
        return increase ? (byte) 1 : (byte) -1;
    }

    @Override
    public String toString() {
        return "VectorUnitCellMapping[" + n + "×" + m + ", devicesPerCell=" + devicesPerCell + ", range=" + range
                + ", weightMax=" + weightMax + ", referenceSiemens=" + gRef + "]";
    }
}
