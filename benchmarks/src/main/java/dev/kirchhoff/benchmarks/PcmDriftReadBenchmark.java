package dev.kirchhoff.benchmarks;

import dev.kirchhoff.device.inference.InferenceDeviceArray;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
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
 * Drift plus 1/f read noise of PCM devices (Nandakumar et al. ICECS 2019 model) read one hour
 * after programming. Devices per second = {@code devices / (time per op)}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PcmDriftRead -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PcmDriftReadBenchmark {
    /** Seed of the programming draw; recorded here so any figure can be rerun. */
    private static final long PROGRAM_SEED = 0x5EEDC0FFEE123457L;
    /** Seed of the read draws. */
    private static final long READ_SEED = 0x0DDBA11CAFEF00DL;
    private static final double G_MAX = 25e-6;
    private static final double T_INFERENCE = 3600;

    @Param({"1000000"})
    public int devices;

    private InferenceDeviceArray array;
    private UniformRandomProvider readRng;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(PROGRAM_SEED);
        double[] targets = new double[devices];
        for (int i = 0; i < devices; i++) {
            targets[i] = G_MAX * rng.nextDouble();
        }
        array = new InferenceDeviceArray(InferenceDeviceModel.pcm(G_MAX), devices);
        array.program(targets, rng);
        readRng = RandomSource.XO_SHI_RO_256_PP.create(READ_SEED);
        out = new double[devices];
    }

    /** All chunks on the common fork-join pool. */
    @Benchmark
    public double[] readAtParallel() {
        array.readAt(T_INFERENCE, readRng, out);
        return out;
    }

    /** Baseline: the same chunks on the calling thread only. */
    @Benchmark
    public double[] readAtSingleThread() {
        array.readAt(T_INFERENCE, readRng, out, false);
        return out;
    }

    /** Baseline: deterministic drift only (no Gaussian draws), one thread. */
    @Benchmark
    public double[] driftOnlySingleThread() {
        array.driftAt(T_INFERENCE, out);
        return out;
    }
}
