package dev.kirchhoff.crossbar.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.iv.LinearIv;
import dev.kirchhoff.device.iv.PolynomialIv;
import dev.kirchhoff.device.iv.SinhIv;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class IrDropCrossbarTest {
    private static final long SEED = 0x1DD0C0FFEE42L;

    static double[] uniform(SplittableRandom rnd, int len, double lo, double hi) {
        double[] a = new double[len];
        for (int k = 0; k < len; k++) {
            a[k] = lo + (hi - lo) * rnd.nextDouble();
        }
        return a;
    }

    static void assertRel(double expected, double actual, double tol, String what) {
        double err = Math.abs(expected - actual) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(err <= tol, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
    }

    static void assertAllRel(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(expected[k] - actual[k]) / scale;
            assertTrue(err <= tol, what + "[" + k + "]: expected " + expected[k] + ", got " + actual[k] + " (error/max "
                    + err + ")");
        }
    }

    static IrDropCrossbar engine(int m, int n, double[] g, Wires w) {
        return new IrDropCrossbar(ConductanceMatrix.of(m, n, g), w);
    }

    static double[] forward(IrDropCrossbar e, double[] v) {
        double[] out = new double[e.cols()];
        e.forward(v, 1, out);
        return out;
    }

    // ------------------------------------------------------------------ ideal limit

    @Test
    void idealWiresEqualIdealCrossbarExactly() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int m = 13;
        int n = 9;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        double[] v = uniform(rnd, 3 * m, -0.2, 0.2);
        ConductanceMatrix cm = ConductanceMatrix.of(m, n, g);
        double[] ideal = new double[3 * n];
        new IdealCrossbar(cm).forward(v, 3, ideal);
        double[] ir = new double[3 * n];
        new IrDropCrossbar(cm, Wires.IDEAL).forward(v, 3, ir);
        assertArrayEquals(ideal, ir, 0.0);
        double[] vc = uniform(rnd, 2 * n, -0.2, 0.2);
        double[] idealB = new double[2 * m];
        new IdealCrossbar(cm).backward(vc, 2, idealB);
        double[] irB = new double[2 * m];
        new IrDropCrossbar(cm, Wires.IDEAL).backward(vc, 2, irB);
        assertArrayEquals(idealB, irB, 0.0);
    }

    @Test
    void tinyWireResistanceTendsToIdeal() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int m = 20;
        int n = 30;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        double[] v = uniform(rnd, m, 0, 0.2);
        double[] ideal = new double[n];
        new IdealCrossbar(ConductanceMatrix.of(m, n, g)).forward(v, 1, ideal);
        // relative deviation ~ r·G·(M + N)·N ≈ 1e−6·1e−4·50·30 = 1.5e−7
        double[] ir = forward(engine(m, n, g, Wires.of(1e-6, 1e-6)), v);
        assertAllRel(ideal, ir, 1e-6, "r = 1 µΩ");
        double[] ir1 = forward(engine(m, n, g, Wires.of(1e-3, 1e-3)), v);
        assertAllRel(ideal, ir1, 1e-3, "r = 1 mΩ");
    }

    // ------------------------------------------------------------------ hand-solved circuits

    @Test
    void oneByOneIsASeriesCircuit() {
        // Source → r_drv + r_row → device 1/G → r_col + r_sense → virtual ground: all in series,
        // I = V / (r_drv + r_row + 1/G + r_col + r_sense).
        double gs = 37e-6;
        Wires w = new Wires(3.0, 5.0, 7.0, 11.0);
        double v = 0.17;
        double expected = v / (7.0 + 3.0 + 1 / gs + 5.0 + 11.0);
        assertRel(expected, forward(engine(1, 1, new double[] {gs}, w), new double[] {v})[0], 1e-12, "1×1");
        // one line lumped (r_row = 0): the same series sum with r_row = 0
        Wires lumped = new Wires(0, 5.0, 7.0, 11.0);
        assertRel(v / (7.0 + 1 / gs + 5.0 + 11.0), forward(engine(1, 1, new double[] {gs}, lumped), new double[] {v})[0],
                1e-12, "1×1, r_row = 0");
    }

    @Test
    void oneByTwoIsALadder() {
        // One row, two columns (M = 1: each column node is also its sensed end).
        // Source —(Rs = r_drv + r_row)— a —(rr)— b;  a —(R0 = 1/G0 + r_col + r_sense)— ground;
        // b —(R1 = 1/G1 + r_col + r_sense)— ground.
        // Z = R0 ∥ (rr + R1);  Va = V·Z/(Rs + Z);  I0 = Va/R0;  I1 = Va/(rr + R1).
        double g0 = 80e-6;
        double g1 = 20e-6;
        double rr = 250;
        Wires w = new Wires(rr, 40, 100, 60);
        double v = 0.2;
        double r0 = 1 / g0 + 40 + 60;
        double r1 = 1 / g1 + 40 + 60;
        double z = r0 * (rr + r1) / (r0 + rr + r1);
        double va = v * z / (100 + rr + z);
        double[] out = forward(engine(1, 2, new double[] {g0, g1}, w), new double[] {v});
        assertRel(va / r0, out[0], 1e-12, "I0");
        assertRel(va / (rr + r1), out[1], 1e-12, "I1");
    }

    @Test
    void twoByOneIsAColumnLadder() {
        // Two rows, one column. Row i (N = 1) reaches its column node c_i through the series
        // resistance Ri = r_drv + r_row + 1/Gi. Column: c0 —(rc)— c1 —(Rg = r_col + r_sense)— ground.
        // KCL:  c0: (V0 − c0)/R0 = (c0 − c1)/rc
        //       c1: (V1 − c1)/R1 + (c0 − c1)/rc = c1/Rg
        // i.e.  [1/R0 + 1/rc, −1/rc; −1/rc, 1/R1 + 1/rc + 1/Rg]·[c0; c1] = [V0/R0; V1/R1],
        // solved by Cramer's rule; I = c1/Rg.
        double g0 = 60e-6;
        double g1 = 15e-6;
        double rc = 300;
        Wires w = new Wires(20, rc, 50, 70);
        double[] v = {0.15, -0.05};
        double r0 = 50 + 20 + 1 / g0;
        double r1 = 50 + 20 + 1 / g1;
        double rg = rc + 70;
        double a11 = 1 / r0 + 1 / rc;
        double a12 = -1 / rc;
        double a22 = 1 / r1 + 1 / rc + 1 / rg;
        double b1 = v[0] / r0;
        double b2 = v[1] / r1;
        double c1 = (a11 * b2 - a12 * b1) / (a11 * a22 - a12 * a12);
        double[] out = forward(engine(2, 1, new double[] {g0, g1}, w), v);
        assertRel(c1 / rg, out[0], 1e-12, "I");
    }

    @Test
    void twoByTwoWithFixedColumnsDecouplesIntoRowLadders() {
        // r_col = r_sense = 0: every column node is the virtual ground, each row is the 1×2
        // ladder of oneByTwoIsALadder with R_j = 1/G_ij; I_j = Σ_i (current of row i's device j).
        double[] g = {80e-6, 20e-6, 30e-6, 90e-6};
        double rr = 400;
        Wires w = new Wires(rr, 0, 150, 0);
        double[] v = {0.2, 0.1};
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double r0 = 1 / g[2 * i];
            double r1 = 1 / g[2 * i + 1];
            double z = r0 * (rr + r1) / (r0 + rr + r1);
            double va = v[i] * z / (150 + rr + z);
            expected[0] += va / r0;
            expected[1] += va / (rr + r1);
        }
        double[] out = forward(engine(2, 2, g, w), v);
        assertRel(expected[0], out[0], 1e-12, "I0");
        assertRel(expected[1], out[1], 1e-12, "I1");
    }

    @Test
    void twoByTwoWithFixedRowsDecouplesIntoColumnLadders() {
        // r_row = r_drv = 0: every row node is at its source voltage; column j is the column
        // ladder of twoByOneIsAColumnLadder with R_i = 1/G_ij.
        double[] g = {80e-6, 20e-6, 30e-6, 90e-6};
        double rc = 350;
        Wires w = new Wires(0, rc, 0, 25);
        double[] v = {0.2, -0.1};
        double[] out = forward(engine(2, 2, g, w), v);
        for (int j = 0; j < 2; j++) {
            double r0 = 1 / g[j];
            double r1 = 1 / g[2 + j];
            double rg = rc + 25;
            double a11 = 1 / r0 + 1 / rc;
            double a12 = -1 / rc;
            double a22 = 1 / r1 + 1 / rc + 1 / rg;
            double c1 = (a11 * v[1] / r1 - a12 * v[0] / r0) / (a11 * a22 - a12 * a12);
            assertRel(c1 / rg, out[j], 1e-12, "I" + j);
        }
    }

    @Test
    void twoByTwoWithLumpedLines() {
        // r_row = r_col = 0 with driver and sense resistances: each row is one node u_i, each
        // column one node w_j; nodal equations
        //   (V_i − u_i)/r_drv = Σ_j G_ij (u_i − w_j),   Σ_i G_ij (u_i − w_j) = w_j / r_sense.
        // Eliminating w_j = s·Σ_i G_ij u_i / (1 + s·Σ_i G_ij) (s = r_sense) leaves a 2×2 system in u,
        // solved here by Cramer's rule; I_j = w_j / r_sense.
        double[] g = {80e-6, 20e-6, 30e-6, 90e-6};
        double d = 500;
        double s = 800;
        double[] v = {0.2, -0.1};
        double[] kc = new double[2];
        for (int j = 0; j < 2; j++) {
            kc[j] = s / (1 + s * (g[j] + g[2 + j]));
        }
        // row i: u_i/d + Σ_j G_ij u_i − Σ_j G_ij·kc_j·Σ_k G_kj u_k = V_i/d
        double[][] a = new double[2][2];
        for (int i = 0; i < 2; i++) {
            a[i][i] += 1 / d + g[2 * i] + g[2 * i + 1];
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    a[i][k] -= g[2 * i + j] * kc[j] * g[2 * k + j];
                }
            }
        }
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        double u0 = (v[0] / d * a[1][1] - a[0][1] * v[1] / d) / det;
        double u1 = (a[0][0] * v[1] / d - a[1][0] * v[0] / d) / det;
        double[] out = forward(engine(2, 2, g, new Wires(0, 0, d, s)), v);
        for (int j = 0; j < 2; j++) {
            double wj = kc[j] * (g[j] * u0 + g[2 + j] * u1);
            assertRel(wj / s, out[j], 1e-12, "I" + j);
        }
    }

    // ------------------------------------------------------------------ conservation laws

    /**
     * Options for checks at 1e−9 on sums over all nodes. The power balance error is
     * Σ_nodes v·ρ, i.e. up to (number of nodes)·V·max|ρ|, so checking it to 1e−9 needs a KCL
     * residual near 1e−12 of the source current. Ohmic devices reach that with the defaults (the
     * CG targets sit 1e−3 below the KCL tolerance); Newton stops as soon as the default 1e−9 is
     * met, so nonlinear checks ask for 1e−12.
     */
    static IrDropOptions tight(IvCurve iv) {
        return iv instanceof LinearIv ? IrDropOptions.DEFAULT : IrDropOptions.DEFAULT.withIv(iv).withTolerances(1e-10, 1e-12);
    }

    /** Checks KCL at every node and the power balance, from the returned node voltages. */
    private static void assertKclAndPower(int m, int n, double[] g, Wires w, double[] v, IvCurve iv, double tol) {
        IrDropCrossbar e = new IrDropCrossbar(ConductanceMatrix.of(m, n, g), w, tight(iv));
        double[] u = new double[m * n];
        double[] wc = new double[m * n];
        double[] out = new double[n];
        e.solveNodes(v, out, u, wc);
        double gr = 1 / w.rRowOhms();
        double gR = 1 / (w.rDriverOhms() + w.rRowOhms());
        double gc = 1 / w.rColOhms();
        double gC = 1 / (w.rColOhms() + w.rSenseOhms());
        double srcTotal = 0;
        double powerIn = 0;
        double powerOut = 0;
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double isrc = gR * (v[i] - u[i * n]);
            srcTotal += Math.abs(isrc);
            powerIn += v[i] * isrc;
            powerOut += isrc * isrc / gR;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double dev = iv.currentAmperes(g[k], u[k] - wc[k]);
                powerOut += dev * (u[k] - wc[k]);
                double inRow = j == 0 ? gR * (v[i] - u[k]) : gr * (u[k - 1] - u[k]);
                double outRow = (j < n - 1 ? gr * (u[k] - u[k + 1]) : 0) + dev;
                worst = Math.max(worst, Math.abs(inRow - outRow));
                double inCol = dev + (i > 0 ? gc * (wc[k - n] - wc[k]) : 0);
                double outCol = i < m - 1 ? gc * (wc[k] - wc[k + n]) : gC * wc[k];
                worst = Math.max(worst, Math.abs(inCol - outCol));
                if (j < n - 1) {
                    powerOut += gr * (u[k] - u[k + 1]) * (u[k] - u[k + 1]);
                }
                if (i < m - 1) {
                    powerOut += gc * (wc[k] - wc[k + n]) * (wc[k] - wc[k + n]);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double ws = wc[(m - 1) * n + j];
            powerOut += gC * ws * ws;
            assertRel(gC * ws, out[j], 1e-15, "output " + j);
        }
        assertTrue(worst <= tol * srcTotal, "max KCL residual " + worst + " A > " + tol + " × " + srcTotal + " A");
        assertRel(powerIn, powerOut, 1e-9, "power delivered vs dissipated");
    }

    @Test
    void kirchhoffCurrentLawAndPowerBalanceOnRandomArrays() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        int m = 20;
        int n = 30;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        assertKclAndPower(m, n, g, Wires.of(1, 1), uniform(rnd, m, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertKclAndPower(m, n, g, new Wires(2.5, 0.7, 100, 50), uniform(rnd, m, 0, 0.2), LinearIv.INSTANCE, 1e-9);
        assertKclAndPower(m, n, g, Wires.of(10, 10), uniform(rnd, m, 0, 0.2), SinhIv.STANFORD_PKU, 1e-9);
        assertKclAndPower(m, n, g, new Wires(3, 3, 20, 20), uniform(rnd, m, -0.2, 0.2),
                PolynomialIv.proportional(0.5, 2.0), 1e-9);
    }

    // ------------------------------------------------------------------ dense references

    private static void assertMatchesDense(int m, int n, double[] g, Wires w, double[] v, IvCurve iv, double tol) {
        CrossbarCircuits.Built b = CrossbarCircuits.forward(m, n, g, w, v);
        double[] sol = b.circuit().solve(iv);
        double[] expected = CrossbarCircuits.forwardOutputs(b, sol, g, w, iv);
        IrDropCrossbar e = new IrDropCrossbar(ConductanceMatrix.of(m, n, g), w, tight(iv));
        double[] out = new double[n];
        e.forward(v, 1, out);
        assertAllRel(expected, out, tol, m + "×" + n + " " + w + " " + iv);
    }

    @Test
    void agreesWithDenseNodalSolve() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        double[] g75 = uniform(rnd, 35, 1e-6, 100e-6);
        assertMatchesDense(7, 5, g75, new Wires(5, 8, 30, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        double[] g16 = uniform(rnd, 256, 1e-6, 100e-6);
        assertMatchesDense(16, 16, g16, new Wires(10, 10, 100, 100), uniform(rnd, 16, 0, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(16, 16, g16, Wires.of(1, 1), uniform(rnd, 16, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        // one zero-resistance line family with the other resistive: lumped / fixed nodes
        assertMatchesDense(7, 5, g75, new Wires(0, 8, 30, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(5, 0, 30, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(0, 8, 0, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(5, 0, 30, 0), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(0, 0, 30, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(0, 0, 30, 0), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
        assertMatchesDense(7, 5, g75, new Wires(0, 0, 0, 40), uniform(rnd, 7, -0.2, 0.2), LinearIv.INSTANCE, 1e-9);
    }

    @Test
    void nonlinearDevicesMeetTheDefaultKclTolerance() {
        SplittableRandom rnd = new SplittableRandom(SEED + 9);
        int m = 24;
        int n = 40;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        for (IvCurve iv : new IvCurve[] {new SinhIv(0.1), PolynomialIv.proportional(0.5, 2.0), PolynomialIv.of(2e-5, 1e-4)}) {
            IrDropCrossbar e = new IrDropCrossbar(ConductanceMatrix.of(m, n, g), new Wires(5, 5, 10, 10),
                    IrDropOptions.DEFAULT.withIv(iv));
            IrDropStats stats = e.solve(uniform(rnd, m, -0.3, 0.3), new double[n]);
            assertTrue(stats.kclResidual() <= 1e-9 && stats.newtonSteps() >= 2, iv + ": " + stats);
        }
    }

    @Test
    void nonlinearDevicesAgreeWithDenseNewton() {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        double[] g = uniform(rnd, 6 * 8, 1e-6, 100e-6);
        double[] v = uniform(rnd, 6, -0.4, 0.4);
        assertMatchesDense(6, 8, g, new Wires(20, 30, 50, 50), v, new SinhIv(0.1), 1e-9);
        assertMatchesDense(6, 8, g, new Wires(20, 30, 50, 50), v, PolynomialIv.proportional(0.8, 3.0), 1e-9);
        assertMatchesDense(6, 8, g, new Wires(0, 30, 50, 0), v, new SinhIv(0.1), 1e-9);
    }

    @Test
    void backwardIsTheTransposedCircuit() {
        SplittableRandom rnd = new SplittableRandom(SEED + 5);
        int m = 6;
        int n = 4;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        double[] vc = uniform(rnd, n, -0.3, 0.3);
        Wires w = new Wires(15, 25, 35, 45);
        for (IvCurve iv : new IvCurve[] {LinearIv.INSTANCE, PolynomialIv.proportional(0.8, 3.0)}) {
            double[] expected = CrossbarCircuits.backwardDense(m, n, g, w, vc, iv);
            double[] out = new double[m];
            new IrDropCrossbar(ConductanceMatrix.of(m, n, g), w, tight(iv)).backward(vc, 1, out);
            assertAllRel(expected, out, 1e-9, "backward " + iv);
        }
    }

    // ------------------------------------------------------------------ robustness, batches, maps

    @Test
    void strongIrDropConverges() {
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        int m = 64;
        int n = 64;
        double[] g = new double[m * n];
        java.util.Arrays.fill(g, 100e-6);
        double[] v = uniform(rnd, m, 0, 0.2);
        // r·G·N² = 10·1e−4·4096 ≈ 4: the far cells see a fraction of the drive
        IrDropCrossbar e = engine(m, n, g, Wires.of(10, 10));
        double[] out = new double[n];
        IrDropStats stats = e.solve(v, out);
        assertTrue(stats.relativeResidual() <= 1e-10, stats.toString());
        assertTrue(stats.kclResidual() <= 1e-9, stats.toString());
        assertKclAndPower(m, n, g, Wires.of(10, 10), v, LinearIv.INSTANCE, 1e-9);
        double[] ideal = new double[n];
        new IdealCrossbar(ConductanceMatrix.of(m, n, g)).forward(v, 1, ideal);
        assertTrue(out[n - 1] < 0.5 * ideal[n - 1], "strong IR drop should lose most of the far column's current");
    }

    @Test
    void batchEqualsOneAtATimeOnAnyPool() {
        SplittableRandom rnd = new SplittableRandom(SEED + 7);
        int m = 100;
        int n = 120; // ≥ 96×96: single vectors split their sweeps over two threads
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        int k = 6;
        double[] v = uniform(rnd, k * m, -0.2, 0.2);
        IrDropCrossbar e = engine(m, n, g, new Wires(1, 2, 10, 10));
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool two = new ForkJoinPool(2);
        try {
            double[] b1 = new double[k * n];
            double[] b2 = new double[k * n];
            e.forward(v, k, b1, one);
            e.forward(v, k, b2, two);
            assertArrayEquals(b1, b2, 0.0);
            double[] bc = new double[k * n];
            e.forward(v, k, bc);
            assertArrayEquals(b1, bc, 0.0);
            for (int q = 0; q < k; q++) {
                double[] vq = java.util.Arrays.copyOfRange(v, q * m, (q + 1) * m);
                double[] s1 = new double[n];
                double[] s2 = new double[n];
                e.forward(vq, 1, s1, one);
                e.forward(vq, 1, s2, two);
                double[] expected = java.util.Arrays.copyOfRange(b1, q * n, (q + 1) * n);
                assertArrayEquals(expected, s1, 0.0);
                assertArrayEquals(expected, s2, 0.0);
            }
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void irDropMapIsTheCellVoltage() {
        SplittableRandom rnd = new SplittableRandom(SEED + 8);
        int m = 9;
        int n = 11;
        double[] g = uniform(rnd, m * n, 1e-6, 100e-6);
        double[] v = uniform(rnd, m, 0, 0.2);
        double[] map = new double[m * n];
        engine(m, n, g, Wires.IDEAL).cellVoltages(v, map);
        for (int k = 0; k < m * n; k++) {
            assertEquals(v[k / n], map[k], 0.0);
        }
        IrDropCrossbar e = engine(m, n, g, Wires.of(50, 50));
        e.cellVoltages(v, map);
        double[] u = new double[m * n];
        double[] w = new double[m * n];
        e.solveNodes(v, new double[n], u, w);
        for (int k = 0; k < m * n; k++) {
            assertEquals(u[k] - w[k], map[k], 0.0);
            assertTrue(map[k] <= v[k / n] && map[k] > 0, "cell voltage within (0, V_i]");
        }
    }

    @Test
    void badInputsAreRejectedWithTheirName() {
        IrDropCrossbar e = engine(2, 3, new double[] {1e-5, 2e-5, 3e-5, 4e-5, 5e-5, 6e-5}, Wires.of(1, 1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> e.forward(new double[] {0.1, Double.NaN}, 1, new double[3]));
        assertTrue(nan.getMessage().contains("voltages[1]") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException shortIn = assertThrows(IllegalArgumentException.class,
                () -> e.forward(new double[] {0.1}, 1, new double[3]));
        assertTrue(shortIn.getMessage().contains("voltages.length") && shortIn.getMessage().contains("1"),
                shortIn.getMessage());
        IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class,
                () -> e.forward(new double[] {0.1, 0.2}, 1, new double[2]));
        assertTrue(shortOut.getMessage().contains("currentsOut.length"), shortOut.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> e.forward(new double[] {0.1, 0.2}, 0, new double[3]));
        assertTrue(batch.getMessage().contains("batch") && batch.getMessage().contains("0"), batch.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> e.backward(new double[] {0.1, Double.POSITIVE_INFINITY, 0}, 1, new double[2]));
        assertTrue(inf.getMessage().contains("voltages[1]") && inf.getMessage().contains("Infinity"), inf.getMessage());
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class,
                () -> IrDropOptions.DEFAULT.withTolerances(Double.NaN, 1e-9));
        assertTrue(tol.getMessage().contains("linearTolerance"), tol.getMessage());
    }
}
