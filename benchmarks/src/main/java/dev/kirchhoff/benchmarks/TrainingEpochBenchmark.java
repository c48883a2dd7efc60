package dev.kirchhoff.benchmarks;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.hwa.HardwareAware;
import dev.kirchhoff.training.hwa.NoisyTiles;
import java.util.concurrent.TimeUnit;
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
 * One training epoch: 784-256-128-10 on the 8,000 training images of MNIST-10k, mini-batches of
 * 32, momentum SGD (the baseline's settings), on one or two threads, in floating point
 * ({@code mode = fp}, the baseline) or with the noise in the loop of {@code kirchhoff train --mode
 * hwa} on the PCM preset ({@code mode = hwa}: {@link NoisyTiles} with {@link HardwareAware}'s
 * defaults, and its weight clipping). The targets: hwa ≤ 4 s and ≤ 2× fp. Each
 * operation trains a fresh copy of the same network after one epoch of training (so the ReLU
 * sparsity is that of a network that has started to learn, as in most epochs of a run), and
 * includes the per-call set-up (the images converted to floats, the worker threads started).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingEpochBenchmark {
    @Param({"1", "2"})
    int threads;

    @Param({"fp", "hwa"})
    String mode;

    private ImageSet train;
    private Mlp trained;
    private Mlp model;
    private Trainer trainer;

    @Setup(Level.Trial)
    public void setUp() {
        train = Mnist.split().train();
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withThreads(threads);
        int[] sizes = {784, 256, 128, 10};
        trained = new Mlp(sizes, config.initRandom());
        trainer = "fp".equals(mode) ? new Trainer(config)
                : new Trainer(config, new NoisyTiles(sizes, Presets.load("pcm-nandakumar-2019").inferenceModel(),
                        HardwareAware.WEIGHT_NOISE, HardwareAware.PERIPHERY, HardwareAware.COLUMNWISE),
                        HardwareAware.CLIP);
        trainer.train(trained, train);
    }

    @Setup(Level.Invocation)
    public void freshCopy() {
        model = trained.copy();
    }

    @Benchmark
    public Mlp epoch() {
        trainer.train(model, train);
        return model;
    }
}
