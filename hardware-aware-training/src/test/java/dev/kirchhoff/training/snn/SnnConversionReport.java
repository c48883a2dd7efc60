package dev.kirchhoff.training.snn;

import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The measurements of docs/snn-conversion.md, printed as the tables there. A measurement, not a
 * check, so it is not in the default test run: surefire runs only classes named *Test (and Test*,
 * *Tests, *TestCase) unless told otherwise. Run it with
 * <pre>
 *   mvn -B -o -q -pl hardware-aware-training -am test -Dtest=SnnConversionReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (about a minute on two cores). Everything is seeded: the figures repeat exactly on the same JVM.
 */
class SnnConversionReport {
    private static final int[] HORIZONS = {1, 2, 5, 10, 25, 50, 100, 200};
    private static final int CHIP_IMAGES = 50;
    private static final int CHIP_STEPS = 100;

    @Test
    void report() {
        Mnist.Split split = Mnist.split();
        MnistAnn ann = MnistAnn.get();
        double annAccuracy = ann.accuracy(split.test());
        System.out.printf(Locale.ROOT, "ANN 784-256-128-10: %.2f%% on the %d test images (trained in %.1f s)%n%n",
                100 * annAccuracy, split.test().size(), ann.trainSeconds());

        System.out.println("| p | readout | λ_1, λ_2, λ_3 | " + header() + " wall |");
        for (double p : new double[] {100, 99.9, 99}) {
            long t0 = System.nanoTime();
            ConvertedNetwork net = AnnToSnn.convert(ann.sizes(), ann.weights(), ann.biases(), split.train(), 2000, p);
            double convertSeconds = seconds(t0);
            for (Readout r : Readout.values()) {
                t0 = System.nanoTime();
                SnnSimulator.Evaluation e = new SnnSimulator(net, r).evaluate(split.test(), HORIZONS,
                        InputCoding.constantCurrent(), 1L, 2);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s %.2f s (convert %.2f s) |%n", p, r, scales(net), row(e),
                        seconds(t0), convertSeconds);
            }
        }

        ConvertedNetwork net = AnnToSnn.convert(ann.sizes(), ann.weights(), ann.biases(), split.train(), 2000,
                AnnToSnn.DEFAULT_PERCENTILE);
        System.out.println();
        System.out.println("| input (p = 99.9, membrane readout) | " + header() + " wall |");
        InputCoding[] codings = {InputCoding.constantCurrent(), InputCoding.bernoulli(1), InputCoding.poisson(1000, 1e-3),
            InputCoding.poisson(200, 1e-3)};
        SnnSimulator sim = new SnnSimulator(net, Readout.MEMBRANE_POTENTIAL);
        for (InputCoding c : codings) {
            long t0 = System.nanoTime();
            SnnSimulator.Evaluation e = sim.evaluate(split.test(), HORIZONS, c, 1L, 2);
            System.out.printf(Locale.ROOT, "| %s | %s %.2f s |%n", c, row(e), seconds(t0));
        }
        long t0 = System.nanoTime();
        sim.evaluate(split.test(), new int[] {200}, InputCoding.constantCurrent(), 1L, 1);
        double one = seconds(t0);
        t0 = System.nanoTime();
        sim.evaluate(split.test(), new int[] {200}, InputCoding.constantCurrent(), 1L, 2);
        System.out.printf(Locale.ROOT, "%nCPU simulator, 2000 images × 200 steps, constant current: %.2f s on 1 thread, %.2f s on 2%n",
                one, seconds(t0));

        System.out.println();
        System.out.printf(Locale.ROOT, "Chip: first %d test images, default hardware%n", CHIP_IMAGES);
        System.out.println("| tiles | input | readout | T | accuracy | = CPU class | energy/inference | latency/inference "
                + "| chip steps | spikes fc1, fc2 | packets | wall/image |");
        TilingOptions ideal = SnnOnChip.idealTiles();
        for (int steps : new int[] {25, 50, CHIP_STEPS}) {
            chip(net, split, "ideal", ideal, InputCoding.bernoulli(1), Readout.MEMBRANE_POTENTIAL, steps);
        }
        chip(net, split, "ideal", ideal, InputCoding.poisson(1000, 1e-3), Readout.MEMBRANE_POTENTIAL, CHIP_STEPS);
        chip(net, split, "ideal", ideal, InputCoding.bernoulli(1), Readout.SPIKE_COUNT, CHIP_STEPS);
        chip(net, split, "aihwkit periphery", ideal.withTileConfig(TileConfig.AIHWKIT_DEFAULT), InputCoding.bernoulli(1),
                Readout.MEMBRANE_POTENTIAL, CHIP_STEPS);
        SnnOnChip one0 = new SnnOnChip(net, InputCoding.bernoulli(1), Readout.MEMBRANE_POTENTIAL,
                HardwareDescriptions.defaultDescription(), ideal, 1L);
        double[] x = new double[784];
        split.test().image(0, x);
        System.out.println();
        System.out.println("Ledger of test image 0 (ideal tiles, Bernoulli input, T = 100):");
        System.out.println(one0.infer(x, CHIP_STEPS, SnnSimulator.imageRng(1L, 0), null).ledger().summary());
    }

    private static void chip(ConvertedNetwork net, Mnist.Split split, String tiles, TilingOptions options, InputCoding coding,
            Readout readout, int steps) {
        SnnOnChip chip = new SnnOnChip(net, coding, readout, HardwareDescriptions.defaultDescription(), options, 1L);
        SnnSimulator.Run cpu = new SnnSimulator(net, readout).newRun(coding);
        boolean noisy = options.tileConfig().forward().random();
        double[] x = new double[784];
        int correct = 0;
        int agree = 0;
        double energy = 0;
        double latency = 0;
        long[] spikes = new long[2];
        long packets = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < CHIP_IMAGES; i++) {
            split.test().image(i, x);
            SnnOnChip.Inference inf = chip.infer(x, steps, SnnSimulator.imageRng(1L, i),
                    noisy ? SnnSimulator.imageRng(2L, i) : null);
            cpu.start(x, SnnSimulator.imageRng(1L, i));
            for (int t = 0; t < steps; t++) {
                cpu.step();
            }
            correct += inf.predictedClass() == split.test().label(i) ? 1 : 0;
            agree += inf.predictedClass() == cpu.predictedClass() ? 1 : 0;
            energy += inf.energyJoules();
            latency += inf.latencySeconds();
            spikes[0] += inf.layerSpikes()[0];
            spikes[1] += inf.layerSpikes()[1];
            packets += inf.ledger().count(Component.PACKET);
        }
        int n = CHIP_IMAGES;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d/%d | %d/%d | %.2f µJ | %.3f ms | %d | %d, %d | %d | %.2f s |%n",
                tiles, coding, readout, steps, correct, n, agree, n, 1e6 * energy / n, 1e3 * latency / n, chip.chipSteps(steps),
                spikes[0] / n, spikes[1] / n, packets / n, seconds(t0) / n);
    }

    private static String header() {
        StringBuilder b = new StringBuilder();
        for (int t : HORIZONS) {
            b.append("T=").append(t).append(" | ");
        }
        return b.toString();
    }

    private static String row(SnnSimulator.Evaluation e) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < e.steps().length; k++) {
            b.append(String.format(Locale.ROOT, "%.2f | ", 100 * e.accuracy(k)));
        }
        return b.toString();
    }

    private static String scales(ConvertedNetwork net) {
        double[] s = net.scales();
        return String.format(Locale.ROOT, "%.2f, %.2f, %.2f", s[0], s[1], s[2]);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
