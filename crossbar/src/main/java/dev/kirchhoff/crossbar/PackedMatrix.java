package dev.kirchhoff.crossbar;

import java.util.Arrays;
import java.util.concurrent.RecursiveAction;

/**
 * A dense R×C matrix A packed for the batched product {@code Y = X·A} (X is K×R, Y is K×C, all
 * row-major), computed in plain Java fast enough to stand beside an optimised BLAS DGEMM.
 *
 * <h2>Layout</h2>
 * A is cut into column panels of {@value #PANEL_COLS} columns (the last one narrower, or up to
 * {@value #PANEL_COLS}/8 − 1 columns wider: a narrow remainder such as the reference column of a
 * 1024×1025 crossbar joins the last full panel rather than making a panel of its own); panel b
 * holds, for every row r, its own {@code double[]} with A[r][b·PANEL_COLS .. +width). Separate
 * row arrays indexed from 0 let HotSpot C2 auto-vectorise the inner loop (AVX2 / AVX-512 loads,
 * multiplies and adds over contiguous columns): C2 (JDK 17) does not vectorise a loop whose
 * stores and loads use different offsets into arrays it cannot prove distinct, and it proves
 * distinctness only for arrays allocated in the compiled method itself — hence the two
 * accumulator arrays allocated per task in {@link #multiplyBlock}.
 *
 * <h2>Blocking</h2>
 * For each panel (PANEL_COLS columns) and each block of {@value #BLOCK_ROWS} rows of A
 * (512 KiB at full size, kept in a 1 MiB L2 while every batch row passes over it), two batch rows at a
 * time accumulate four rows of A per sweep over the panel: {@code c[j] += x0·a0[j] + x1·a1[j] +
 * x2·a2[j] + x3·a3[j]} — four loads of A serve sixteen flops. The block's partial sum is then
 * added into Y.
 *
 * <h2>Summation order (deterministic)</h2>
 * For every output element {@code Y[k][c] = Σ_r X[k][r]·A[r][c]}, rows r are taken in blocks of
 * BLOCK_ROWS; inside a block, in groups of four consecutive rows g,
 * {@code s ← s + (((x_g·a_g + x_{g+1}·a_{g+1}) + x_{g+2}·a_{g+2}) + x_{g+3}·a_{g+3})} from
 * {@code s = 0}, rows left over at the end of A (R mod 4) added one at a time; then
 * {@code Y = s_0 + s_1 + …} over the blocks, left to right. Plain IEEE multiplies and adds
 * (Java never fuses them). The order depends only on r, never on the batch size, on which batch
 * row or column a thread computes, or on the number of threads: work is split by output (column
 * panels, then pairs of batch rows), never inside a sum. So the result is bit-for-bit the same
 * on any ForkJoinPool, and a batch gives the same bits as its rows computed one at a time.
 *
 * <p>Against the textbook loop (left-to-right over r) the result differs only by rounding:
 * |error| ≤ γ_R·Σ_r |X[k][r]·A[r][c]| with γ_R = R·u/(1 − R·u), u = 2⁻⁵³ (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., §3.1), the same bound as the textbook loop.
 *
 * <p>Large products run on the ForkJoinPool of the calling thread (the common pool when called
 * from outside a pool). Immutable and thread-safe.
 */
final class PackedMatrix {
    /** Columns per panel: 512 doubles = 4 KiB per row slice (256 and 512 measured; 512 was faster). */
    static final int PANEL_COLS = 512;
    /** Rows of A per cache block; a multiple of 4 so the groups of four never straddle blocks. */
    static final int BLOCK_ROWS = 128;
    /** Below this many multiply-adds (K·R·C) a product runs on the calling thread alone. */
    static final long PARALLEL_MIN_MACS = 1L << 21;
    /** A task is not split below this many multiply-adds. */
    private static final long TASK_MIN_MACS = 1L << 19;
    /**
     * A product is cut into about this many tasks at most: enough to balance two to four cores,
     * few enough that each task still sweeps many batch rows over every block of A it loads.
     */
    private static final int MAX_TASKS = 4;

