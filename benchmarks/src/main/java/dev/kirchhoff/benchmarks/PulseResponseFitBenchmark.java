package dev.kirchhoff.benchmarks;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ExpStep;
import dev.kirchhoff.device.pulsed.NeuroSimNonlinear;
import dev.kirchhoff.device.pulsed.PiecewiseStep;
import dev.kirchhoff.device.pulsed.PowStep;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.device.pulsed.SoftBounds;
import dev.kirchhoff.profiles.fit.PulseResponseData;
import dev.kirchhoff.profiles.fit.PulseResponseFit;
import java.util.concurrent.TimeUnit;
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

/**
 * Fitting a pulsed-update model to 100 devices × 10 cycles × 200 pulses per direction (4000 reads
 * per device, 400,000 in all), simulated from the same model ({@code auto}: from soft bounds), on
 * every core. Target: at most 10 s for one model on two cores. One fit per invocation
 * (single-shot: a fit is seconds long). The baseline is simulating the data itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PulseResponseFitBenchmark {
    private static final ConductanceRange R = new ConductanceRange(1e-6, 25e-6);
    private static final double W = R.widthSiemens();
    private static final PulseVariability SPREADS = new PulseVariability(0, 0.1, 0.15, false, 0.05, 0, 0.1, 0.05);

    @Param({"soft-bounds", "pow-step", "exp-step", "piecewise-step", "neurosim", "auto"})
    String model;

    private PulsedDeviceModel generator;
    private PulseResponseData data;

    static PulsedDeviceModel generator(String name) {
        switch (name) {
            case "pow-step":
                return new PowStep(R, W / 80, W / 80, 2, 2, SPREADS.withExponentDtod(0.1));
            case "exp-step":
                return new ExpStep(R, W / 140, W / 140, ExpStep.AIHWKIT_A_UP, ExpStep.AIHWKIT_A_DOWN,
                        ExpStep.AIHWKIT_GAMMA_UP, ExpStep.AIHWKIT_GAMMA_DOWN, ExpStep.AIHWKIT_A, ExpStep.AIHWKIT_B, SPREADS);
            case "piecewise-step":
                return PiecewiseStep.of(R, W / 140, new double[] {1.6, 1.3, 1.0, 0.7, 0.4},
                        new double[] {0.4, 0.7, 1.0, 1.3, 1.6}, SPREADS);
            case "neurosim":
                return NeuroSimNonlinear.fromLabels(R, 160, 160, 2.4, -4.88, SPREADS.withC2cStd(0.002));
            default:
                return new SoftBounds(R, W / 100, W / 80, 0, SPREADS);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        generator = generator(model);
        data = PulseResponseData.of(simulate());
    }

    private PulseResponse simulate() {
        return PulseResponse.simulate(generator, 100, 10, 200, RandomSource.XO_SHI_RO_256_PP.create(20260301L), null);
    }

    @Benchmark
    public PulseResponseFit.Result fit() {
        return PulseResponseFit.fit(data, model, null);
    }

    @Benchmark
    public PulseResponse baselineSimulate() {
        return simulate();
    }
}
