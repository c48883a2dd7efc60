package dev.kirchhoff.benchmarks;

import dev.kirchhoff.tiling.noc.AerMesh;
import dev.kirchhoff.tiling.noc.MeshTopology;
import dev.kirchhoff.tiling.noc.RouterParameters;
import dev.kirchhoff.tiling.noc.StepReport;
import dev.kirchhoff.tiling.noc.Traffic;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Packets per second of uniform random traffic on a {@code width × height} X-Y mesh with Loihi
 * defaults (16-packet FIFOs, one packet per link per cycle, backpressure): 8×8, and Loihi's own
 * 8×4 mesh of 32 tiles (the bundled hardware description's). Each invocation is one time step:
 * every core injects {@code perCore} packets to uniformly drawn other cores and the step runs until
 * all are delivered. Read the {@code :packets} secondary result (packets/s) and {@code :hops}
 * (link traversals/s, which does not depend on the mesh's mean distance: 5.25 hops per packet on
 * 8×8, 3.875 on 8×4, before excluding the source itself).
 *
 * <ul>
 *   <li>{@code step}: replays 64 different steps drawn in setup, round robin (no RNG cost, and
 *   too many patterns for the branch predictor to learn one);</li>
 *   <li>{@code stepDrawing}: draws each step's destinations from the seeded RNG
 *   ({@link Traffic#uniformRandom});</li>
 *   <li>{@code baselineDrawOnly}: the floor of drawing the destinations alone.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouterBenchmark {
    private static final int PATTERNS = 64;

    @Param({"8x8", "8x4"})
    String meshSize;

    @Param({"4", "16"})
    int perCore;

    private AerMesh mesh;
    private UniformRandomProvider rng;
    private int packets;
    private int[][] destination;
    /** Source core of packet i, {@code i mod cores}, precomputed so the driver divides nothing per packet. */
    private int[] source;
    private int next;
    private int cores;

    /** Packets handled, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counter {
        public long packets;
        public long hops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] wh = meshSize.split("x");
        MeshTopology topology = new MeshTopology(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        mesh = AerMesh.xy(topology, RouterParameters.LOIHI);
        rng = RandomSource.XO_SHI_RO_256_PP.create(20261128L);
        cores = topology.cores();
        packets = cores * perCore;
        destination = new int[PATTERNS][packets];
        source = new int[packets];
        for (int i = 0; i < packets; i++) {
            source[i] = i % cores;
        }
        for (int[] pattern : destination) {
            for (int i = 0; i < packets; i++) {
                int s = i % cores;
                int d = rng.nextInt(cores - 1);
                pattern[i] = d >= s ? d + 1 : d;
            }
        }
    }

    @Benchmark
    public StepReport step(Counter counter) {
        int[] d = destination[next];
        next = (next + 1) % PATTERNS;
        for (int i = 0; i < packets; i++) {
            mesh.inject(source[i], d[i], i, 0);
        }
        counter.packets += packets;
        StepReport r = mesh.runStep();
        counter.hops += r.hops();
        return r;
    }

    @Benchmark
    public StepReport stepDrawing(Counter counter) {
        Traffic.uniformRandom(mesh, perCore, 0, rng);
        counter.packets += packets;
        StepReport r = mesh.runStep();
        counter.hops += r.hops();
        return r;
    }

    @Benchmark
    public int baselineDrawOnly(Counter counter) {
        int acc = 0;
        for (int i = 0; i < packets; i++) {
            acc += rng.nextInt(cores - 1);
        }
        counter.packets += packets;
        return acc;
    }
}