    private final int rows;
    private final int cols;
    /** panels[b][r] = A[r][b·PANEL_COLS, b·PANEL_COLS + width(b)). */
    private final double[][][] panels;

    private PackedMatrix(int rows, int cols, double[][][] panels) {
        this.rows = rows;
        this.cols = cols;
        this.panels = panels;
    }

    /**
     * Packs A.
     *
     * @param a         not modified: row-major {@code rows×cols} when {@code transpose} is false,
     *                  row-major {@code cols×rows} (so that A = aᵀ) when it is true
     * @param rows      R ≥ 1, rows of A
     * @param cols      C ≥ 1, columns of A
     * @param transpose whether {@code a} holds Aᵀ
     */
    static PackedMatrix pack(double[] a, int rows, int cols, boolean transpose) {
        int nPanels = panelCount(cols);
        double[][][] panels = new double[nPanels][rows][];
        for (int b = 0; b < nPanels; b++) {
            int c0 = b * PANEL_COLS;
            int width = b == nPanels - 1 ? cols - c0 : PANEL_COLS;
            for (int r = 0; r < rows; r++) {
                double[] slice = new double[width];
                if (transpose) {
                    for (int c = 0; c < width; c++) {
                        slice[c] = a[(c0 + c) * rows + r];
                    }
                } else {
                    System.arraycopy(a, r * cols + c0, slice, 0, width);
                }
                panels[b][r] = slice;
            }
        }
        return new PackedMatrix(rows, cols, panels);
    }

    /** Panels of PANEL_COLS columns; a remainder under PANEL_COLS/8 columns widens the last one. */
    static int panelCount(int cols) {
        int full = cols / PANEL_COLS;
        int rem = cols - full * PANEL_COLS;
        return full == 0 || rem >= PANEL_COLS / 8 ? full + (rem > 0 ? 1 : 0) : full;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /**
     * {@code y[k][c] = Σ_r x[k][r]·A[r][c]} for k < batch, in the order given in the class
     * comment. Arguments are assumed checked by the caller.
     *
     * @param x     not modified: batch×R, row-major
     * @param batch K ≥ 1
     * @param y     modified: the first batch×C elements, row-major
     */
    void multiply(double[] x, int batch, double[] y) {
        long macs = (long) batch * rows * cols;
        if (macs < PARALLEL_MIN_MACS) {
            for (int b = 0; b < panels.length; b++) {
                multiplyBlock(x, y, b, 0, batch);
            }
        } else {
            long grain = Math.max(TASK_MIN_MACS, macs / MAX_TASKS);
            new Part(x, y, 0, panels.length, 0, batch, grain).invoke();
        }
    }

    /** Output panels [b0, b1) × batch rows [k0, k1); split by output only. */
    private final class Part extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient double[] x;
        private final transient double[] y;
        private final int b0;
        private final int b1;
        private final int k0;
        private final int k1;
        private final long grain;

        Part(double[] x, double[] y, int b0, int b1, int k0, int k1, long grain) {
            this.x = x;
            this.y = y;
            this.b0 = b0;
            this.b1 = b1;
            this.k0 = k0;
            this.k1 = k1;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            int width = (b1 == panels.length ? cols : b1 * PANEL_COLS) - b0 * PANEL_COLS;
            long macs = (long) (k1 - k0) * rows * width;
            // Panels first (each task then loads only its own columns of A), batch rows only when
            // one panel is still more than a task's share.
            if (b1 - b0 >= 2 && macs >= 2 * grain) {
                int bm = (b0 + b1) >>> 1;
                invokeAll(new Part(x, y, b0, bm, k0, k1, grain), new Part(x, y, bm, b1, k0, k1, grain));
            } else if (k1 - k0 >= 4 && macs >= 2 * grain) {
                int km = k0 + (((k1 - k0) >>> 1) & ~1);
                invokeAll(new Part(x, y, b0, b1, k0, km, grain), new Part(x, y, b0, b1, km, k1, grain));
            } else {
                for (int b = b0; b < b1; b++) {
                    multiplyBlock(x, y, b, k0, k1);
                }
            }
        }
    }

