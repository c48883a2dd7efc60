package dev.kirchhoff.crossbar.ir;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.CrossbarEngine;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.iv.LinearIv;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Exact IR-drop crossbar: solves Kirchhoff's laws for the whole resistive network (wires,
 * periphery and devices) instead of assuming ideal wires.
 *
 * <h2>The circuit (ARCHITECTURE.md, "the crossbar circuit convention")</h2>
 * Row i is driven at its column-0 end by an ideal source Vᵢ through {@code r_drv + r_row}; row
 * nodes (i,j) and (i,j+1) are joined by {@code r_row}; the far end is open. Column j is sensed at
 * its row-(M−1) end by a virtual ground (0 V) through {@code r_col + r_sense}; column nodes
 * (i,j) and (i+1,j) are joined by {@code r_col}; the far end is open. Device (i,j) carries the
 * current {@code I(G_ij, u_ij − w_ij)} from row node (i,j) to column node (i,j) ({@link IvCurve};
 * {@code G·(u − w)} for ohmic cells). Output {@code I_j} is the current into column j's
 * virtual ground.
 *
 * <h2>Nodal equations (to match with an external solver)</h2>
 * Unknowns, in this order: the row-node voltages {@code u[i·N + j]} (index {@code i·N + j}),
 * then the column-node voltages {@code w[i·N + j]} (index {@code M·N + i·N + j}). With
 * {@code g_r = 1/r_row}, {@code g_R = 1/(r_drv + r_row)}, {@code g_c = 1/r_col},
 * {@code g_C = 1/(r_col + r_sense)}, the linear system {@code A·v = b} (ohmic devices) is the sum
 * of these stamps (a conductance g between unknowns p and q adds g to A[p][p] and A[q][q] and −g
 * to A[p][q] and A[q][p]; g from p to a known voltage V adds g to A[p][p] and g·V to b[p]):
 * <pre>
 *   row driver    u(i,0)  — source Vᵢ      : g_R          (i = 0..M−1)
 *   row segment   u(i,j)  — u(i,j+1)       : g_r          (j = 0..N−2)
 *   device        u(i,j)  — w(i,j)         : G_ij
 *   column segment w(i,j) — w(i+1,j)       : g_c          (i = 0..M−2)
 *   column sense  w(M−1,j) — ground (0 V)  : g_C          (j = 0..N−1)
 * </pre>
 * so {@code b} is zero except {@code b[i·N] = g_R·Vᵢ}, and {@code I_j = g_C·w(M−1,j)}. A is
 * symmetric positive definite. Zero resistances change the unknowns, not the physics:
 * {@code r_row = 0} joins each row into one node {@code u_i} (its stamps summed; driver
 * conductance {@code 1/r_drv}); if also {@code r_drv = 0} the row nodes are known,
 * {@code u = Vᵢ}, and drop out of the unknowns (their device stamps move to b). Likewise
 * {@code r_col = 0} makes each column one node with sense conductance {@code 1/r_sense}, and with
 * {@code r_sense = 0} the column nodes are known (0 V) and {@code I_j = Σᵢ I(G_ij, u_ij)}. All four
 * zero with Ohmic devices is the ideal crossbar: {@link #forward} and {@link #backward} then
 * delegate to {@link dev.kirchhoff.crossbar.IdealCrossbar} ({@code I = Vᵀ·G}, bit for bit).
 *
 * <h2>Method</h2>
 * Nonlinear devices: Newton's method on the KCL residual {@code ρ(v) = b − A(v)}; each step
 * linearises every device at its present cell voltage (conductance {@code dI/dV}, plus the
 * equivalent current source {@code I − dI/dV·V}, i.e. the step solves {@code J·δ = ρ}), with
 * backtracking (Armijo, halving) on {@code ‖ρ‖₂}. Ohmic devices: the same loop, whose first step
 * is the exact solve (a second refinement step runs only if rounding left the residual above
 * tolerance). Start: the ideal solution (row nodes at Vᵢ, column nodes at 0 V).
 *
 * <p>Each linear step eliminates the row nodes: with R, C the row/column chain Laplacians
 * (including the driver and sense conductances) and D = diag(dI/dV), the column voltages solve
 * the Schur complement {@code S = (C + D) − D (R + D)⁻¹ D}, by conjugate gradients preconditioned
 * with {@code C + D} (one tridiagonal solve per column line); one tridiagonal solve per row line
 * then gives the row voltages. S applied to a vector costs one row-line solve. Both line
 * solves are O(M·N); the tridiagonal factors (reciprocal pivots) depend only on G and the wires
 * and are computed once, in the constructor, for ohmic devices. Because D couples the row and
 * column lines only cell by cell, the preconditioned spectrum is {@code 1 − μ²} with μ the
 * singular values of {@code (R+D)^{−1/2} D (C+D)^{−1/2}}, bounded away from 1 for any finite
 * wire resistance: CG converges however strong the IR drop (r·G·N² ≫ 1), unlike fixed-point
 * iteration. Stopping rules: {@link IrDropOptions}.
 *
 * <h2>Transposed read ({@link #backward})</h2>
 * The same physical array and the same wires, with the roles of the peripheries swapped: column j
 * is driven by an ideal source at its row-(M−1) end (where its sense amplifier sits) through
 * {@code r_sense + r_col}; row i is sensed by a virtual ground at its column-0 end (where its
 * driver sits) through {@code r_drv + r_row}; far ends open. Output: the current into row i's
 * virtual ground; device current still flows by its I–V from the higher to the lower node. With
 * ideal wires this is {@code I = G·V}. It is computed as the forward solve of the mirrored
 * array {@code G'[N−1−j][M−1−i] = G[i][j]} with {@code r_row' = r_col}, {@code r_col' = r_row},
 * {@code r_drv' = r_sense}, {@code r_sense' = r_drv}, and the device I–V reflected
 * ({@code I'(G, V) = −I(G, −V)}), which is the same network.
 *
 * <h2>Threads</h2>
 * A batch is spread over the fork-join pool one vector per task, each vector solved on one
 * thread; a single vector of at least 96×96 cells splits its row and column sweeps into two
 * halves. Inner products are accumulated per row or per column and summed in index order, so
 * every result is bit-for-bit the same for any number of threads. Instances are thread-safe.
 */
public final class IrDropCrossbar implements CrossbarEngine {
    private final ConductanceMatrix conductances;
    private final Wires wires;
    private final IrDropOptions options;
    private final NodalSolver solver;
    /** The ideal engine this circuit reduces to (ideal wires, Ohmic devices), or null. */
    private final IdealCrossbar idealEngine;
    private volatile IrDropCrossbar mirror;

    /**
     * Prepares the solver: copies G and factors every row and column line once.
     *
     * @param conductances the array's conductances
     * @param wires        wire and periphery resistances
     * @param options      device I–V and tolerances
     */
    public IrDropCrossbar(ConductanceMatrix conductances, Wires wires, IrDropOptions options) {
        if (conductances == null || wires == null || options == null) {
            throw new IllegalArgumentException("conductances, wires and options must not be null, got "
                    + conductances + ", " + wires + ", " + options);
        }
        this.conductances = conductances;
        this.wires = wires;
        this.options = options;
        double[] g = new double[conductances.rows() * conductances.cols()];
        conductances.copyTo(g);
        this.solver = new NodalSolver(conductances.rows(), conductances.cols(), g, wires, options);
        this.idealEngine = wires.ideal() && options.iv() instanceof LinearIv ? new IdealCrossbar(conductances) : null;
    }

    /** Ohmic devices and default tolerances. */
    public IrDropCrossbar(ConductanceMatrix conductances, Wires wires) {
        this(conductances, wires, IrDropOptions.DEFAULT);
    }

    @Override
    public int rows() {
        return solver.m;
    }

    @Override
    public int cols() {
        return solver.n;
    }

    /** The wires this engine was prepared for. */
    public Wires wires() {
        return wires;
    }

    /** The options this engine was prepared for. */
    public IrDropOptions options() {
        return options;
    }

    @Override
    public void forward(double[] voltages, int batch, double[] currentsOut) {
        forward(voltages, batch, currentsOut, ForkJoinPool.commonPool());
    }

    /**
     * Forward read on an explicit pool, returning the worst statistics over the batch. Results
     * do not depend on the pool's parallelism.
     *
     * @param voltages    not modified: K×M row voltages (V), finite
     * @param batch       K ≥ 1
     * @param currentsOut modified: K×N column currents (A)
     * @param pool        where the work runs
     * @throws IllegalArgumentException for a bad length or a non-finite voltage (named)
     * @throws IllegalStateException    if a solve does not converge within the option caps
     */
    public IrDropStats forward(double[] voltages, int batch, double[] currentsOut, ForkJoinPool pool) {
        checkBatch(voltages, batch, rows(), currentsOut, cols());
        if (pool == null) {
            throw new IllegalArgumentException("pool must not be null, got null");
        }
        if (idealEngine != null) {
            idealEngine.forward(voltages, batch, currentsOut);
            return IrDropStats.NONE;
        }
        boolean common = pool == ForkJoinPool.commonPool();
        RecursiveTask<IrDropStats> task;
        if (batch == 1) {
            NodalSolver.Par par = new NodalSolver.Par(solver.parallelWorthwhile() && threads(pool) > 1 ? 2 : 1);
            task = new RecursiveTask<>() {
                @Override
                protected IrDropStats compute() {
                    return solveOne(par, voltages, 0, currentsOut, 0, null, null);
                }
            };
        } else {
            task = new BatchTask(voltages, currentsOut, 0, batch);
        }
        // On the common pool the caller works too (its parallelism counts the workers only).
        return common ? task.invoke() : pool.invoke(task);
    }

    private static int threads(ForkJoinPool pool) {
        return pool == ForkJoinPool.commonPool() ? ForkJoinPool.getCommonPoolParallelism() + 1 : pool.getParallelism();
    }

    /** Splits a batch into one task per vector; each vector's arithmetic is independent of the split. */
    private final class BatchTask extends RecursiveTask<IrDropStats> {
        private final double[] voltages;
        private final double[] out;
        private final int from;
        private final int to;

        BatchTask(double[] voltages, double[] out, int from, int to) {
            this.voltages = voltages;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected IrDropStats compute() {
            if (to - from == 1) {
                return solveOne(new NodalSolver.Par(1), voltages, from * rows(), out, from * cols(), null, null);
            }
            int mid = (from + to) >>> 1;
            BatchTask right = new BatchTask(voltages, out, mid, to);
            right.fork();
            IrDropStats left = new BatchTask(voltages, out, from, mid).compute();
            return left.worst(right.join());
        }
    }

    /**
     * Forward read of one vector with its statistics (runs on the calling thread and the common pool).
     *
     * @param voltages    not modified: M row voltages (V)
     * @param currentsOut modified: N column currents (A)
     */
    public IrDropStats solve(double[] voltages, double[] currentsOut) {
        checkBatch(voltages, 1, rows(), currentsOut, cols());
        return solveOne(par(), voltages, 0, currentsOut, 0, null, null);
    }

    /**
     * Forward read of one vector that also returns every node voltage.
     *
     * @param voltages       not modified: M row voltages (V)
     * @param currentsOut    modified: N column currents (A)
     * @param rowNodesOut    modified: M×N row-node voltages u(i,j) (V), row-major
     * @param columnNodesOut modified: M×N column-node voltages w(i,j) (V), row-major
     */
    public IrDropStats solveNodes(double[] voltages, double[] currentsOut, double[] rowNodesOut,
            double[] columnNodesOut) {
        checkBatch(voltages, 1, rows(), currentsOut, cols());
        checkLength("rowNodesOut", rowNodesOut, rows() * cols());
        checkLength("columnNodesOut", columnNodesOut, rows() * cols());
        return solveOne(par(), voltages, 0, currentsOut, 0, rowNodesOut, columnNodesOut);
    }

    /**
     * The IR-drop map of one input vector: the voltage across every cell,
     * {@code u(i,j) − w(i,j)}, M×N row-major (V). Ideal wires give Vᵢ in every cell of row i.
     *
     * @param voltages     not modified: M row voltages (V)
     * @param cellVoltsOut modified: M×N cell voltages (V)
     */
    public IrDropStats cellVoltages(double[] voltages, double[] cellVoltsOut) {
        int mn = rows() * cols();
        checkLength("cellVoltsOut", cellVoltsOut, mn);
        double[] w = new double[mn];
        IrDropStats stats = solveNodes(voltages, new double[cols()], cellVoltsOut, w);
        for (int k = 0; k < mn; k++) {
            cellVoltsOut[k] -= w[k];
        }
        return stats;
    }

    private NodalSolver.Par par() {
        return new NodalSolver.Par(solver.parallelWorthwhile() && threads(ForkJoinPool.commonPool()) > 1 ? 2 : 1);
    }

    private IrDropStats solveOne(NodalSolver.Par par, double[] v, int vo, double[] out, int oo, double[] uOut,
            double[] wOut) {
        NodalSolver.Workspace ws = solver.acquire();
        try {
            IrDropStats stats = solver.solve(par, ws, v, vo);
            solver.outputs(ws, out, oo);
            if (uOut != null) {
                System.arraycopy(ws.u, 0, uOut, 0, uOut.length);
                System.arraycopy(ws.w, 0, wOut, 0, wOut.length);
            }
            return stats;
        } finally {
            solver.release(ws);
        }
    }

    @Override
    public void backward(double[] voltages, int batch, double[] currentsOut) {
        backward(voltages, batch, currentsOut, ForkJoinPool.commonPool());
    }

    /**
     * Transposed read (see the class comment for the circuit) on an explicit pool.
     *
     * @param voltages    not modified: K×N column voltages (V), finite
     * @param batch       K ≥ 1
     * @param currentsOut modified: K×M currents into the rows' virtual grounds (A)
     * @param pool        where the work runs
     */
    public IrDropStats backward(double[] voltages, int batch, double[] currentsOut, ForkJoinPool pool) {
        checkBatch(voltages, batch, cols(), currentsOut, rows());
        if (idealEngine != null) {
            idealEngine.backward(voltages, batch, currentsOut);
            return IrDropStats.NONE;
        }
        int m = rows();
        int n = cols();
        double[] mirrored = new double[batch * n];
        for (int k = 0; k < batch; k++) {
            for (int j = 0; j < n; j++) {
                mirrored[k * n + (n - 1 - j)] = voltages[k * n + j];
            }
        }
        double[] outMirror = new double[batch * m];
        IrDropStats stats = mirror().forward(mirrored, batch, outMirror, pool);
        for (int k = 0; k < batch; k++) {
            for (int i = 0; i < m; i++) {
                currentsOut[k * m + i] = outMirror[k * m + (m - 1 - i)];
            }
        }
        return stats;
    }

    /** The forward engine of the mirrored array that is this array's transposed read. */
    private IrDropCrossbar mirror() {
        IrDropCrossbar mr = mirror;
        if (mr == null) {
            synchronized (this) {
                mr = mirror;
                if (mr == null) {
                    int m = rows();
                    int n = cols();
                    double[] gm = new double[m * n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            gm[(n - 1 - j) * m + (m - 1 - i)] = conductances.get(i, j);
                        }
                    }
                    Wires wm = new Wires(wires.rColOhms(), wires.rRowOhms(), wires.rSenseOhms(), wires.rDriverOhms());
                    IvCurve ivm = options.iv() instanceof LinearIv ? options.iv() : new ReflectedIv(options.iv());
                    mr = new IrDropCrossbar(ConductanceMatrix.of(n, m, gm), wm, options.withIv(ivm));
                    mirror = mr;
                }
            }
        }
        return mr;
    }

    /** {@code I'(G, V) = −I(G, −V)}: the same device seen from its other terminal. */
    record ReflectedIv(IvCurve base) implements IvCurve {
        @Override
        public double currentAmperes(double gSiemens, double vVolts) {
            return -base.currentAmperes(gSiemens, -vVolts);
        }

        @Override
        public double differentialConductanceSiemens(double gSiemens, double vVolts) {
            return base.differentialConductanceSiemens(gSiemens, -vVolts);
        }
    }

    private static void checkLength(String name, double[] a, int len) {
        if (a == null || a.length < len) {
            throw new IllegalArgumentException(name + ".length must be at least " + len + ", got "
                    + (a == null ? "null" : a.length));
        }
    }

    private static void checkBatch(double[] in, int batch, int inLen, double[] out, int outLen) {
        Checks.positive("batch", batch);
        if (in == null || in.length < (long) batch * inLen) {
            throw new IllegalArgumentException("voltages.length must be at least batch·" + inLen + " = "
                    + (long) batch * inLen + ", got " + (in == null ? "null" : in.length));
        }
        if (out == null || out.length < (long) batch * outLen) {
            throw new IllegalArgumentException("currentsOut.length must be at least batch·" + outLen + " = "
                    + (long) batch * outLen + ", got " + (out == null ? "null" : out.length));
        }
        for (int k = 0; k < batch * inLen; k++) {
            if (!Double.isFinite(in[k])) {
                throw new IllegalArgumentException("voltages[" + k + "] must be finite, got " + in[k]);
            }
        }
    }
}
