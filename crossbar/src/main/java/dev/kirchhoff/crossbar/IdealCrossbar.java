package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * The ideal crossbar: Ohm's law per cell and Kirchhoff's current law per column,
 * {@code I_j = Σ_i V_i·G_ij} (forward) and {@code I_i = Σ_j V_j·G_ij} (transposed).
 */
public final class IdealCrossbar implements CrossbarEngine {
    private final int m;
    private final int n;
    private final double[] g;

    public IdealCrossbar(ConductanceMatrix conductances) {
        this.m = conductances.rows();
        this.n = conductances.cols();
        this.g = conductances.data();
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
        java.util.Arrays.fill(currentsOut, 0, batch * n, 0.0);
        for (int k = 0; k < batch; k++) {
            int xo = k * m;
            int yo = k * n;
            for (int i = 0; i < m; i++) {
                double v = voltages[xo + i];
                int go = i * n;
                for (int j = 0; j < n; j++) {
                    currentsOut[yo + j] += v * g[go + j];
                }
            }
        }
    }

    @Override
    public void backward(double[] voltages, int batch, double[] currentsOut) {
        checkBatch(voltages, batch, n, currentsOut, m);
        for (int k = 0; k < batch; k++) {
            int xo = k * n;
            int yo = k * m;
            for (int i = 0; i < m; i++) {
                int go = i * n;
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += voltages[xo + j] * g[go + j];
                }
                currentsOut[yo + i] = s;
            }
        }
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