    /** Output columns of panel b for batch rows [k0, k1). */
    private void multiplyBlock(double[] x, double[] y, int b, int k0, int k1) {
        double[][] p = panels[b];
        int c0 = b * PANEL_COLS;
        int w = p[0].length;
        // Allocated here, not passed in: C2 vectorises the kernels only when it can see that the
        // accumulators alias nothing else (see the class comment).
        double[] acc0 = new double[w];
        double[] acc1 = new double[w];
        int r4 = rows & ~3;
        for (int i0 = 0; i0 < rows; i0 += BLOCK_ROWS) {
            int i1 = Math.min(rows, i0 + BLOCK_ROWS);
            int g1 = Math.min(i1, r4);
            boolean first = i0 == 0;
            int k = k0;
            for (; k + 2 <= k1; k += 2) {
                Arrays.fill(acc0, 0.0);
                Arrays.fill(acc1, 0.0);
                int xa = k * rows;
                int xb = xa + rows;
                int i = i0;
                for (; i < g1; i += 4) {
                    pair4(acc0, acc1, p[i], p[i + 1], p[i + 2], p[i + 3], w,
                            x[xa + i], x[xa + i + 1], x[xa + i + 2], x[xa + i + 3],
                            x[xb + i], x[xb + i + 1], x[xb + i + 2], x[xb + i + 3]);
                }
                for (; i < i1; i++) {
                    pair1(acc0, acc1, p[i], w, x[xa + i], x[xb + i]);
                }
                store(acc0, y, k * cols + c0, w, first);
                store(acc1, y, (k + 1) * cols + c0, w, first);
            }
            if (k < k1) {
                Arrays.fill(acc0, 0.0);
                int xa = k * rows;
                int i = i0;
                for (; i < g1; i += 4) {
                    single4(acc0, p[i], p[i + 1], p[i + 2], p[i + 3], w,
                            x[xa + i], x[xa + i + 1], x[xa + i + 2], x[xa + i + 3]);
                }
                for (; i < i1; i++) {
                    single1(acc0, p[i], w, x[xa + i]);
                }
                store(acc0, y, k * cols + c0, w, first);
            }
        }
    }

    /** y[yo + j] = acc[j] on the first row block, else y[yo + j] += acc[j], j < w. */
    private static void store(double[] acc, double[] y, int yo, int w, boolean first) {
        if (first) {
            System.arraycopy(acc, 0, y, yo, w);
        } else {
            for (int j = 0; j < w; j++) {
                y[yo + j] += acc[j];
            }
        }
    }

    /** Two batch rows (x, z) × four rows of A. The per-row expression matches {@link #single4}. */
    private static void pair4(double[] c0, double[] c1, double[] a0, double[] a1, double[] a2, double[] a3,
            int w, double x0, double x1, double x2, double x3, double z0, double z1, double z2, double z3) {
        for (int j = 0; j < w; j++) {
            double g0 = a0[j];
            double g1 = a1[j];
            double g2 = a2[j];
            double g3 = a3[j];
            c0[j] += x0 * g0 + x1 * g1 + x2 * g2 + x3 * g3;
            c1[j] += z0 * g0 + z1 * g1 + z2 * g2 + z3 * g3;
        }
    }

    private static void single4(double[] c0, double[] a0, double[] a1, double[] a2, double[] a3, int w,
            double x0, double x1, double x2, double x3) {
        for (int j = 0; j < w; j++) {
            c0[j] += x0 * a0[j] + x1 * a1[j] + x2 * a2[j] + x3 * a3[j];
        }
    }

    private static void pair1(double[] c0, double[] c1, double[] a0, int w, double x0, double z0) {
        for (int j = 0; j < w; j++) {
            double g0 = a0[j];
            c0[j] += x0 * g0;
            c1[j] += z0 * g0;
        }
    }

    private static void single1(double[] c0, double[] a0, int w, double x0) {
        for (int j = 0; j < w; j++) {
            c0[j] += x0 * a0[j];
        }
    }
}
