package dev.kirchhoff.benchmarks;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.IdealCrossbar;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ideal batched crossbar read, {@code Y = X·G} (forward) and {@code Y = X·Gᵀ} (backward), for a
 * batch of K input vectors on an M×N array; GFLOP/s = 2·K·M·N / (time per op). The yardstick is
 * NumPy/OpenBLAS DGEMM on the same shapes, {@code benchmarks/python/gemm_baseline.py}; the
 * textbook loop (the engine's original implementation) runs here as the in-run baseline.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IdealMvm -f 1 -wi 5 -i 10}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class IdealMvmBenchmark {
    /** Seed of G and of the inputs; recorded here so any figure can be rerun. */
    private static final long SEED = 0x1DEA1C0BA5L;

    @Param({"1024"})
    public int rows;

    @Param({"1024"})
    public int cols;

    @Param({"100"})
    public int batch;

    private double[] g;
    private IdealCrossbar crossbar;
    private double[] rowVoltages;
    private double[] colVoltages;
    private double[] colCurrents;
    private double[] rowCurrents;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        g = new double[rows * cols];
        for (int q = 0; q < g.length; q++) {
            g[q] = 1e-6 + 99e-6 * rng.nextDouble();
        }
        rowVoltages = new double[batch * rows];
        for (int q = 0; q < rowVoltages.length; q++) {
            rowVoltages[q] = 0.2 * rng.nextDouble();
        }
        colVoltages = new double[batch * cols];
        for (int q = 0; q < colVoltages.length; q++) {
            colVoltages[q] = 0.2 * rng.nextDouble();
        }
        crossbar = new IdealCrossbar(ConductanceMatrix.of(rows, cols, g));
        colCurrents = new double[batch * cols];
        rowCurrents = new double[batch * rows];
        crossbar.backward(colVoltages, batch, rowCurrents); // builds the transposed pack outside the timing
    }

    @Benchmark
    public double[] forward() {
        crossbar.forward(rowVoltages, batch, colCurrents);
        return colCurrents;
    }

    @Benchmark
    public double[] backward() {
        crossbar.backward(colVoltages, batch, rowCurrents);
        return rowCurrents;
    }

    /** The textbook loop, y[k][j] += x[k][i]·G[i][j] over k, i, j: the in-run baseline. */
    @Benchmark
    public double[] naiveForward() {
        naive(rowVoltages, g, colCurrents, batch, rows, cols);
        return colCurrents;
    }

    static void naive(double[] x, double[] g, double[] y, int k, int m, int n) {
        java.util.Arrays.fill(y, 0, k * n, 0.0);
        for (int b = 0; b < k; b++) {
            int xo = b * m;
            int yo = b * n;
            for (int i = 0; i < m; i++) {
                double v = x[xo + i];
                int go = i * n;
                for (int j = 0; j < n; j++) {
                    y[yo + j] += v * g[go + j];
                }
            }
        }
    }
}
