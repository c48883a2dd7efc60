package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;

/**
 * Each weight spread over S slices of significance b^k (k = 0 … S−1), each slice a differential
 * pair of devices with b conductance levels, recombined digitally (the bit-slicing of ISAAC,
 * Shafiee et al., ISCA 2016, doi:10.1109/ISCA.2016.12, and of Sandia's CrossSim).
 *
 * <p>Encoding. With {@code Q = b^S − 1} magnitude levels and {@code Δ = (g_max − g_min)/(b − 1)}:
 * <pre>
 *   n      = round(Q·min(|W|, w_max)/w_max)              an integer in [0, Q]
 *   n      = Σ_k d_k·b^k,  d_k ∈ {0, …, b−1}              its base-b digits
 *   slice k of a positive W:  G⁺_k = g_min + d_k·Δ,  G⁻_k = g_min   (negative W: the other way)
 *   W_q    = (w_max/Q)·Σ_k b^k·(G⁺_k − G⁻_k)/Δ = sign(W)·n·w_max/Q
 * </pre>
 * so the quantisation error is bounded by half a least-significant step,
 * {@code |W_q − clip(W)| ≤ w_max/(2Q)} ({@link #quantisationBound()}).
 *
 * <p>Layout: output j, slice k, sign σ (0 for +, 1 for −) is column {@code 2(j·S + k) + σ}, so
 * C = 2·S·N. Forward read-out recombines the slices digitally,
 * {@code y_j = Σ_k b^k·(I⁺_jk − I⁻_jk)/s₀} with {@code s₀ = Q·Δ/w_max} (S per unit weight at the
 * least significant slice). The transposed read weights the slices in the analog domain: column
 * (j, k, ±) is driven at {@code ±d_j·b^(k−S+1)} (all drives within ±|d_j|), and the row currents
 * are scaled by {@code b^(S−1)/s₀}.
 *
 * <p>Update: pulses go to the least significant slice's pair only (positive change potentiates
 * G⁺₀, negative potentiates G⁻₀); carrying into higher slices is the job of a refresh
 * ({@link AnalogTile#refresh()}, which re-encodes the weights it reads).
 */
public final class BitSlicedMapping extends MappingBase {
    private final int slices;
    private final int base;
    private final double levels;
    private final double delta;
    private final double s0;
    private final double[] power;

    private BitSlicedMapping(int inputs, int outputs, int slices, int base, ConductanceRange range, double weightMax) {
        super(inputs, outputs, range, weightMax);
        this.slices = Checks.positive("slices", slices);
        if (base < 2) {
            throw new IllegalArgumentException("base must be at least 2, got " + base);
        }
        this.base = base;
        if (!(slices * (Math.log(base) / Math.log(2)) <= 52)) {
            throw new IllegalArgumentException("base^slices must not exceed 2^52, got base=" + base + ", slices=" + slices);
        }
        this.power = new double[slices];
        double p = 1;
        for (int k = 0; k < slices; k++) {
            power[k] = p;
            p *= base;
        }
        this.levels = p - 1;
        this.delta = range.widthSiemens() / (base - 1);
        this.s0 = levels * delta / weightMax;
    }

    /**
     * @param inputs    M ≥ 1
     * @param outputs   N ≥ 1
     * @param slices    S ≥ 1
     * @param base      b ≥ 2 (levels per device), with b^S ≤ 2^52
     * @param range     conductance window
     * @param weightMax the |W| encoded as the largest magnitude Q, positive and finite
     */
    public static BitSlicedMapping of(int inputs, int outputs, int slices, int base, ConductanceRange range,
            double weightMax) {
        return new BitSlicedMapping(inputs, outputs, slices, base, range, weightMax);
    }

    /** The mapping with {@code weightMax = max|W|} (1 for an all-zero W). */
    public static BitSlicedMapping fitted(int inputs, int outputs, int slices, int base, ConductanceRange range,
            double[] weights) {
        double max = ConductanceMapping.maxAbs(weights);
        return new BitSlicedMapping(inputs, outputs, slices, base, range, max > 0 ? max : 1);
    }

    /** S, the number of slices. */
    public int slices() {
        return slices;
    }

    /** b, the levels per device and the significance ratio of consecutive slices. */
    public int base() {
        return base;
    }

