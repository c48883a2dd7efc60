#!/usr/bin/env python3
"""Baseline for the ideal crossbar MVM: Y = X @ G, float64, X is K×M (K = 100), G is M×N (1024×1024).

This is the yardstick of IdealMvmBenchmark (benchmarks/src/main/java/.../IdealMvmBenchmark.java):
an optimised BLAS DGEMM on the same machine. FLOPs are counted as 2·K·M·N.

Run with Debian's interpreter and NumPy (apt-get install python3-numpy):
    /usr/bin/python3 benchmarks/python/gemm_baseline.py
OpenBLAS picks its kernel from the CPU unless OPENBLAS_CORETYPE forces one; to see what it picks
by itself run it under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`. The script prints the
environment variables it saw and the kernel OpenBLAS reports, so the two runs can be told apart.
"""
import argparse
import ctypes
import os
import statistics
import time

import numpy as np


def blas_info():
    """Name, version and core of the BLAS library loaded into this process, as far as it tells."""
    lines = []
    try:
        from threadpoolctl import threadpool_info  # optional

        for lib in threadpool_info():
            lines.append(f"threadpoolctl: {lib}")
    except ImportError:
        pass
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path.lower() or "lapack" in path.lower():
                paths.add(path)
    for path in sorted(paths):
        real = os.path.realpath(path)
        lines.append(f"loaded: {path} -> {real}")
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("openblas_get_config", "openblas_get_corename"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                lines.append(f"  {name}() = {fn().decode()}")
        nthreads = getattr(lib, "openblas_get_num_threads", None)
        if nthreads is not None:
            lines.append(f"  openblas_get_num_threads() = {nthreads()}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rows", type=int, default=1024)
    parser.add_argument("--cols", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--show-config", action="store_true", help="also print numpy.show_config()")
    args = parser.parse_args()

    rng = np.random.default_rng(1)
    x = rng.uniform(0.0, 0.2, size=(args.batch, args.rows))          # volts
    g = rng.uniform(1e-6, 100e-6, size=(args.rows, args.cols))       # siemens
    y = np.empty((args.batch, args.cols))

    for _ in range(args.warmup):
        np.matmul(x, g, out=y)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        np.matmul(x, g, out=y)
        times.append(time.perf_counter() - t0)

    ref = x[:3] @ g  # sanity check on a few rows against a separate call
    assert np.allclose(ref, y[:3], rtol=1e-12, atol=0)

    med = statistics.median(times)
    flops = 2.0 * args.batch * args.rows * args.cols
    print(f"numpy {np.__version__}, python {'.'.join(map(str, os.sys.version_info[:3]))}")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        print(f"env {var}={os.environ.get(var, '<unset>')}")
    for line in blas_info():
        print(line)
    if args.show_config:
        np.show_config()
    print(f"X {args.batch}x{args.rows} @ G {args.rows}x{args.cols} float64: "
          f"median {med * 1e3:.3f} ms over {args.runs} runs (min {min(times) * 1e3:.3f}, "
          f"max {max(times) * 1e3:.3f}), {flops / med / 1e9:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
