package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.device.Checks;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The Diehl &amp; Cook experiment ({@link DiehlCookNetwork}) on MNIST-10k: learn without labels on
 * the first {@code trainImages} training images, label the neurons from their answers to the next
 * {@code labelImages} training images (learning off, thresholds frozen), and classify the first
 * {@code testImages} test images.
 */
public final class DiehlCookMnist {
    private DiehlCookMnist() {
    }

    /** Progress: a phase name and images done of the phase's total. */
    public interface Progress {
        /** Called after every image. */
        void imageDone(String phase, int done, int total);
    }

    /**
     * The outcome.
     *
     * @param accuracy        fraction of test images classified correctly
     * @param correct         test images classified correctly
     * @param tested          test images
     * @param unlabelled      neurons that never fired in the labelling phase
     * @param meanTrainSpikes mean output spikes per training image (last repetition)
     * @param meanWeight      mean synaptic weight after learning
     */
    public record Result(double accuracy, int correct, int tested, int unlabelled, double meanTrainSpikes,
            double meanWeight) {
    }

    /**
     * Runs the experiment.
     *
     * @param network     a fresh network (its synapses at their initial weights)
     * @param train       training images (the learning and labelling images are taken from it, in order)
     * @param test        test images
     * @param trainImages images to learn from, ≥ 1
     * @param labelImages images to label the neurons with, ≥ 1
     * @param testImages  images to classify, ≥ 1
     * @param rng         source of every draw (advanced)
     * @param progress    called after every image, or null
     * @param cancelled   polled after every image; true stops with an {@link java.util.concurrent.CancellationException}
     */
    public static Result run(DiehlCookNetwork network, ImageSet train, ImageSet test, int trainImages, int labelImages,
            int testImages, UniformRandomProvider rng, Progress progress, BooleanSupplier cancelled) {
        Checks.positive("trainImages", trainImages);
        Checks.positive("labelImages", labelImages);
        Checks.positive("testImages", testImages);
        if (trainImages + labelImages > train.size()) {
            throw new IllegalArgumentException("trainImages + labelImages must be at most " + train.size() + ", got "
                    + (trainImages + labelImages));
        }
        if (testImages > test.size()) {
            throw new IllegalArgumentException("testImages must be at most " + test.size() + ", got " + testImages);
        }
        int n = network.config().neurons();
        double[] pixels = new double[train.pixelsPerImage()];
        int[] counts = new int[n];
        long trainSpikes = 0;
        for (int i = 0; i < trainImages; i++) {
            train.image(i, pixels);
            trainSpikes += network.present(pixels, true, rng, counts);
            report(progress, cancelled, "learn", i + 1, trainImages);
        }
        int[][] labelCounts = new int[labelImages][n];
        int[] labels = new int[labelImages];
        for (int i = 0; i < labelImages; i++) {
            train.image(trainImages + i, pixels);
            network.present(pixels, false, rng, labelCounts[i]);
            labels[i] = train.label(trainImages + i);
            report(progress, cancelled, "label", i + 1, labelImages);
        }
        int[] assigned = DiehlCookNetwork.assignLabels(labelCounts, labels, train.classes());
        int unlabelled = 0;
        for (int a : assigned) {
            if (a < 0) {
                unlabelled++;
            }
        }
        int correct = 0;
        for (int i = 0; i < testImages; i++) {
            test.image(i, pixels);
            network.present(pixels, false, rng, counts);
            if (DiehlCookNetwork.classify(counts, assigned, test.classes()) == test.label(i)) {
                correct++;
            }
            report(progress, cancelled, "test", i + 1, testImages);
        }
        PlasticSynapses s = network.synapses();
        double[] w = new double[s.preCount() * s.postCount()];
        s.readWeights(w);
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        return new Result((double) correct / testImages, correct, testImages, unlabelled,
                (double) trainSpikes / trainImages, sum / w.length);
    }

    private static void report(Progress progress, BooleanSupplier cancelled, String phase, int done, int total) {
        if (progress != null) {
            progress.imageDone(phase, done, total);
        }
        if (cancelled != null && cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("stopped during " + phase + " at image " + done);
        }
    }
}