    /** Q = b^S − 1, the number of magnitude steps. */
    public double levels() {
        return levels;
    }

    /** w_max/(2Q): the largest |W_q − clip(W, ±w_max)| of the encoding. */
    public double quantisationBound() {
        return weightMax / (2 * levels);
    }

    /** The physical column of output j, slice k, sign σ (0 for G⁺, 1 for G⁻). */
    public int column(int j, int k, int sign) {
        return 2 * (j * slices + k) + sign;
    }

    @Override
    public int columns() {
        return 2 * slices * n;
    }

    /** s₀ = Q·Δ/w_max, siemens per unit weight at the least significant slice. */
    @Override
    public double weightScaleSiemens() {
        return s0;
    }

    @Override
    public void targetConductances(double[] weights, double[] gOut) {
        checkWeights(weights);
        int c = columns();
        ConductanceMapping.requireLength("gOut", gOut, (long) m * c);
        double gMin = range.gMinSiemens();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double w = weights[j * m + i];
                long q = Math.round(levels * Math.min(Math.abs(w), weightMax) / weightMax);
                int on = w >= 0 ? 0 : 1;
                int row = i * c;
                for (int k = 0; k < slices; k++) {
                    long digit = q % base;
                    q /= base;
                    gOut[row + column(j, k, on)] = gMin + digit * delta;
                    gOut[row + column(j, k, 1 - on)] = gMin;
                }
            }
        }
    }

    @Override
    public void weightsOf(double[] g, double[] wOut) {
        int c = columns();
        ConductanceMapping.requireLength("g", g, (long) m * c);
        ConductanceMapping.requireLength("wOut", wOut, (long) n * m);
        for (int i = 0; i < m; i++) {
            int row = i * c;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < slices; k++) {
                    int col = row + column(j, k, 0);
                    sum += power[k] * (g[col] - g[col + 1]);
                }
                wOut[j * m + i] = sum / s0;
            }
        }
    }

    @Override
    public void forwardOutputs(double[] currents, int fromRow, int toRow, double[] yOut) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        int c = columns();
        ConductanceMapping.requireLength("currents", currents, (long) toRow * c);
        ConductanceMapping.requireLength("yOut", yOut, (long) toRow * n);
        double inv = 1 / s0;
        for (int kb = fromRow; kb < toRow; kb++) {
            int io = kb * c;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                int base0 = io + 2 * j * slices;
                for (int k = 0; k < slices; k++) {
                    sum += power[k] * (currents[base0 + 2 * k] - currents[base0 + 2 * k + 1]);
                }
                yOut[kb * n + j] = sum * inv;
            }
        }
    }

    @Override
    public void backwardDrive(double[] d, int batch, double[] vOut) {
        Checks.positive("batch", batch);
        int c = columns();
        ConductanceMapping.requireLength("d", d, (long) batch * n);
        ConductanceMapping.requireLength("vOut", vOut, (long) batch * c);
        double top = power[slices - 1];
        for (int kb = 0; kb < batch; kb++) {
            for (int j = 0; j < n; j++) {
                double v = d[kb * n + j];
                int base0 = kb * c + 2 * j * slices;
                for (int k = 0; k < slices; k++) {
                    double vk = v * (power[k] / top);
                    vOut[base0 + 2 * k] = vk;
                    vOut[base0 + 2 * k + 1] = -vk;
                }
            }
        }
    }

    @Override
    public void backwardOutputs(double[] rowCurrents, int fromRow, int toRow, double[] out) {
        ConductanceMapping.checkRowRange(fromRow, toRow);
        ConductanceMapping.requireLength("rowCurrents", rowCurrents, (long) toRow * m);
        ConductanceMapping.requireLength("out", out, (long) toRow * m);
        double f = power[slices - 1] / s0;
        for (int k = fromRow * m; k < toRow * m; k++) {
            out[k] = rowCurrents[k] * f;
        }
    }

    @Override
    public int updateColumn(int j, boolean increase) {
        return column(j, 0, increase ? 0 : 1);
    }

    @Override
    public byte updatePolarity(boolean increase) {
        return 1;
    }

    @Override
    public String toString() {
        return "BitSlicedMapping[" + n + "×" + m + ", slices=" + slices + ", base=" + base + ", range=" + range
                + ", weightMax=" + weightMax + "]";
    }
}
