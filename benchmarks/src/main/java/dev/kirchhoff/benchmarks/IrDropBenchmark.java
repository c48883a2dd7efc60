package dev.kirchhoff.benchmarks;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.IdealCrossbar;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact IR-drop solve of one input vector, r_row = r_col = 1 Ω or 10 Ω, G uniform in [1, 100] µS,
 * inputs uniform in [−0.2, 0.2] V. {@code singleVector} includes the prepare (line factorisation)
 * in the measured time; {@code idealBaseline} is Vᵀ·G for the same size. The batch case is
 * {@link IrDropBatchBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IrDrop -f 1 -wi 3 -i 5 -jvmArgs -Xmx2g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class IrDropBenchmark {
    /** Seed of G and the inputs; recorded here so any figure can be rerun. */
    private static final long SEED = 0x1DD0B3AC4L;

    @Param({"256", "512", "1024"})
    public int size;

    /** Row and column segment resistance: 1 Ω (the targets), 10 Ω (strong IR drop, r·G·N² up to 1000). */
    @Param({"1", "10"})
    public double rOhms;

    private ConductanceMatrix g;
    private Wires wires;
    private double[] one;
    private double[] outOne;
    private IdealCrossbar ideal;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        double[] s = new double[size * size];
        for (int k = 0; k < s.length; k++) {
            s[k] = 1e-6 + 99e-6 * rng.nextDouble();
        }
        g = ConductanceMatrix.of(size, size, s);
        wires = Wires.of(rOhms, rOhms);
        one = new double[size];
        for (int i = 0; i < size; i++) {
            one[i] = -0.2 + 0.4 * rng.nextDouble();
        }
        outOne = new double[size];
        ideal = new IdealCrossbar(g);
    }

    /** One input vector, prepare included. */
    @Benchmark
    public double[] singleVector() {
        new IrDropCrossbar(g, wires).forward(one, 1, outOne);
        return outOne;
    }

    /** Baseline: the ideal product of one vector. */
    @Benchmark
    public double[] idealBaseline() {
        ideal.forward(one, 1, outOne);
        return outOne;
    }
}
