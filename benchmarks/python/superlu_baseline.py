#!/usr/bin/env python3
"""Baseline for the exact IR-drop solve: SciPy's SuperLU (sparse LU) on the crossbar nodal matrix.

The circuit is the one fixed in ARCHITECTURE.md ("the crossbar circuit convention"), M = N = 512:
  unknowns   row-node voltages V_row(i,j) at index i·N + j, then column-node voltages V_col(i,j)
             at index M·N + i·N + j;
  row wire   (i,j)–(i,j+1) through 1/r_row; node (i,0) to its source V_i through 1/r_row
             (diagonal + right-hand side V_i/r_row); the far end open;
  column     (i,j)–(i+1,j) through 1/r_col; node (M−1,j) to the virtual ground through 1/r_col
             (diagonal only); the far end open;
  device     row node (i,j) to column node (i,j) through G_ij;
  output     I_j = V_col(M−1,j) / r_col.
G uniform in [1, 100] µS (numpy seed 1), r_row = r_col = 1 Ω, inputs uniform in [0, 0.2] V.

Times scipy.sparse.linalg.splu (factor) and one solve, median of --runs runs, for the column
orderings given (COLAMD is SciPy's default), and checks the residual ‖A·v − b‖ / ‖b‖.

    /usr/bin/python3 benchmarks/python/superlu_baseline.py [--size 512] [--runs 5]
"""
import argparse
import statistics
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def nodal_system(m, n, g, v_in, r_row, r_col):
    """The nodal matrix A (CSC) and right-hand side b of the crossbar, in the order above."""
    mn = m * n
    row_node = np.arange(mn).reshape(m, n)
    col_node = mn + row_node
    ii, jj, vv = [], [], []

    def branch(a, b, cond):
        """Stamps conductances cond between node arrays a and b."""
        cond = np.broadcast_to(cond, a.shape).ravel()
        a = a.ravel()
        b = b.ravel()
        ii.extend((a, b, a, b))
        jj.extend((a, b, b, a))
        vv.extend((cond, cond, -cond, -cond))

    def to_fixed(a, cond):
        """Stamps conductances cond from nodes a to a fixed potential (diagonal only)."""
        a = a.ravel()
        ii.append(a)
        jj.append(a)
        vv.append(np.broadcast_to(cond, a.shape).ravel())

    branch(row_node[:, :-1], row_node[:, 1:], 1.0 / r_row)   # row wire segments
    to_fixed(row_node[:, 0], 1.0 / r_row)                    # source segment of each row
    branch(col_node[:-1, :], col_node[1:, :], 1.0 / r_col)   # column wire segments
    to_fixed(col_node[m - 1, :], 1.0 / r_col)                # sense segment to virtual ground
    branch(row_node, col_node, g)                            # devices

    a = sp.csc_matrix((np.concatenate(vv), (np.concatenate(ii), np.concatenate(jj))), shape=(2 * mn, 2 * mn))
    b = np.zeros(2 * mn)
    b[row_node[:, 0]] = v_in / r_row
    return a, b, col_node[m - 1, :]


def time_splu(a, b, permc_spec, runs):
    factor_t, solve_t, total_t = [], [], []
    x = None
    for _ in range(runs):
        t0 = time.perf_counter()
        lu = spla.splu(a, permc_spec=permc_spec)
        t1 = time.perf_counter()
        x = lu.solve(b)
        t2 = time.perf_counter()
        factor_t.append(t1 - t0)
        solve_t.append(t2 - t1)
        total_t.append(t2 - t0)
        fill = lu.L.nnz + lu.U.nnz
        del lu
    return statistics.median(factor_t), statistics.median(solve_t), statistics.median(total_t), x, fill


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512, help="M = N")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--orderings", default="COLAMD,MMD_AT_PLUS_A")
    args = parser.parse_args()
    m = n = args.size
    r_row = r_col = 1.0

    rng = np.random.default_rng(1)
    g = rng.uniform(1e-6, 100e-6, size=(m, n))
    v_in = rng.uniform(0.0, 0.2, size=m)

    t0 = time.perf_counter()
    a, b, sense = nodal_system(m, n, g, v_in, r_row, r_col)
    t_build = time.perf_counter() - t0
    print(f"numpy {np.__version__}, scipy {scipy.__version__}")
    print(f"M = N = {m}: {a.shape[0]} unknowns, {a.nnz} nonzeros, built in {t_build * 1e3:.0f} ms")
    print(f"G uniform [1, 100] uS (numpy default_rng(1), then V uniform [0, 0.2] V), r_row = r_col = {r_row} ohm")

    ideal = v_in @ g
    for spec in args.orderings.split(","):
        f, s, tot, x, fill = time_splu(a, b, spec, args.runs)
        resid = np.linalg.norm(a @ x - b) / np.linalg.norm(b)
        current = x[sense] / r_col
        print(f"splu permc_spec={spec}: factor {f:.3f} s, solve {s * 1e3:.1f} ms, total {tot:.3f} s "
              f"(median of {args.runs}); nnz(L+U) = {fill}; relative residual {resid:.2e}")
        print(f"  I_j: mean {current.mean():.6e} A, ideal Vᵀ·G mean {ideal.mean():.6e} A, "
              f"max |I − ideal| / max ideal = {np.abs(current - ideal).max() / ideal.max():.4f}")
        assert resid < 1e-10, f"residual too large: {resid}"


if __name__ == "__main__":
    main()
