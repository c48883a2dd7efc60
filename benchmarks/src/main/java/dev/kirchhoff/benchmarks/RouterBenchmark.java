package dev.kirchhoff.benchmarks;

import dev.kirchhoff.tiling.noc.AerMesh;
import dev.kirchhoff.tiling.noc.MeshTopology;
import dev.kirchhoff.tiling.noc.RouterParameters;
import dev.kirchhoff.tiling.noc.StepReport;
import dev.kirchhoff.tiling.noc.Traffic;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Packets per second of uniform random traffic on an 8×8 X-Y mesh with Loihi defaults (16-packet
 * FIFOs, one packet per link per cycle, backpressure): each invocation injects one time step of
 * 16 packets per core (1024 packets, all delivered) and runs it to completion. Throughput is
 * reported per packet ({@code @OperationsPerInvocation}), so ops/s = packets/s.
 * {@code stepPreDrawn} replays destinations drawn once in setup; {@code stepDrawn} draws them
 * from the seeded RNG every step; {@code baselineDrawOnly} is the floor of drawing the
 * destinations alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouterBenchmark {
    private static final int SIDE = 8;
    private static final int PER_CORE = 16;
    private static final int PACKETS = SIDE * SIDE * PER_CORE;

    private AerMesh mesh;
    private UniformRandomProvider rng;
    private int[] source;
    private int[] destination;

    @Setup(Level.Trial)
    public void setUp() {
        mesh = AerMesh.xy(new MeshTopology(SIDE, SIDE), RouterParameters.LOIHI);
        rng = RandomSource.XO_SHI_RO_256_PP.create(20261128L);
        source = new int[PACKETS];
        destination = new int[PACKETS];
        int cores = SIDE * SIDE;
        for (int i = 0; i < PACKETS; i++) {
            int s = i % cores;
            int d = rng.nextInt(cores - 1);
            source[i] = s;
            destination[i] = d >= s ? d + 1 : d;
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public StepReport stepPreDrawn() {
        for (int i = 0; i < PACKETS; i++) {
            mesh.inject(source[i], destination[i], i, 0);
        }
        return mesh.runStep();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public StepReport stepDrawn() {
        Traffic.uniformRandom(mesh, PER_CORE, 0, rng);
        return mesh.runStep();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int baselineDrawOnly() {
        int acc = 0;
        for (int i = 0; i < PACKETS; i++) {
            acc += rng.nextInt(SIDE * SIDE - 1);
        }
        return acc;
    }
}
