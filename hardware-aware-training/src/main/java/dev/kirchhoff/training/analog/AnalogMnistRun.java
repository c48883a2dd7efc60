package dev.kirchhoff.training.analog;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.profiles.Presets;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The MNIST-10k figure of docs/analog-training.md: analog in-situ training of a 784-256-128-10
 * perceptron on the 8000 training images of {@link Mnist#split()}, test accuracy on its 2000 test
 * images after every epoch, with a noise profile's pulsed-update model on aihwkit's analog-SGD
 * periphery ({@link AnalogSgdConfig#aihwkitDefaults}). Prints one line per epoch.
 *
 * <p>Options (each {@code --name value}; defaults are the documented run): {@code --profile}
 * (preset name or JSON file, {@code rram-soft-bounds}), {@code --lr} (η, 0.3), {@code --decay}
 * (per-epoch factor on η, 0.85), {@code --batch} (B, 10), {@code --epochs} (15), {@code --seed} (1),
 * {@code --train} (use the first n training images, all), {@code --layers} (sizes,
 * {@code 784,256,128,10}), {@code --devices-per-cell} (D, 4; D &gt; 1 is aihwkit's
 * {@code VectorUnitCell} with {@code SINGLE_RANDOM}, 1 one device per weight),
 * {@code --weight-max} (w_max, 0.4·√D: {@link AnalogSgdConfig#cellWeightMax}), {@code --bl} (the
 * pulse-train length BL, 31).
 */
public final class AnalogMnistRun {
    private AnalogMnistRun() {
    }

    /** Runs the training with the options above and prints the epochs to standard output. */
    public static void main(String[] args) throws IOException {
        String profile = "rram-soft-bounds";
        double lr = 0.3;
        double decay = 0.85;
        int batch = 10;
        int epochs = 15;
        long seed = 1;
        int trainSize = Mnist.TRAIN_SIZE;
        int[] layers = {784, 256, 128, 10};
        double weightMax = Double.NaN;
        int cell = 4;
        int slots = AnalogSgdConfig.AIHWKIT_SGD_TILE.pulseSlots();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs --name value, got " + Arrays.toString(args));
        }
        for (int k = 0; k < args.length; k += 2) {
            String v = args[k + 1];
            switch (args[k]) {
                case "--profile" -> profile = v;
                case "--lr" -> lr = Double.parseDouble(v);
                case "--decay" -> decay = Double.parseDouble(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--train" -> trainSize = Integer.parseInt(v);
                case "--layers" -> layers = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--weight-max" -> weightMax = Double.parseDouble(v);
                case "--devices-per-cell" -> cell = Integer.parseInt(v);
                case "--bl" -> slots = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[k]
                        + " (known: --profile --lr --decay --batch --epochs --seed --train --layers --weight-max"
                        + " --devices-per-cell --bl)");
            }
        }
        if (Double.isNaN(weightMax)) {
            weightMax = AnalogSgdConfig.cellWeightMax(0.4, cell);
        }
        PulsedDeviceModel device = Presets.resolve(profile).requirePulsedUpdate();
        AnalogSgdConfig config = AnalogSgdConfig.aihwkitDefaults(layers, device, lr, batch, epochs, seed)
                .withLearningRateDecay(decay).withWeightMax(weightMax).withDevicesPerCell(cell)
                .withTile(AnalogSgdConfig.AIHWKIT_SGD_TILE.withPulseSlots(slots));
        Mnist.Split split = Mnist.split();
        ImageSet train = split.train();
        if (trainSize < train.size()) {
            int[] first = new int[trainSize];
            Arrays.setAll(first, i -> i);
            train = train.subset(first);
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "analog in-situ training: profile %s, layers %s, lr %s, decay %s, batch %d, epochs %d,"
                + " seed %d, w_max %s, %d devices per cell, BL %d, %d training and %d test images%n", profile,
                Arrays.toString(layers), lr, decay, batch, epochs, seed, weightMax, cell, slots, train.size(),
                split.test().size());
        out.println("epoch  lr        train-loss  train-acc  test-acc  seconds");
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(config);
        trainer.train(train, split.test(), r -> out.printf(Locale.ROOT, "%5d  %.6f  %10.4f  %9.4f  %8.4f  %7.1f%n",
                r.epoch(), r.learningRate(), r.trainLoss(), r.trainAccuracy(), r.testAccuracy(), r.seconds()), null);
    }
}
