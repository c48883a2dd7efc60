package dev.kirchhoff.training.analog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.profiles.Presets;
import org.junit.jupiter.api.Test;

/**
 * The short form of docs/analog-training.md's MNIST run (which takes about 30 s and is not a
 * test): the documented 784-256-128-10 network, rram-soft-bounds devices and schedule, one
 * epoch on the first 1000 training images of {@link Mnist#split()}, classified on all 2000 test
 * images (about 3 s).
 */
class AnalogMnistLearningTest {
    /**
     * Learning happens: chance is 10%, and one epoch measured 49.5%, 58.4%, 61.3%, 66.1% and
     * 56.7% test accuracy for seeds 1 to 5 (untrained: about 10%). The bound, 35%, lies well
     * below every measured value and more than 3.5 times chance; the seed is fixed, so the test
     * fails only if a change makes learning worse.
     */
    @Test
    void oneEpochOnAThousandImagesLearnsFarAboveChance() {
        PulsedDeviceModel rram = Presets.load("rram-soft-bounds").requirePulsedUpdate();
        AnalogSgdConfig config = AnalogSgdConfig.aihwkitDefaults(new int[] {784, 256, 128, 10}, rram, 0.3, 10, 1, 1)
                .withWeightMax(0.4);
        Mnist.Split split = Mnist.split();
        ImageSet train = split.train().subset(AnalogSgdTrainerTest.range(1000));
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(config);
        double untrained = trainer.accuracy(split.test());
        TrainingHistory h = trainer.train(train, split.test(), null, null);
        assertEquals(1, h.epochs().size());
        double accuracy = h.finalTestAccuracy();
        assertTrue(untrained < 0.2, "untrained accuracy " + untrained);
        assertTrue(accuracy > 0.35, "test accuracy after one epoch " + accuracy);
    }
}
