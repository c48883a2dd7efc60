package dev.kirchhoff.crossbar.ir;

import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.device.iv.IvCurve;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinTask;

/**
 * The prepared circuit (everything that depends only on G, the wires and the options) and the
 * per-vector solve: Newton on the nodal equations, each linear step by conjugate gradients on
 * the Schur complement onto the column nodes, preconditioned by the column lines. See
 * {@link IrDropCrossbar} for the equations; names here follow them.
 *
 * <p>Storage: every per-node array is M×N row-major, index {@code i·N + j}. Potentials (node
 * voltages, CG search directions) of a collapsed ("lumped") line hold the line's one value in
 * each of its cells; injections (residual currents) are kept per cell and summed over the line
 * when the line is one node. Inner products {@code injection·potential} are then the reduced
 * ones, so CG needs no special case.
 */
final class NodalSolver {
    /** How a line (all rows, or all columns) is modelled. */
    enum Kind {
        /** Wire segments of resistance r &gt; 0: a chain of nodes, tridiagonal. */
        CHAIN,
        /** r = 0 but periphery resistance &gt; 0: one node per line. */
        LUMPED,
        /** r = 0 and periphery resistance 0: every node held at the source (or 0 V). */
        FIXED
    }

    /** Column strip width of the column-line sweeps (does not change results). */
    private static final int STRIP = 64;
    /** Below this many cells one vector is solved on one thread. */
    private static final int PARALLEL_CELLS = 96 * 96;

    final int m;
    final int n;
    final double[] g;
    final Kind rowKind;
    final Kind colKind;
    /** Row segment conductance 1/r_row (CHAIN). */
    final double gr;
    /** Row boundary conductance: 1/(r_drv + r_row) (CHAIN) or 1/r_drv (LUMPED). */
    final double gbr;
    /** Column segment conductance 1/r_col (CHAIN). */
    final double gc;
    /** Column boundary conductance: 1/(r_col + r_sense) (CHAIN) or 1/r_sense (LUMPED). */
    final double gbc;
    final IvCurve iv;
    final boolean linear;
    final IrDropOptions options;
    /** Reciprocal pivots of the row lines (R + D) and column lines (C + D), D = diag(G). */
    private final double[] qRow;
    private final double[] qCol;
    /** Σ_j G_ij, for the first-step current estimate. */
    private final double[] rowG;
    /** Largest conductance in the circuit (S). */
    private final double gMax;
    private final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();

