package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;

/**
 * The ANN the conversion tests convert: 784-256-128-10 trained by the module's {@link Trainer} on
 * the 8000 training images of {@link Mnist#split()} for 6 epochs (the default momentum SGD with
 * cosine decay, seed 7, two threads; about 96% on the 2000 test images in a few seconds), once per
 * JVM and shared by the tests.
 *
 * @param network      the trained network
 * @param trainSeconds wall time of the training
 */
record MnistAnn(Mlp network, double trainSeconds) {
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(6).withSeed(7).withThreads(2);
    private static MnistAnn trained;

    static synchronized MnistAnn get() {
        if (trained == null) {
            long t0 = System.nanoTime();
            Mlp net = new Mlp(new int[] {784, 256, 128, 10}, CONFIG.initRandom());
            new Trainer(CONFIG).train(net, Mnist.split().train());
            trained = new MnistAnn(net, (System.nanoTime() - t0) * 1e-9);
        }
        return trained;
    }

    int[] sizes() {
        return network.sizes();
    }

    float[][] weights() {
        float[][] w = new float[network.layers()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = network.weights(l);
        }
        return w;
    }

    float[][] biases() {
        float[][] b = new float[network.layers()][];
        for (int l = 0; l < b.length; l++) {
            b[l] = network.biases(l);
        }
        return b;
    }

    /** Fraction of {@code images} the ANN classifies correctly (digital forward pass). */
    double accuracy(ImageSet images) {
        return new Trainer(CONFIG).evaluate(network, images);
    }
}
