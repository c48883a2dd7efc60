package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import dev.kirchhoff.training.Mlp;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The surrogate-gradient measurement of docs/snn-conversion.md, printed as the table there. A
 * measurement, not a check (surefire runs only *Test classes by default). Run it with
 * <pre>
 *   mvn -B -o -q -pl hardware-aware-training -am test -Dtest=SurrogateGradientReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Everything is seeded: the figures repeat exactly (the seconds do not).
 */
class SurrogateGradientReport {
    static final int[] SIZES = {784, 256, 128, 10};
    private static final int CHIP_IMAGES = 20;

    @Test
    void report() {
        for (int steps : new int[] {8, 16}) {
            report(new SurrogateTrainingConfig(steps, 8, 32, 1e-3, 5, 1L));
        }
    }

    private static void report(SurrogateTrainingConfig config) {
        Mnist.Split split = Mnist.split();
        Mlp model = new Mlp(SIZES, RandomSource.XO_SHI_RO_256_PP.create(7L));
        SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(config);
        System.out.println();
        System.out.println(config);
        System.out.println("| epoch | train loss | train acc. (in training) | test loss | test acc. | s/epoch |");
        System.out.println("|---|---|---|---|---|---|");
        trainer.train(model, split.train(), r -> {
            SurrogateGradientTrainer.Evaluation e = trainer.evaluate(model, split.test());
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.2f%% | %.4f | %.2f%% | %.1f |%n", r.epoch(), r.loss(),
                    100 * r.trainAccuracy(), e.loss(), 100 * e.accuracy(), r.seconds());
        });
        SurrogateGradientTrainer.Evaluation own = trainer.evaluate(model, split.test());
        ConvertedNetwork net = SurrogateGradientTrainer.toSpiking(model);
        SnnSimulator sim = new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL);
        int[] horizons = {config.steps()};
        SnnSimulator.Evaluation cpu = sim.evaluate(split.test(), horizons, InputCoding.constantCurrent(), 0L, 2);
        int same = 0;
        for (int i = 0; i < own.predictions().length; i++) {
            same += own.predictions()[i] == cpu.predictions()[0][i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nSnnSimulator, constant current, T = %d: %.2f%% (trainer %.2f%%, %d of %d "
                + "predictions identical)%n", config.steps(), 100 * cpu.accuracy(0), 100 * own.accuracy(), same,
                own.predictions().length);
        SnnSimulator.Evaluation bern = sim.evaluate(split.test(), horizons, InputCoding.bernoulli(1), 1L, 2);
        System.out.printf(Locale.ROOT, "SnnSimulator, Bernoulli(1) input, T = %d: %.2f%%%n", config.steps(),
                100 * bern.accuracy(0));

        SnnOnChip chip = new SnnOnChip(net, InputCoding.bernoulli(1), Readout.MEMBRANE_POTENTIAL,
                HardwareDescriptions.defaultDescription(), SnnOnChip.idealTiles(), 1L);
        double[] x = new double[784];
        int chipCorrect = 0;
        int cpuCorrect = 0;
        int agree = 0;
        double energy = 0;
        for (int i = 0; i < CHIP_IMAGES; i++) {
            split.test().image(i, x);
            SnnOnChip.Inference inf = chip.infer(x, config.steps(), SnnSimulator.imageRng(1L, i), null);
            int label = split.test().label(i);
            chipCorrect += inf.predictedClass() == label ? 1 : 0;
            cpuCorrect += bern.predictions()[0][i] == label ? 1 : 0;
            agree += inf.predictedClass() == bern.predictions()[0][i] ? 1 : 0;
            energy += inf.energyJoules();
        }
        System.out.printf(Locale.ROOT, "SnnOnChip (ideal tiles, default description), Bernoulli(1), T = %d, first %d "
                + "test images: %d correct (SnnSimulator with the same input spikes: %d; same class on %d), "
                + "%.3g J per inference%n", config.steps(), CHIP_IMAGES, chipCorrect, cpuCorrect, agree,
                energy / CHIP_IMAGES);
    }
}
