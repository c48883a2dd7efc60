package dev.kirchhoff.benchmarks;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.crossbar.ir.IrDropCrossbar;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A batch of 100 input vectors on one 256×256 crossbar (r_row = r_col = 1 Ω, G uniform in
 * [1, 100] µS, inputs uniform in [−0.2, 0.2] V), the engine prepared (lines factored) once in
 * the set-up, as an epoch of inference would use it. Time per input = score / 100.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IrDropBatch -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class IrDropBatchBenchmark {
    /** Seed of G and the inputs; recorded here so any figure can be rerun. */
    private static final long SEED = 0x1DD0B3AC5L;
    private static final int SIZE = 256;
    private static final int BATCH = 100;

    private double[] voltages;
    private double[] out;
    private IrDropCrossbar prepared;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        double[] s = new double[SIZE * SIZE];
        for (int k = 0; k < s.length; k++) {
            s[k] = 1e-6 + 99e-6 * rng.nextDouble();
        }
        voltages = new double[BATCH * SIZE];
        for (int k = 0; k < voltages.length; k++) {
            voltages[k] = -0.2 + 0.4 * rng.nextDouble();
        }
        out = new double[BATCH * SIZE];
        prepared = new IrDropCrossbar(ConductanceMatrix.of(SIZE, SIZE, s), Wires.of(1, 1));
    }

    /** 100 input vectors on the prepared engine. */
    @Benchmark
    public double[] batch100() {
        prepared.forward(voltages, BATCH, out);
        return out;
    }
}
