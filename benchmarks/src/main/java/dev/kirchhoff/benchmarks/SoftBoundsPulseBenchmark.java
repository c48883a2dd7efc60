package dev.kirchhoff.benchmarks;

import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceArray;
import dev.kirchhoff.device.pulsed.PulsedModels;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One pulsed update of a million soft-bounds devices with cycle-to-cycle noise (aihwkit's
 * default spreads: c2c 0.3, device-to-device 0.3), random ±1 polarity per device. Device
 * updates per second = deviceCount / (time per op). Baselines in the same run: the same update
 * on one thread, and the floor of drawing one Gaussian per device on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SoftBoundsPulseBenchmark {
    @Param("1000000")
    int deviceCount;

    private PulsedDeviceArray devices;
    private byte[] polarity;
    private UniformRandomProvider rng;
    private ForkJoinPool oneThread;
    private double[] scratch;
    private ZigguratSampler.NormalizedGaussian gauss;

    @Setup(Level.Trial)
    public void setUp() {
        rng = RandomSource.XO_SHI_RO_256_PP.create(20261128L);
        SoftBounds model = SoftBounds.of(PulsedModels.DEFAULT_RANGE, PulsedModels.DEFAULT_RANGE.widthSiemens() / 100,
                PulseVariability.AIHWKIT_DEFAULT);
        devices = model.create(deviceCount, rng);
        devices.fill(13e-6);
        polarity = new byte[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            polarity[i] = (byte) (rng.nextBoolean() ? 1 : -1);
        }
        oneThread = new ForkJoinPool(1);
        scratch = new double[deviceCount];
        gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        oneThread.shutdown();
    }

    @Benchmark
    public PulsedDeviceArray pulseBothCores() {
        devices.applyPulses(polarity, rng);
        return devices;
    }

    @Benchmark
    public PulsedDeviceArray pulseOneThread() throws Exception {
        return oneThread.submit(() -> {
            devices.applyPulses(polarity, rng);
            return devices;
        }).get();
    }

    @Benchmark
    public double[] baselineGaussianFillOneThread() {
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = gauss.sample();
        }
        return scratch;
    }
}
