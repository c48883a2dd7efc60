package dev.kirchhoff.benchmarks;

import dev.kirchhoff.crossbar.AnalogTile;
import dev.kirchhoff.crossbar.ConductanceMapping;
import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.DifferentialPairMapping;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.ReferenceColumnMapping;
import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedModels;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * A full noisy tile forward against the ideal matrix-vector product it wraps: 1024 inputs ×
 * 1024 outputs, a batch of 100, aihwkit's default periphery (7-bit DAC, 9-bit ADC at ±12, output
 * noise 0.06, noise management, iterative bound management). Baselines in the same run: the
 * ideal engine alone on 1024×1024 (what the reference-column tile's 1024×1025 read costs) and on
 * 1024×2048 (what the differential-pair tile's read costs). The periphery overhead is
 * tile / matching baseline.
 *
 * <p>Weights are Gaussian; inputs {@code gaussian} (standard normal, as a network's
 * pre-activations), {@code uniform} on [−1, 1] or {@code relu} (half zero, half uniform on [0, 1)). With 1024 rows, dense uniform inputs drive some outputs past the
 * ±12 bound, and bound management re-reads those batch rows; the set-up prints how many.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(time = 2)
@Measurement(time = 2)
public class NoisyTileForwardBenchmark {
    @Param("1024")
    int size;

    @Param("100")
    int batch;

    @Param({"gaussian", "uniform", "relu"})
    String inputs;

    private IdealCrossbar ideal;
    private IdealCrossbar idealDoubled;
    private AnalogTile referenceTile;
    private AnalogTile pairTile;
    private double[] x;
    private double[] currents;
    private double[] currentsDoubled;
    private double[] y;
    private UniformRandomProvider noise;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20261201L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        ConductanceRange range = PulsedModels.DEFAULT_RANGE;
        double[] w = new double[size * size];
        for (int k = 0; k < w.length; k++) {
            w[k] = gauss.sample() / Math.sqrt(size);
        }
        x = new double[batch * size];
        for (int k = 0; k < x.length; k++) {
            double u = rng.nextDouble();
            x[k] = switch (inputs) {
                case "gaussian" -> gauss.sample();
                case "relu" -> rng.nextBoolean() ? u : 0;
                default -> 2 * u - 1;
            };
        }
        ConstantStep model = ConstantStep.of(range, range.widthSiemens() / 100, PulseVariability.NONE);
        ConductanceMapping ref = ReferenceColumnMapping.fitted(size, size, range, w);
        ConductanceMapping pair = DifferentialPairMapping.fitted(size, size, range, w);
        referenceTile = AnalogTile.create(ref, model, IdealCrossbar::new,
                TileConfig.AIHWKIT_DEFAULT, rng);
        referenceTile.programWeights(w);
        pairTile = AnalogTile.create(pair, model, IdealCrossbar::new,
                TileConfig.AIHWKIT_DEFAULT, rng);
        pairTile.programWeights(w);
        double[] g = new double[size * size];
        for (int k = 0; k < g.length; k++) {
            g[k] = range.clip(13e-6 + 12e-6 * w[k] / 4);
        }
        ideal = new IdealCrossbar(ConductanceMatrix.of(size, size, g));
        double[] g2 = new double[2 * size * size];
        for (int k = 0; k < g2.length; k++) {
            g2[k] = g[k / 2];
        }
        idealDoubled = new IdealCrossbar(ConductanceMatrix.of(size, 2 * size, g2));
        currents = new double[batch * size];
        currentsDoubled = new double[batch * 2 * size];
        y = new double[batch * size];
        noise = RandomSource.XO_SHI_RO_256_PP.create(20261202L);
        referenceTile.forward(x, batch, y, noise);
        pairTile.forward(x, batch, y, noise);
        System.out.println("\n[setup] inputs=" + inputs + ": bound-management re-reads per forward of " + batch
                + " rows: reference column " + referenceTile.boundManagementRepeats() + ", differential pair "
                + pairTile.boundManagementRepeats());
    }

    @Benchmark
    public double[] idealEngine() {
        ideal.forward(x, batch, currents);
        return currents;
    }

    @Benchmark
    public double[] idealEngineDoubledColumns() {
        idealDoubled.forward(x, batch, currentsDoubled);
        return currentsDoubled;
    }

    @Benchmark
    public double[] tileReferenceColumn() {
        referenceTile.forward(x, batch, y, noise);
        return y;
    }

    @Benchmark
    public double[] tileDifferentialPair() {
        pairTile.forward(x, batch, y, noise);
        return y;
    }
}