    NodalSolver(int m, int n, double[] g, Wires wires, IrDropOptions options) {
        this.m = m;
        this.n = n;
        this.g = g;
        this.options = options;
        this.iv = options.iv();
        this.linear = options.linear();
        if (wires.rRowOhms() > 0) {
            rowKind = Kind.CHAIN;
            gr = 1 / wires.rRowOhms();
            gbr = 1 / (wires.rDriverOhms() + wires.rRowOhms());
        } else if (wires.rDriverOhms() > 0) {
            rowKind = Kind.LUMPED;
            gr = 0;
            gbr = 1 / wires.rDriverOhms();
        } else {
            rowKind = Kind.FIXED;
            gr = 0;
            gbr = 0;
        }
        if (wires.rColOhms() > 0) {
            colKind = Kind.CHAIN;
            gc = 1 / wires.rColOhms();
            gbc = 1 / (wires.rColOhms() + wires.rSenseOhms());
        } else if (wires.rSenseOhms() > 0) {
            colKind = Kind.LUMPED;
            gc = 0;
            gbc = 1 / wires.rSenseOhms();
        } else {
            colKind = Kind.FIXED;
            gc = 0;
            gbc = 0;
        }
        double gm = Math.max(Math.max(gr, gbr), Math.max(gc, gbc));
        rowG = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += g[i * n + j];
                gm = Math.max(gm, g[i * n + j]);
            }
            rowG[i] = s;
        }
        gMax = gm;
        qRow = newRowFactor();
        qCol = newColFactor();
        Par seq = new Par(1);
        factorRows(seq, g, qRow);
        factorCols(seq, g, qCol);
    }

    /** Number of unknown nodes of the nodal system. */
    int unknowns() {
        int r = rowKind == Kind.CHAIN ? m * n : rowKind == Kind.LUMPED ? m : 0;
        int c = colKind == Kind.CHAIN ? m * n : colKind == Kind.LUMPED ? n : 0;
        return r + c;
    }

    boolean parallelWorthwhile() {
        return (long) m * n >= PARALLEL_CELLS;
    }

    private double[] newRowFactor() {
        return rowKind == Kind.CHAIN ? new double[m * n] : rowKind == Kind.LUMPED ? new double[m] : null;
    }

    private double[] newColFactor() {
        return colKind == Kind.CHAIN ? new double[m * n] : colKind == Kind.LUMPED ? new double[n] : null;
    }

    // ---------------------------------------------------------------- parallel ranges

    /** Body over a range {@code [lo, hi)}; {@code slice} selects per-thread scratch. */
    @FunctionalInterface
    interface RangeBody {
        void run(int slice, int lo, int hi);
    }

    /**
     * Runs range bodies in {@code slices} contiguous parts (1 or 2). Every body writes only
     * its own part and keeps per-row or per-column partial sums, so results do not depend on
     * the number of parts.
     */
    record Par(int slices) {
        void forRange(int count, RangeBody body) {
            if (slices == 1 || count < 2) {
                body.run(0, 0, count);
                return;
            }
            int mid = count / 2;
            ForkJoinTask<?> other = ForkJoinTask.adapt(() -> body.run(1, mid, count)).fork();
            body.run(0, 0, mid);
            other.join();
        }
    }

    // ---------------------------------------------------------------- workspace

    /** Scratch of one solve in progress; one per concurrently solved vector. */
    static final class Workspace {
        double[] u;
        double[] w;
        final double[] rU;
        final double[] rW;
        final double[] r;
        final double[] z;
        double[] pOld;
        double[] pNew;
        final double[] sp;
        final double[] dw;
        final double[] du;
        final double[] ge;
        final double[] qr;
        final double[] qc;
        double[] uT;
        double[] wT;
        final double[] rowA;
        final double[] rowB;
        final double[] rowC;
        final double[] colA;
        final double[] colB;
        final double[] yp;
        final double[][] bufLo = new double[2][];
        final double[][] bufHi = new double[2][];
        final double[][] yb = new double[2][];

        Workspace(NodalSolver s) {
            int mn = s.m * s.n;
            u = new double[mn];
            w = new double[mn];
            rU = new double[mn];
            rW = new double[mn];
            r = new double[mn];
            z = new double[mn];
            pOld = new double[mn];
            pNew = new double[mn];
            sp = new double[mn];
            dw = new double[mn];
            du = new double[mn];
            if (s.linear) {
                ge = s.g;
                qr = s.qRow;
                qc = s.qCol;
            } else {
                ge = new double[mn];
                qr = s.newRowFactor();
                qc = s.newColFactor();
                uT = new double[mn];
                wT = new double[mn];
            }
            rowA = new double[s.m];
            rowB = new double[s.m];
            rowC = new double[s.m];
            colA = new double[s.n];
            colB = new double[s.n];
            yp = new double[s.n];
            for (int k = 0; k < 2; k++) {
                bufLo[k] = new double[s.n];
                bufHi[k] = new double[s.n];
                yb[k] = new double[s.n];
            }
        }
    }

    Workspace acquire() {
        Workspace ws = workspaces.poll();
        return ws != null ? ws : new Workspace(this);
    }

    void release(Workspace ws) {
        workspaces.offer(ws);
    }

    // ---------------------------------------------------------------- factorisation

    /** Reciprocal pivots of (R + diag(ge)) per row line. */
    void factorRows(Par par, double[] ge, double[] qr) {
        if (rowKind == Kind.FIXED) {
            return;
        }
        par.forRange(m, (s, i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int o = i * n;
                if (rowKind == Kind.LUMPED) {
                    double sum = gbr;
                    for (int j = 0; j < n; j++) {
                        sum += ge[o + j];
                    }
                    qr[i] = 1 / sum;
                    continue;
                }
                double q = 1 / (ge[o] + gbr + (n > 1 ? gr : 0));
                qr[o] = q;
                for (int j = 1; j < n; j++) {
                    double d = ge[o + j] + gr + (j < n - 1 ? gr : 0) - gr * gr * q;
                    q = 1 / d;
                    qr[o + j] = q;
                }
            }
        });
    }

    /** Reciprocal pivots of (C + diag(ge)) per column line (sweeping i, vectorised over j). */
    void factorCols(Par par, double[] ge, double[] qc) {
        if (colKind == Kind.FIXED) {
            return;
        }
        par.forRange(strips(), (s, s0, s1) -> {
            int j0 = s0 * STRIP;
            int j1 = Math.min(n, s1 * STRIP);
            if (colKind == Kind.LUMPED) {
                for (int j = j0; j < j1; j++) {
                    qc[j] = gbc;
                }
                for (int i = 0; i < m; i++) {
                    int o = i * n;
                    for (int j = j0; j < j1; j++) {
                        qc[j] += ge[o + j];
                    }
                }
                for (int j = j0; j < j1; j++) {
                    qc[j] = 1 / qc[j];
                }
                return;
            }
            for (int i = 0; i < m; i++) {
                int o = i * n;
                double base = (i > 0 ? gc : 0) + (i < m - 1 ? gc : gbc);
                if (i == 0) {
                    for (int j = j0; j < j1; j++) {
                        qc[j] = 1 / (ge[j] + base);
                    }
                } else {
                    double gc2 = gc * gc;
                    for (int j = j0; j < j1; j++) {
                        qc[o + j] = 1 / (ge[o + j] + base - gc2 * qc[o - n + j]);
                    }
                }
            }
        });
    }

    private int strips() {
        return (n + STRIP - 1) / STRIP;
    }

    // ---------------------------------------------------------------- line solves

    /**
     * {@code out = (R + diag(ge))⁻¹ (f + ge∘x)} (x may be null), per row line; zero for fixed rows.
     * In-place ({@code out == f}) is allowed.
     */
    void rowSolve(Par par, double[] ge, double[] qr, double[] f, double[] x, double[] out) {
        if (rowKind == Kind.FIXED) {
            Arrays.fill(out, 0.0);
            return;
        }
        par.forRange(m, (s, i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int o = i * n;
                if (rowKind == Kind.LUMPED) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += x == null ? f[o + j] : f[o + j] + ge[o + j] * x[o + j];
                    }
                    Arrays.fill(out, o, o + n, sum * qr[i]);
                    continue;
                }
                double y = x == null ? f[o] : f[o] + ge[o] * x[o];
                out[o] = qr[o] * y;
                for (int j = 1; j < n; j++) {
                    double fj = x == null ? f[o + j] : f[o + j] + ge[o + j] * x[o + j];
                    y = fj + gr * qr[o + j - 1] * y;
                    out[o + j] = qr[o + j] * y;
                }
                double xx = out[o + n - 1];
                for (int j = n - 2; j >= 0; j--) {
                    xx = out[o + j] + gr * qr[o + j] * xx;
                    out[o + j] = xx;
                }
            }
        });
    }

    // ---------------------------------------------------------------- residual

    /**
     * KCL residual ρ = b − A(v) at (u, w), into ws.rU / ws.rW (and, for nonlinear devices, the
     * differential conductances into ws.ge). Per-row partials: rowA = Σρ² over the row's
     * unknowns (and the chain column nodes of that row), rowB = max|ρ|, rowC = source current.
     */
    void residual(Par par, Workspace ws, double[] v, int vo, double[] u, double[] w) {
        double[] rU = ws.rU;
        double[] rW = ws.rW;
        double[] ge = ws.ge;
        par.forRange(m, (s, i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int o = i * n;
                double vi = v[vo + i];
                double cUp = colKind == Kind.CHAIN && i > 0 ? gc : 0;
                double cDn = colKind == Kind.CHAIN && i < m - 1 ? gc : 0;
                double cB = colKind != Kind.FIXED && i == m - 1 ? gbc : 0;
                double sq = 0;
                double mx = 0;
                double rowSum = 0;
                double devSum = 0;
                for (int j = 0; j < n; j++) {
                    int k = o + j;
                    double vc = u[k] - w[k];
                    double cur;
                    if (linear) {
                        cur = g[k] * vc;
                    } else {
                        cur = iv.currentAmperes(g[k], vc);
                        ge[k] = iv.differentialConductanceSiemens(g[k], vc);
                    }
                    devSum += cur;
                    double ru = 0;
                    if (rowKind != Kind.FIXED) {
                        ru = -cur;
                        if (j == 0) {
                            ru += gbr * (vi - u[k]);
                        }
                        if (rowKind == Kind.CHAIN) {
                            if (j > 0) {
                                ru += gr * (u[k - 1] - u[k]);
                            }
                            if (j < n - 1) {
                                ru += gr * (u[k + 1] - u[k]);
                            }
                            sq += ru * ru;
                            mx = Math.max(mx, Math.abs(ru));
                        } else {
                            rowSum += ru;
                        }
                    }
                    rU[k] = ru;
                    double rw = 0;
                    if (colKind != Kind.FIXED) {
                        rw = cur - cB * w[k];
                        if (cUp != 0) {
                            rw += cUp * (w[k - n] - w[k]);
                        }
                        if (cDn != 0) {
                            rw += cDn * (w[k + n] - w[k]);
                        }
                        if (colKind == Kind.CHAIN) {
                            sq += rw * rw;
                            mx = Math.max(mx, Math.abs(rw));
                        }
                    }
                    rW[k] = rw;
                }
                if (rowKind == Kind.LUMPED) {
                    sq += rowSum * rowSum;
                    mx = Math.max(mx, Math.abs(rowSum));
                }
                ws.rowA[i] = sq;
                ws.rowB[i] = mx;
                ws.rowC[i] = rowKind == Kind.FIXED ? devSum : gbr * (vi - u[o]);
            }
        });
    }

    // ---------------------------------------------------------------- CG on the Schur complement

    /**
     * Pass A over rows [i0, i1): p = z + β·pOld (into pNew), then
     * {@code Sp = (C + D)p − D (R + D)⁻¹ D p} and per-row partials rowA = p·Sp.
     */
    private void passA(Workspace ws, double[] ge, double[] qr, double beta, int s, int i0, int i1) {
        double[] z = ws.z;
        double[] pOld = ws.pOld;
        double[] pNew = ws.pNew;
        double[] sp = ws.sp;
        double[] lo = ws.bufLo[s];
        double[] hi = ws.bufHi[s];
        double[] yb = ws.yb[s];
        if (i0 > 0) {
            combine(z, pOld, beta, (i0 - 1) * n, lo, 0);
        }
        combine(z, pOld, beta, i0 * n, pNew, i0 * n);
        for (int i = i0; i < i1; i++) {
            int o = i * n;
            if (i + 1 < m) {
                if (i + 1 < i1) {
                    combine(z, pOld, beta, o + n, pNew, o + n);
                } else {
                    combine(z, pOld, beta, o + n, hi, 0);
                }
            }
            double[] up = pNew;
            int upOff = o;
            if (i > 0) {
                if (i - 1 >= i0) {
                    upOff = o - n;
                } else {
                    up = lo;
                    upOff = 0;
                }
            }
            double[] dn = pNew;
            int dnOff = o;
            if (i < m - 1) {
                if (i + 1 < i1) {
                    dnOff = o + n;
                } else {
                    dn = hi;
                    dnOff = 0;
                }
            }
            double cUp;
            double cDn;
            double cSelf;
            if (colKind == Kind.CHAIN) {
                cUp = i > 0 ? gc : 0;
                cDn = i < m - 1 ? gc : 0;
                cSelf = cUp + (i < m - 1 ? gc : gbc);
            } else {
                cUp = 0;
                cDn = 0;
                cSelf = i == m - 1 ? gbc : 0;
            }
            // yb = (R + D)⁻¹ D p on row i
            if (rowKind == Kind.CHAIN) {
                double y = ge[o] * pNew[o];
                yb[0] = qr[o] * y;
                for (int j = 1; j < n; j++) {
                    y = ge[o + j] * pNew[o + j] + gr * qr[o + j - 1] * y;
                    yb[j] = qr[o + j] * y;
                }
                double x = yb[n - 1];
                for (int j = n - 2; j >= 0; j--) {
                    x = yb[j] + gr * qr[o + j] * x;
                    yb[j] = x;
                }
            } else if (rowKind == Kind.LUMPED) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += ge[o + j] * pNew[o + j];
                }
                Arrays.fill(yb, sum * qr[i]);
            } else {
                Arrays.fill(yb, 0.0);
            }
            double dot = 0;
            for (int j = 0; j < n; j++) {
                double pij = pNew[o + j];
                double val = cSelf * pij - cUp * up[upOff + j] - cDn * dn[dnOff + j] + ge[o + j] * (pij - yb[j]);
                sp[o + j] = val;
                dot += pij * val;
            }
            ws.rowA[i] = dot;
        }
    }

    private void combine(double[] z, double[] pOld, double beta, int from, double[] out, int outOff) {
        for (int j = 0; j < n; j++) {
            out[outOff + j] = z[from + j] + beta * pOld[from + j];
        }
    }

    /**
     * Pass BC over column strips: optionally dw += α·p, r −= α·Sp; then z = (C + D)⁻¹ r; per-column
     * partials colA = r·z and colB = |r|² (aggregated over a lumped column).
     */
    private void passBc(Workspace ws, double[] qc, boolean update, double alpha, int s0, int s1) {
        int j0 = s0 * STRIP;
        int j1 = Math.min(n, s1 * STRIP);
        double[] r = ws.r;
        double[] z = ws.z;
        double[] p = ws.pNew;
        double[] sp = ws.sp;
        double[] dw = ws.dw;
        double[] yp = ws.yp;
        double[] colA = ws.colA;
        double[] colB = ws.colB;
        if (update) {
            for (int i = 0; i < m; i++) {
                int o = i * n;
                for (int j = j0; j < j1; j++) {
                    dw[o + j] += alpha * p[o + j];
                    r[o + j] -= alpha * sp[o + j];
                }
            }
        }
        if (colKind == Kind.LUMPED) {
            Arrays.fill(yp, j0, j1, 0.0);
            for (int i = 0; i < m; i++) {
                int o = i * n;
                for (int j = j0; j < j1; j++) {
                    yp[j] += r[o + j];
                }
            }
            for (int j = j0; j < j1; j++) {
                double cs = yp[j];
                double zc = cs * qc[j];
                colA[j] = cs * zc;
                colB[j] = cs * cs;
                yp[j] = zc;
            }
            for (int i = 0; i < m; i++) {
                System.arraycopy(yp, j0, z, i * n + j0, j1 - j0);
            }
            return;
        }
        for (int j = j0; j < j1; j++) {
            double y = r[j];
            yp[j] = y;
            z[j] = qc[j] * y;
        }
        for (int i = 1; i < m; i++) {
            int o = i * n;
            for (int j = j0; j < j1; j++) {
                double y = r[o + j] + gc * qc[o - n + j] * yp[j];
                yp[j] = y;
                z[o + j] = qc[o + j] * y;
            }
        }
        int last = (m - 1) * n;
        for (int j = j0; j < j1; j++) {
            double ri = r[last + j];
            colA[j] = ri * z[last + j];
            colB[j] = ri * ri;
        }
        for (int i = m - 2; i >= 0; i--) {
            int o = i * n;
            for (int j = j0; j < j1; j++) {
                double zz = z[o + j] + gc * qc[o + j] * z[o + n + j];
                z[o + j] = zz;
                double ri = r[o + j];
                colA[j] += ri * zz;
                colB[j] += ri * ri;
            }
        }
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }

    /**
     * Solves the linearised nodal system {@code J·(du, dw) = (rU, rW)} (J built from ge) to an
     * absolute 2-norm {@code target} on the column-node residual. Row-node equations are
     * satisfied exactly (up to rounding) by the final row solve. Returns the CG iterations.
     */
    int schurSolve(Par par, Workspace ws, double target) {
        double[] ge = ws.ge;
        double[] qr = ws.qr;
        double[] qc = ws.qc;
        if (colKind == Kind.FIXED) {
            Arrays.fill(ws.dw, 0.0);
            rowSolve(par, ge, qr, ws.rU, null, ws.du);
            return 0;
        }
        rowSolve(par, ge, qr, ws.rU, null, ws.du);
        double[] r = ws.r;
        double[] rW = ws.rW;
        double[] du = ws.du;
        for (int k = 0; k < r.length; k++) {
            r[k] = rW[k] + ge[k] * du[k];
        }
        Arrays.fill(ws.dw, 0.0);
        int strips = strips();
        par.forRange(strips, (s, s0, s1) -> passBc(ws, qc, false, 0, s0, s1));
        double rz = sum(ws.colA);
        double rr = sum(ws.colB);
        int it = 0;
        double beta = 0;
        while (Math.sqrt(rr) > target) {
            if (it >= options.maxCgIterations()) {
                throw new IllegalStateException("IR-drop CG did not reach residual " + target + " A in "
                        + options.maxCgIterations() + " iterations (residual " + Math.sqrt(rr) + " A)");
            }
            double b = beta;
            par.forRange(m, (s, i0, i1) -> passA(ws, ge, qr, b, s, i0, i1));
            double pSp = sum(ws.rowA);
            if (!(pSp > 0)) {
                break;
            }
            double alpha = rz / pSp;
            par.forRange(strips, (s, s0, s1) -> passBc(ws, qc, true, alpha, s0, s1));
            double[] t = ws.pOld;
            ws.pOld = ws.pNew;
            ws.pNew = t;
            it++;
            double rzNew = sum(ws.colA);
            rr = sum(ws.colB);
            beta = rzNew / rz;
            rz = rzNew;
        }
        rowSolve(par, ge, qr, ws.rU, ws.dw, ws.du);
        return it;
    }

    // ---------------------------------------------------------------- the solve

    /**
     * Solves one input vector {@code v[vo .. vo+M)}: node voltages end in ws.u (rows) and ws.w
     * (columns), potential form.
     */
    IrDropStats solve(Par par, Workspace ws, double[] v, int vo) {
        double[] u = ws.u;
        double[] w = ws.w;
        double vMax = 0;
        double vSq = 0;
        double iIdeal = 0;
        for (int i = 0; i < m; i++) {
            double vi = v[vo + i];
            Arrays.fill(u, i * n, (i + 1) * n, vi);
            vMax = Math.max(vMax, Math.abs(vi));
            vSq += vi * vi;
            iIdeal += Math.abs(vi) * rowG[i];
        }
        Arrays.fill(w, 0.0);
        double bNorm = rhsNorm(v, vo, vSq);
        double floor = 32 * Math.ulp(1.0) * gMax * vMax;
        double floor2 = floor * Math.sqrt(Math.max(1, unknowns()));
        double linTol = options.linearTolerance();
        double kclTol = options.kclTolerance();
        int steps = 0;
        int cgTotal = 0;
        residual(par, ws, v, vo, u, w);
        double[] norms = norms(ws);
        while (unknowns() > 0) {
            double res2 = norms[0];
            double resMax = norms[1];
            double iSrc = norms[2];
            boolean kclOk = resMax <= kclTol * iSrc + floor;
            if (kclOk && (!linear || res2 <= linTol * bNorm + floor2)) {
                break;
            }
            if (steps >= options.maxNewtonIterations()) {
                throw new IllegalStateException("IR-drop solve did not converge in " + steps
                        + " Newton steps: KCL residual " + resMax + " A against total source current " + iSrc + " A");
            }
            if (!linear) {
                factorRows(par, ws.ge, ws.qr);
                factorCols(par, ws.ge, ws.qc);
            }
            double iEst = steps == 0 && rowKind != Kind.FIXED ? 0.1 * iIdeal : iSrc;
            double target = linear ? Math.min(0.5 * linTol * bNorm, 1e-3 * kclTol * iEst)
                    : Math.max(1e-6 * res2, 1e-3 * kclTol * iEst);
            target = Math.max(target, 0.5 * floor);
            cgTotal += schurSolve(par, ws, target);
            steps++;
            if (linear) {
                axpy(par, 1, ws.du, u);
                axpy(par, 1, ws.dw, w);
                residual(par, ws, v, vo, u, w);
                norms = norms(ws);
            } else {
                norms = lineSearch(par, ws, v, vo, res2);
                u = ws.u;
                w = ws.w;
            }
        }
        return new IrDropStats(steps, cgTotal, bNorm > 0 ? norms[0] / bNorm : 0,
                norms[2] > 0 ? norms[1] / norms[2] : 0);
    }

    /** Backtracking on ‖ρ‖₂ (Armijo, halving): accepts u + a·du, w + a·dw. */
    private double[] lineSearch(Par par, Workspace ws, double[] v, int vo, double res2) {
        double a = 1;
        for (int tries = 0; tries < 40; tries++) {
            double aa = a;
            double[] u = ws.u;
            double[] w = ws.w;
            double[] uT = ws.uT;
            double[] wT = ws.wT;
            double[] du = ws.du;
            double[] dw = ws.dw;
            par.forRange(m * n, (s, lo, hi) -> {
                for (int k = lo; k < hi; k++) {
                    uT[k] = u[k] + aa * du[k];
                    wT[k] = w[k] + aa * dw[k];
                }
            });
            residual(par, ws, v, vo, uT, wT);
            double[] nt = norms(ws);
            if (nt[0] <= (1 - 1e-4 * a) * res2 || tries == 39) {
                ws.uT = u; // the trial becomes the iterate
                ws.wT = w;
                ws.u = uT;
                ws.w = wT;
                return nt;
            }
            a *= 0.5;
        }
        throw new IllegalStateException("unreachable");
    }

    private static void axpy(Par par, double a, double[] x, double[] y) {
        par.forRange(y.length, (s, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                y[k] += a * x[k];
            }
        });
    }

    /** {‖ρ‖₂, max|ρ|, Σ|I_src|} from the per-row partials (and lumped column sums). */
    private double[] norms(Workspace ws) {
        double sq = 0;
        double mx = 0;
        double src = 0;
        for (int i = 0; i < m; i++) {
            sq += ws.rowA[i];
            mx = Math.max(mx, ws.rowB[i]);
            src += Math.abs(ws.rowC[i]);
        }
        if (colKind == Kind.LUMPED) {
            double[] cs = ws.colA;
            Arrays.fill(cs, 0.0);
            for (int i = 0; i < m; i++) {
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    cs[j] += ws.rW[o + j];
                }
            }
            for (int j = 0; j < n; j++) {
                sq += cs[j] * cs[j];
                mx = Math.max(mx, Math.abs(cs[j]));
            }
        }
        return new double[] {Math.sqrt(sq), mx, src};
    }

    /** ‖b‖₂, b = ρ(0): the currents the sources inject when every unknown node is grounded. */
    private double rhsNorm(double[] v, int vo, double vSq) {
        if (rowKind != Kind.FIXED) {
            return gbr * Math.sqrt(vSq);
        }
        if (colKind == Kind.FIXED) {
            return 0;
        }
        double sq = 0;
        double[] cs = colKind == Kind.LUMPED ? new double[n] : null;
        for (int i = 0; i < m; i++) {
            double vi = v[vo + i];
            for (int j = 0; j < n; j++) {
                double cur = linear ? g[i * n + j] * vi : iv.currentAmperes(g[i * n + j], vi);
                if (cs != null) {
                    cs[j] += cur;
                } else {
                    sq += cur * cur;
                }
            }
        }
        if (cs != null) {
            for (double c : cs) {
                sq += c * c;
            }
        }
        return Math.sqrt(sq);
    }

    /** Output currents I_j into the virtual grounds, from the solved node voltages. */
    void outputs(Workspace ws, double[] out, int oo) {
        double[] u = ws.u;
        double[] w = ws.w;
        if (colKind != Kind.FIXED) {
            int last = (m - 1) * n;
            for (int j = 0; j < n; j++) {
                out[oo + j] = gbc * w[last + j];
            }
            return;
        }
        Arrays.fill(out, oo, oo + n, 0.0);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            for (int j = 0; j < n; j++) {
                out[oo + j] += linear ? g[o + j] * (u[o + j] - w[o + j]) : iv.currentAmperes(g[o + j], u[o + j] - w[o + j]);
            }
        }
    }
}
