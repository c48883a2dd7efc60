package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;

/**
 * Each weight on a pair of devices, {@code W ∝ G⁺ − G⁻} (aihwkit's differential mapping; Rasch
 * et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494; MODELS.md §3):
 * <pre>
 *   s  = (g_max − g_min)/w_max                    (S per unit weight; w_max = max|W| or given)
 *   G⁺ = g_min + s·clip(W, 0, w_max),   G⁻ = g_min + s·clip(−W, 0, w_max)
 *   y_j = (I⁺_j − I⁻_j)/s                         (per volt of row drive)
 * </pre>
 *
 * <p>Layout (a design choice): the pair of output j sits side by side on one crossbar, G⁺ in
 * column 2j and G⁻ in column 2j+1, so C = 2N, one engine call reads both, and an IR-drop engine
 * sees the two devices share their word line, as in a physical differential array. The
 * subtraction {@code I⁺ − I⁻} is taken as analog (a current mirror per pair), so the periphery
 * digitises one value per output. The transposed read drives column 2j at +d_j and 2j+1 at
 * −d_j, so each row current is {@code s·(Wᵀd)_i}.
 *
 * <p>Update: a positive weight change potentiates G⁺ (column 2j, polarity +1), a negative one
 * potentiates G⁻ (column 2j+1, polarity +1), as in aihwkit's one-sided pair devices. Devices
 * only ever grow under training, so a tile refreshes them by reprogramming the weights it reads
 * ({@link AnalogTile#refresh()}).
 */
public final class DifferentialPairMapping extends MappingBase {
    private final double s;

    private DifferentialPairMapping(int inputs, int outputs, ConductanceRange range, double weightMax) {
        super(inputs, outputs, range, weightMax);
        this.s = range.widthSiemens() / weightMax;
    }

    /**
     * @param inputs    M ≥ 1
     * @param outputs   N ≥ 1
     * @param range     conductance window
     * @param weightMax the |W| mapped to the full window, positive and finite
     */
    public static DifferentialPairMapping of(int inputs, int outputs, ConductanceRange range, double weightMax) {
        return new DifferentialPairMapping(inputs, outputs, range, weightMax);
    }

    /** The mapping with {@code weightMax = max|W|} (1 for an all-zero W), so W uses the whole window. */
    public static DifferentialPairMapping fitted(int inputs, int outputs, ConductanceRange range, double[] weights) {
        double max = ConductanceMapping.maxAbs(weights);
        return new DifferentialPairMapping(inputs, outputs, range, max > 0 ? max : 1);
    }

    @Override
    public int columns() {
        return 2 * n;
    }

    @Override
    public double weightScaleSiemens() {
        return s;
    }

    @Override
    public void targetConductances(double[] weights, double[] gOut) {
        checkWeights(weights);
        ConductanceMapping.requireLength("gOut", gOut, (long) m * 2 * n);
        double gMin = range.gMinSiemens();
        int c = 2 * n;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double w = weights[j * m + i];
                gOut[i * c + 2 * j] = gMin + s * Math.min(Math.max(w, 0), weightMax);
                gOut[i * c + 2 * j + 1] = gMin + s * Math.min(Math.max(-w, 0), weightMax);
            }
        }
    }

    @Override
    public void weightsOf(double[] g, double[] wOut) {
        int c = 2 * n;
        ConductanceMapping.requireLength("g", g, (long) m * c);
        ConductanceMapping.requireLength("wOut", wOut, (long) n * m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                wOut[j * m + i] = (g[i * c + 2 * j] - g[i * c + 2 * j + 1]) / s;
            }
        }
    }

    @Override
    public void forwardOutputs(double[] currents, int fromRow, int toRow, double[] yOut) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        int c = 2 * n;
        ConductanceMapping.requireLength("currents", currents, (long) toRow * c);
        ConductanceMapping.requireLength("yOut", yOut, (long) toRow * n);
        double inv = 1 / s;
        for (int k = fromRow; k < toRow; k++) {
            int io = k * c;
            int yo = k * n;
            for (int j = 0; j < n; j++) {
                yOut[yo + j] = (currents[io + 2 * j] - currents[io + 2 * j + 1]) * inv;
            }
        }
    }

    @Override
    public void backwardDrive(double[] d, int batch, double[] vOut) {
        Checks.positive("batch", batch);
        int c = 2 * n;
        ConductanceMapping.requireLength("d", d, (long) batch * n);
        ConductanceMapping.requireLength("vOut", vOut, (long) batch * c);
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                double v = d[k * n + j];
                vOut[k * c + 2 * j] = v;
                vOut[k * c + 2 * j + 1] = -v;
            }
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
        return increase ? 2 * j : 2 * j + 1;
    }

    @Override
    public byte updatePolarity(boolean increase) {
        return 1;
    }

    @Override
    public String toString() {
        return "DifferentialPairMapping[" + n + "×" + m + ", range=" + range + ", weightMax=" + weightMax + "]";
    }
}
