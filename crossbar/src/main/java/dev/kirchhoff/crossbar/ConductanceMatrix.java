package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * The conductances of an M×N crossbar, G[i][j] between row (word line) i and column (bit line)
 * j, in siemens, stored row-major: {@code siemens[i·N + j]}. Immutable: the array is copied in
 * and never handed out (use {@link #get} or {@link #copyTo}).
 */
public final class ConductanceMatrix {
    private final int rows;
    private final int cols;
    private final double[] siemens;

    private ConductanceMatrix(int rows, int cols, double[] siemens) {
        this.rows = rows;
        this.cols = cols;
        this.siemens = siemens;
    }

    /**
     * @param rows    M ≥ 1
     * @param cols    N ≥ 1
     * @param siemens not modified: row-major M·N conductances, each finite and ≥ 0
     * @throws IllegalArgumentException naming the first bad element and its value
     */
    public static ConductanceMatrix of(int rows, int cols, double[] siemens) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        if ((long) rows * cols != siemens.length) {
            throw new IllegalArgumentException("siemens.length must be rows·cols = " + (long) rows * cols + ", got "
                    + siemens.length);
        }
        for (int k = 0; k < siemens.length; k++) {
            double g = siemens[k];
            if (!(g >= 0 && g < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("G[" + k / cols + "][" + k % cols
                        + "] must be a non-negative finite conductance in siemens, got " + g);
            }
        }
        return new ConductanceMatrix(rows, cols, siemens.clone());
    }

    /** M, the number of rows (inputs). */
    public int rows() {
        return rows;
    }

    /** N, the number of columns (outputs). */
    public int cols() {
        return cols;
    }

    /** G[i][j] (S). */
    public double get(int i, int j) {
        return siemens[i * cols + j];
    }

    /** Copies the row-major conductances into {@code out} (modified), length ≥ M·N. */
    public void copyTo(double[] out) {
        System.arraycopy(siemens, 0, out, 0, siemens.length);
    }

    /** Row-major conductances, for engines in this package that must not copy. Do not modify. */
    double[] data() {
        return siemens;
    }
}
