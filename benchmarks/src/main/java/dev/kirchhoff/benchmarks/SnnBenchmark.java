package dev.kirchhoff.benchmarks;

import dev.kirchhoff.tiling.snn.CubaNetwork;
import dev.kirchhoff.tiling.snn.LifLayer;
import dev.kirchhoff.tiling.snn.PoissonInput;
import dev.kirchhoff.tiling.snn.SpikingNetwork;
import dev.kirchhoff.tiling.snn.Synapses;
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
 * The event-driven spiking engine.
 *
 * <ul>
 *   <li>{@code cuba}: the CUBA network (Vogels &amp; Abbott 2005) of 4000 neurons, 1000 steps (0.1 s
 *       simulated) per operation, continuing one long run (self-sustained activity at ~5.5 Hz after
 *       a 0.1 s warm-up in set-up), on one or two threads. Throughput mode: the
 *       {@code synapticEvents} secondary result is synaptic events per second.</li>
 *   <li>{@code poissonDriven}: 2000 neurons without recurrent synapses, driven by 20 000 Poisson
 *       sources of fan-out 100 (half excitatory, half inhibitory, 0.1 mV, so the mean drive is
 *       zero) at r = 100 Hz and r/2: 200 000·r·h input events per step against 2000 neuron
 *       updates, so the time per operation (1000 steps) should roughly halve with r.</li>
 * </ul>
 */
@State(Scope.Benchmark)
public class SnnBenchmark {
    static final int STEPS_PER_OP = 1000;

    /** Synaptic events delivered during the measured operations (JMH reports them per unit of time). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long synapticEvents;
    }

    @Param({"1", "2"})
    int threads;

    @Param({"100"})
    double rateHz;

    private SpikingNetwork cuba;
    private SpikingNetwork driven;
    private SpikingNetwork drivenHalf;

    @Setup(Level.Trial)
    public void setUp() {
        cuba = CubaNetwork.create(CubaNetwork.DEFAULT_NEURONS, RandomSource.XO_SHI_RO_256_PP.create(20261128L)).threads(threads);
        cuba.run(1000, null, null);
        driven = poissonNetwork(rateHz, 7L);
        drivenHalf = poissonNetwork(rateHz / 2, 7L);
    }

    private SpikingNetwork poissonNetwork(double rate, long seed) {
        int n = 2000;
        int m = 20_000;
        int fanOut = 100;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        int[] rowStart = new int[m + 1];
        int[] target = new int[m * fanOut];
        float[] weight = new float[m * fanOut];
        boolean[] inhibitory = new boolean[m];
        for (int s = 0; s < m; s++) {
            inhibitory[s] = s % 2 == 1;
            for (int k = 0; k < fanOut; k++) {
                target[s * fanOut + k] = rng.nextInt(n);
                weight[s * fanOut + k] = inhibitory[s] ? -1e-4f : 1e-4f;
            }
            java.util.Arrays.sort(target, s * fanOut, (s + 1) * fanOut);
            rowStart[s + 1] = (s + 1) * fanOut;
        }
        Synapses input = new Synapses(n, rowStart, target, weight, inhibitory);
        LifLayer layer = new LifLayer(CubaNetwork.neuron(), n, CubaNetwork.DT_SECONDS);
        Synapses none = new Synapses(n, new int[n + 1], new int[0], new float[0], new boolean[n]);
        return new SpikingNetwork(layer, none, new PoissonInput(input, rate, rng)).threads(threads);
    }

    private static long runAndCount(SpikingNetwork net) {
        long before = net.synapticEvents();
        net.run(STEPS_PER_OP, null, null);
        return net.synapticEvents() - before;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long cuba(Events events) {
        long e = runAndCount(cuba);
        events.synapticEvents += e;
        return e;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long poissonDrivenRate() {
        return runAndCount(driven);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long poissonDrivenHalfRate() {
        return runAndCount(drivenHalf);
    }
}
