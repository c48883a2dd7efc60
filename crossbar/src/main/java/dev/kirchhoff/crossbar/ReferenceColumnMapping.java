package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;

/**
 * One device per weight plus one shared reference column (the reference-device scheme of
 * Gokmen &amp; Vlasov, Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333):
 * <pre>
 *   G_ref = (g_min + g_max)/2,   s = (g_max − g_min)/(2·w_max)
 *   G[i][j] = G_ref + s·clip(W[j][i], −w_max, w_max)     (columns 0..N−1)
 *   G[i][N] = G_ref                                         (the reference column)
 *   y_j = (I_j − I_N)/s                                     (per volt of row drive)
 * </pre>
 * so C = N + 1. The subtraction of the reference current is analog (one ADC per output).
 * Transposed read: columns 0..N−1 are driven at d_j and the reference column at
 * {@code −Σ_j d_j}, so row i carries {@code Σ_j d_j·(G_ij − G_ref,i) = s·(Wᵀd)_i}; the
 * reference column's drive grows with N, which a real array must allow for.
 *
 * <p>Off-centre reference ({@link #of(int, int, ConductanceRange, double, double)}): G_ref may be
 * any conductance inside the window, with the same s, so the weights the window holds are
 * {@code [(g_min − G_ref)/s, (g_max − G_ref)/s]} (2·w_max wide, no longer symmetric) and targets
 * are clipped to them. Placed at the devices' symmetry point (where a potentiation and a
 * depression step are equal, {@link dev.kirchhoff.device.pulsed.PulsedDeviceModel#symmetryPointSiemens()}),
 * it is the symmetry-point subtraction that aihwkit's {@code SoftBoundsReferenceDevice} models
 * ({@code subtract_symmetry_point}; Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494):
 * W = 0 is the conductance that random up and down pulses drift towards.
 *
 * <p>Update: one device per weight, potentiated (+1) for a positive weight change and depressed
 * (−1) for a negative one; the reference column is never pulsed.
 */
public final class ReferenceColumnMapping extends MappingBase {
    private final double s;
    private final double gRef;
    /** Lowest weight the window holds, (g_min − G_ref)/s (−w_max for a centred reference). */
    private final double wLow;
    /** Highest weight the window holds, (g_max − G_ref)/s (w_max for a centred reference). */
    private final double wHigh;

    private ReferenceColumnMapping(int inputs, int outputs, ConductanceRange range, double weightMax) {
        super(inputs, outputs, range, weightMax);
        this.s = range.widthSiemens() / (2 * weightMax);
        this.gRef = 0.5 * (range.gMinSiemens() + range.gMaxSiemens());
        this.wLow = -weightMax;
        this.wHigh = weightMax;
    }

    private ReferenceColumnMapping(int inputs, int outputs, ConductanceRange range, double weightMax,
            double referenceSiemens) {
        super(inputs, outputs, range, weightMax);
        this.s = range.widthSiemens() / (2 * weightMax);
        this.gRef = Checks.inRange("referenceSiemens", referenceSiemens, range.gMinSiemens(), range.gMaxSiemens());
        this.wLow = (range.gMinSiemens() - referenceSiemens) / s;
        this.wHigh = (range.gMaxSiemens() - referenceSiemens) / s;
    }

    /**
     * @param inputs    M ≥ 1
     * @param outputs   N ≥ 1
     * @param range     conductance window
     * @param weightMax the |W| mapped to g_max (and −|W| to g_min), positive and finite
     */
    public static ReferenceColumnMapping of(int inputs, int outputs, ConductanceRange range, double weightMax) {
        return new ReferenceColumnMapping(inputs, outputs, range, weightMax);
    }

    /**
     * A mapping whose reference column sits at {@code referenceSiemens} instead of mid-window
     * (class comment): {@code s = (g_max − g_min)/(2·w_max)} as for a centred reference, and the
     * weights held are {@code [(g_min − G_ref)/s, (g_max − G_ref)/s]}.
     *
     * @param weightMax        w_max, half the window's span in weight units, positive and finite
     * @param referenceSiemens G_ref, in [g_min, g_max]
     */
    public static ReferenceColumnMapping of(int inputs, int outputs, ConductanceRange range, double weightMax,
            double referenceSiemens) {
        return new ReferenceColumnMapping(inputs, outputs, range, weightMax, referenceSiemens);
    }

    /** The mapping with {@code weightMax = max|W|} (1 for an all-zero W). */
    public static ReferenceColumnMapping fitted(int inputs, int outputs, ConductanceRange range, double[] weights) {
        double max = ConductanceMapping.maxAbs(weights);
        return new ReferenceColumnMapping(inputs, outputs, range, max > 0 ? max : 1);
    }

    /** G_ref (S): (g_min + g_max)/2 unless given. */
    public double referenceSiemens() {
        return gRef;
    }

    /** The lowest weight the window holds, (g_min − G_ref)/s. */
    public double weightLow() {
        return wLow;
    }

    /** The highest weight the window holds, (g_max − G_ref)/s. */
    public double weightHigh() {
        return wHigh;
    }

    @Override
    public int columns() {
        return n + 1;
    }

    @Override
    public double weightScaleSiemens() {
        return s;
    }

    @Override
    public void targetConductances(double[] weights, double[] gOut) {
        checkWeights(weights);
        int c = n + 1;
        ConductanceMapping.requireLength("gOut", gOut, (long) m * c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double w = Math.min(Math.max(weights[j * m + i], wLow), wHigh);
                gOut[i * c + j] = Math.min(Math.max(gRef + s * w, range.gMinSiemens()), range.gMaxSiemens());
            }
            gOut[i * c + n] = gRef;
        }
    }

    @Override
    public void weightsOf(double[] g, double[] wOut) {
        int c = n + 1;
        ConductanceMapping.requireLength("g", g, (long) m * c);
        ConductanceMapping.requireLength("wOut", wOut, (long) n * m);
        for (int i = 0; i < m; i++) {
            double ref = g[i * c + n];
            for (int j = 0; j < n; j++) {
                wOut[j * m + i] = (g[i * c + j] - ref) / s;
            }
        }
    }

    @Override
    public void forwardOutputs(double[] currents, int fromRow, int toRow, double[] yOut) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        int c = n + 1;
        ConductanceMapping.requireLength("currents", currents, (long) toRow * c);
        ConductanceMapping.requireLength("yOut", yOut, (long) toRow * n);
        double inv = 1 / s;
        for (int k = fromRow; k < toRow; k++) {
            int io = k * c;
            int yo = k * n;
            double ref = currents[io + n];
            for (int j = 0; j < n; j++) {
                yOut[yo + j] = (currents[io + j] - ref) * inv;
            }
        }
    }

    @Override
    public void backwardDrive(double[] d, int batch, double[] vOut) {
        Checks.positive("batch", batch);
        int c = n + 1;
        ConductanceMapping.requireLength("d", d, (long) batch * n);
        ConductanceMapping.requireLength("vOut", vOut, (long) batch * c);
        for (int k = 0; k < batch; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = d[k * n + j];
                vOut[k * c + j] = v;
                sum += v;
            }
            vOut[k * c + n] = -sum;
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

    @Override
    public int updateColumn(int j, boolean increase) {
        return j;
    }

    @Override
    public byte updatePolarity(boolean increase) {
        return increase ? (byte) 1 : (byte) -1;
    }

    @Override
    public String toString() {
        return "ReferenceColumnMapping[" + n + "×" + m + ", range=" + range + ", weightMax=" + weightMax
                + ", referenceSiemens=" + gRef + "]";
    }
}
