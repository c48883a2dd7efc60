package dev.kirchhoff.crossbar.ir;

import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.device.iv.IvCurve;

/**
 * Builds the crossbar convention's circuit as a {@link DenseCircuit}, branch by branch, and reads
 * its outputs; also the transposed-read circuit. Zero resistances merge nodes or make them
 * known, as the convention says.
 */
final class CrossbarCircuits {
    private CrossbarCircuits() {
    }

    /** A built circuit, its node maps and its output branches. */
    record Built(DenseCircuit circuit, int[] rowNode, int[] colNode, int m, int n) {
    }

    /**
     * Forward read: sources at the column-0 end of the rows, virtual grounds at the row-(M−1)
     * end of the columns. Known node −1 − i is source i, known node −1 − M is ground.
     */
    static Built forward(int m, int n, double[] g, Wires w, double[] v) {
        double[] known = new double[m + 1];
        System.arraycopy(v, 0, known, 0, m);
        int ground = -1 - m;
        int[] rowNode = new int[m * n];
        int[] colNode = new int[m * n];
        int next = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (w.rRowOhms() > 0) {
                    rowNode[i * n + j] = next++;
                } else if (w.rDriverOhms() > 0) {
                    rowNode[i * n + j] = j == 0 ? next++ : rowNode[i * n];
                } else {
                    rowNode[i * n + j] = -1 - i;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (w.rColOhms() > 0) {
                    colNode[i * n + j] = next++;
                } else if (w.rSenseOhms() > 0) {
                    colNode[i * n + j] = i == 0 ? next++ : colNode[j];
                } else {
                    colNode[i * n + j] = ground;
                }
            }
        }
        DenseCircuit c = new DenseCircuit(next, known);
        for (int i = 0; i < m; i++) {
            double rd = w.rDriverOhms() + w.rRowOhms();
            if (rd > 0) {
                c.resistor(-1 - i, rowNode[i * n], 1 / rd);
            }
            for (int j = 0; j + 1 < n && w.rRowOhms() > 0; j++) {
                c.resistor(rowNode[i * n + j], rowNode[i * n + j + 1], 1 / w.rRowOhms());
            }
        }
        for (int j = 0; j < n; j++) {
            double rs = w.rColOhms() + w.rSenseOhms();
            if (rs > 0) {
                c.resistor(colNode[(m - 1) * n + j], ground, 1 / rs);
            }
            for (int i = 0; i + 1 < m && w.rColOhms() > 0; i++) {
                c.resistor(colNode[i * n + j], colNode[(i + 1) * n + j], 1 / w.rColOhms());
            }
        }
        for (int k = 0; k < m * n; k++) {
            c.device(rowNode[k], colNode[k], g[k]);
        }
        return new Built(c, rowNode, colNode, m, n);
    }

    /** Output currents of a solved forward circuit: the current into each virtual ground. */
    static double[] forwardOutputs(Built b, double[] sol, double[] g, Wires w, IvCurve iv) {
        int m = b.m();
        int n = b.n();
        double[] out = new double[n];
        DenseCircuit c = b.circuit();
        double rs = w.rColOhms() + w.rSenseOhms();
        for (int j = 0; j < n; j++) {
            if (rs > 0) {
                out[j] = c.voltage(sol, b.colNode()[(m - 1) * n + j]) / rs;
            } else {
                for (int i = 0; i < m; i++) {
                    int k = i * n + j;
                    out[j] += iv.currentAmperes(g[k], c.voltage(sol, b.rowNode()[k]) - c.voltage(sol, b.colNode()[k]));
                }
            }
        }
        return out;
    }

    /**
     * Transposed read, built directly (all resistances &gt; 0): column j driven at its row-(M−1)
     * end by V_j through r_sense + r_col; row i sensed at its column-0 end through r_drv + r_row.
     * Returns the currents into the rows' virtual grounds.
     */
    static double[] backwardDense(int m, int n, double[] g, Wires w, double[] vCols, IvCurve iv) {
        double[] known = new double[n + 1];
        System.arraycopy(vCols, 0, known, 0, n);
        int ground = -1 - n;
        DenseCircuit c = new DenseCircuit(2 * m * n, known);
        for (int i = 0; i < m; i++) {
            c.resistor(i * n, ground, 1 / (w.rDriverOhms() + w.rRowOhms()));
            for (int j = 0; j + 1 < n; j++) {
                c.resistor(i * n + j, i * n + j + 1, 1 / w.rRowOhms());
            }
        }
        int mn = m * n;
        for (int j = 0; j < n; j++) {
            c.resistor(-1 - j, mn + (m - 1) * n + j, 1 / (w.rSenseOhms() + w.rColOhms()));
            for (int i = 0; i + 1 < m; i++) {
                c.resistor(mn + i * n + j, mn + (i + 1) * n + j, 1 / w.rColOhms());
            }
        }
        for (int k = 0; k < mn; k++) {
            c.device(k, mn + k, g[k]); // current row → column, by the device's I–V
        }
        double[] sol = c.solve(iv);
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = sol[i * n] / (w.rDriverOhms() + w.rRowOhms()); // row node → virtual ground
        }
        return out;
    }
}
