package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.training.LayerHardware;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.Trainer;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.WeightConstraint;
import dev.kirchhoff.training.analog.AnalogSgdConfig;
import dev.kirchhoff.training.analog.AnalogSgdTrainer;
import dev.kirchhoff.training.hwa.HardwareAware;
import dev.kirchhoff.training.hwa.IrDropTiles;
import dev.kirchhoff.training.hwa.NoisyTiles;
import dev.kirchhoff.training.snn.AnnToSnn;
import dev.kirchhoff.training.snn.ConvertedNetwork;
import dev.kirchhoff.training.snn.InputCoding;
import dev.kirchhoff.training.snn.Readout;
import dev.kirchhoff.training.snn.SnnSimulator;
import dev.kirchhoff.training.snn.SurrogateGradientTrainer;
import dev.kirchhoff.training.snn.SurrogateTrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains a network in one of the modes of {@code kirchhoff train}:
 * <ul>
 *   <li>{@code fp}: floating point ({@link Trainer} with {@link LayerHardware#IDENTITY});</li>
 *   <li>{@code hwa}: noise in the loop on the profile's devices ({@link NoisyTiles} with the
 *   defaults of {@link HardwareAware});</li>
 *   <li>{@code analog}: in-situ analog SGD, every update applied as pulses to the profile's pulsed
 *   devices ({@link AnalogSgdTrainer}: aihwkit's analog-SGD tile, batch {@value #ANALOG_BATCH},
 *   η = {@value #ANALOG_LEARNING_RATE} decaying by {@value #ANALOG_DECAY} per epoch, a cell of D
 *   devices with w_max = {@value #ANALOG_WEIGHT_MAX}·√D, by default D =
 *   {@value #ANALOG_DEVICES_PER_CELL} devices per weight as in aihwkit's {@code ReRamSB4Preset} (a
 *   {@code VectorUnitCell} updated {@code SINGLE_RANDOM}; docs/analog-training.md); the model keeps
 *   the weights the tiles hold at the end (each cell's sum);</li>
 *   <li>{@code snn}, {@link SpikingMethod#CONVERSION}: floating point, then ANN→SNN conversion by
 *   threshold balancing ({@link AnnToSnn}, calibrated on the first {@value #CALIBRATION_IMAGES}
 *   training images); the model keeps the ANN's weights and stores the per-layer normalisation
 *   λ_l as its {@code outputScales}, from which {@link #spikingNetwork} rebuilds the spiking
 *   network for any (e.g. programmed and drifted) weights;</li>
 *   <li>{@code snn}, {@link SpikingMethod#SURROGATE}: the spiking network trained directly by
 *   backpropagation through {@value #SNN_STEPS} steps with a surrogate gradient
 *   ({@link SurrogateGradientTrainer}, Adam η = 1e−3, batch 32, steepness 5); its weights are
 *   already those of the spiking network, so every λ_l is 1.</li>
 * </ul>
 * The result carries the model header (mode, sizes, training configuration, profile) and the
 * test accuracy of the trained network on its own terms: digital for fp and hwa, read through
 * its tiles for analog, the spiking network after {@value #SNN_STEPS} steps of constant-current
 * input for snn.
 */
public final class ModelTraining {
    /** Calibration images of the ANN→SNN conversion. */
    public static final int CALIBRATION_IMAGES = 2000;
    /**
     * Time steps of a spiking inference, and of surrogate-gradient training: converted networks
     * are within 0.1 point of their ANN from T = 10 on (docs/snn-conversion.md), and the chip's
     * energy grows linearly with T.
     */
    public static final int SNN_STEPS = 16;

    /** How a snn model is obtained. */
    public enum SpikingMethod {
        /** Train an ANN, then convert it by threshold balancing. */
        CONVERSION,
        /** Train the spiking network itself with a surrogate gradient. */
        SURROGATE
    }
    /** Analog SGD: samples per update (the top of aihwkit's 1–10 range; docs/analog-training.md). */
    public static final int ANALOG_BATCH = 10;
    /** Analog SGD: learning rate of the first epoch. */
    public static final double ANALOG_LEARNING_RATE = 0.3;
    /** Analog SGD: learning-rate factor per epoch. */
    public static final double ANALOG_DECAY = 0.85;
    /**
     * Analog SGD: w_max with one device per weight; a cell of D devices spans
     * {@code ANALOG_WEIGHT_MAX·√D} ({@link AnalogSgdConfig#cellWeightMax}).
     */
    public static final double ANALOG_WEIGHT_MAX = 0.4;
    /**
     * Analog SGD: devices per weight by default, aihwkit's {@code ReRamSB4Preset} layout (4 devices
     * per cross-point, one chosen at random per update): with rram-soft-bounds it is what reaches
     * 90% on MNIST-10k, where one device stops at 86–89% (docs/analog-training.md).
     */
    public static final int ANALOG_DEVICES_PER_CELL = 4;

    private ModelTraining() {
    }

    /**
     * A trained model.
     *
     * @param header       what the model file says about it
     * @param network      the weights (for snn: the ANN's)
     * @param testAccuracy accuracy on the test split, in [0, 1]
     * @param epochs       the training epochs' reports
     * @param cancelled    true if training stopped early
     */
    public record Result(ModelHeader header, Mlp network, double testAccuracy, List<Trainer.EpochReport> epochs,
            boolean cancelled) {
    }

    /**
     * Trains one model.
     *
     * @param mode      fp, hwa, analog or snn
     * @param sizes     layer sizes; sizes[0] must be the images' pixels, the last at least the classes
     * @param profile   the device profile (its name goes into the header); required for hwa (its
     *                  inference noise) and analog (its pulsed update), optional otherwise
     * @param config    epochs, optimizer, seed, threads (analog uses the epochs and the seed)
     * @param data      the train and test split
     * @param onEpoch   told after every epoch
     * @param cancelled polled between batches
     * @throws IllegalArgumentException for hwa or analog without a profile, or analog with a
     *                                  profile without a pulsed-update model
     */
    public static Result train(ModelHeader.Mode mode, int[] sizes, NoiseProfile profile, TrainingConfig config,
            Mnist.Split data, Consumer<Trainer.EpochReport> onEpoch, BooleanSupplier cancelled) {
        return train(mode, sizes, profile, config, SpikingMethod.CONVERSION, data, onEpoch, cancelled);
    }

    /**
     * Trains one model, choosing how a snn model is obtained (ignored for the other modes).
     *
     * @see #train(ModelHeader.Mode, int[], NoiseProfile, TrainingConfig, Mnist.Split, Consumer, BooleanSupplier)
     */
    public static Result train(ModelHeader.Mode mode, int[] sizes, NoiseProfile profile, TrainingConfig config,
            SpikingMethod spiking, Mnist.Split data, Consumer<Trainer.EpochReport> onEpoch,
            BooleanSupplier cancelled) {
        return train(mode, sizes, profile, config, spiking, Options.DEFAULT, data, onEpoch, cancelled);
    }

    /**
     * Options that only some modes read.
     *
     * @param analogDevicesPerCell analog mode: devices per weight, 1 to
     *                             {@value AnalogSgdConfig#MAX_DEVICES_PER_CELL} (1: one device against
     *                             the reference column; more: aihwkit's {@code VectorUnitCell},
     *                             {@code SINGLE_RANDOM})
     * @param hwaIrDropWireOhms    hwa mode: resistance of each wire segment of the 256 × 256 tiles
     *                             whose IR drop is in the loop (Ω), ≥ 0; 0 for ideal wires
     *                             ({@link NoisyTiles}, the error recomputed once per epoch)
     */
    public record Options(int analogDevicesPerCell, double hwaIrDropWireOhms) {
        /** {@value #ANALOG_DEVICES_PER_CELL} devices per analog weight, ideal wires. */
        public static final Options DEFAULT = new Options(ANALOG_DEVICES_PER_CELL, 0);

        public Options {
            if (analogDevicesPerCell < 1 || analogDevicesPerCell > AnalogSgdConfig.MAX_DEVICES_PER_CELL) {
                throw new IllegalArgumentException("analogDevicesPerCell must be in [1, "
                        + AnalogSgdConfig.MAX_DEVICES_PER_CELL + "], got " + analogDevicesPerCell);
            }
            if (!(hwaIrDropWireOhms >= 0 && hwaIrDropWireOhms < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("hwaIrDropWireOhms must be non-negative and finite, got "
                        + hwaIrDropWireOhms);
            }
        }

        /** A copy with another number of devices per analog weight. */
        public Options withAnalogDevicesPerCell(int v) {
            return new Options(v, hwaIrDropWireOhms);
        }

        /** A copy with another wire resistance for hwa training. */
        public Options withHwaIrDropWireOhms(double v) {
            return new Options(analogDevicesPerCell, v);
        }
    }

    /**
     * Trains one model, with the options of its mode.
     *
     * @param options devices per analog weight, IR drop in the hwa loop
     * @throws IllegalArgumentException also for IR drop with a mode other than hwa
     * @see #train(ModelHeader.Mode, int[], NoiseProfile, TrainingConfig, Mnist.Split, Consumer, BooleanSupplier)
     */
    public static Result train(ModelHeader.Mode mode, int[] sizes, NoiseProfile profile, TrainingConfig config,
            SpikingMethod spiking, Options options, Mnist.Split data, Consumer<Trainer.EpochReport> onEpoch,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(spiking, "spiking");
        Objects.requireNonNull(options, "options");
        double irDropWireOhms = options.hwaIrDropWireOhms();
        if (irDropWireOhms > 0 && mode != ModelHeader.Mode.HWA) {
            throw new IllegalArgumentException("IR drop in the loop (hwaIrDropWireOhms " + irDropWireOhms
                    + ") is for mode hwa, got mode " + mode.label());
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        checkSizes(sizes, data);
        String profileName = profile == null ? null : profile.name();
        if (mode == ModelHeader.Mode.ANALOG) {
            return trainAnalog(sizes, profile, config, options.analogDevicesPerCell(), data, onEpoch, cancelled);
        }
        if (mode == ModelHeader.Mode.SNN && spiking == SpikingMethod.SURROGATE) {
            return trainSurrogate(sizes, profileName, config, data, onEpoch);
        }
        Mlp network = new Mlp(sizes, config.initRandom());
        LayerHardware hardware = LayerHardware.IDENTITY;
        WeightConstraint constraint = WeightConstraint.NONE;
        switch (mode) {
            case FP:
            case SNN:
                break;
            case HWA:
                if (profile == null) {
                    throw new IllegalArgumentException("mode hwa needs a profile with inference noise (--profile), got none");
                }
                int batchesPerEpoch = (data.train().size() + config.batchSize() - 1) / config.batchSize();
                hardware = new NoisyTiles(sizes, profile.inferenceModel(), HardwareAware.WEIGHT_NOISE,
                        HardwareAware.PERIPHERY, HardwareAware.COLUMNWISE,
                        irDropWireOhms > 0 ? IrDropTiles.of(irDropWireOhms) : null, batchesPerEpoch);
                constraint = HardwareAware.CLIP;
                break;
            default:
                throw new IllegalArgumentException("mode " + mode.label() + " is not trained by ModelTraining");
        }
        Trainer trainer = new Trainer(config, hardware, constraint);
        List<Trainer.EpochReport> epochs = new ArrayList<>();
        Trainer.Result result = trainer.train(network, data.train(), r -> {
            epochs.add(r);
            onEpoch.accept(r);
        }, cancelled);
        Map<String, String> provenance = new TreeMap<>();
        provenance.put("dataset", "MNIST-10k (bundled), deterministic 8000/2000 split");
        if (irDropWireOhms > 0) {
            provenance.put("irDrop", "IR drop of 256 x 256 tiles in the loop, " + irDropWireOhms
                    + " ohm per wire segment, recomputed every epoch");
        }
        ModelHeader header = ModelHeader.of(network, mode, config).withProfile(profileName).withProvenance(provenance);
        double accuracy;
        if (mode == ModelHeader.Mode.SNN) {
            ConvertedNetwork converted = AnnToSnn.convert(sizes, weights(network), biases(network), data.train(),
                    Math.min(CALIBRATION_IMAGES, data.train().size()), AnnToSnn.DEFAULT_PERCENTILE);
            List<Double> scales = new ArrayList<>();
            for (double v : converted.scales()) {
                scales.add(v);
            }
            header = header.withOutputScales(scales);
            accuracy = spikingAccuracy(converted, data, config.seed(), config.threads());
        } else {
            accuracy = new Trainer(config).evaluate(network, data.test());
        }
        return new Result(header, network, accuracy, epochs, result.cancelled());
    }

    private static Result trainSurrogate(int[] sizes, String profileName, TrainingConfig config, Mnist.Split data,
            Consumer<Trainer.EpochReport> onEpoch) {
        Mlp network = new Mlp(sizes, config.initRandom());
        SurrogateGradientTrainer trainer = new SurrogateGradientTrainer(
                new SurrogateTrainingConfig(SNN_STEPS, config.epochs(), 32, 1e-3, 5, config.seed()));
        List<Trainer.EpochReport> epochs = new ArrayList<>();
        trainer.train(network, data.train(), r -> {
            Trainer.EpochReport e = new Trainer.EpochReport(r.epoch(), r.loss(), r.trainAccuracy(), r.seconds());
            epochs.add(e);
            onEpoch.accept(e);
        });
        List<Double> ones = new ArrayList<>();
        for (int l = 0; l < network.layers(); l++) {
            ones.add(1.0);
        }
        ModelHeader header = ModelHeader.of(network, ModelHeader.Mode.SNN, config).withProfile(profileName)
                .withOutputScales(ones)
                .withProvenance(Map.of("dataset", "MNIST-10k (bundled), deterministic 8000/2000 split",
                        "snn", "surrogate-gradient training through " + SNN_STEPS + " steps"));
        double accuracy = spikingAccuracy(SurrogateGradientTrainer.toSpiking(network), data, config.seed(),
                config.threads());
        return new Result(header, network, accuracy, epochs, false);
    }

    private static Result trainAnalog(int[] sizes, NoiseProfile profile, TrainingConfig config, int devicesPerCell,
            Mnist.Split data, Consumer<Trainer.EpochReport> onEpoch, BooleanSupplier cancelled) {
        if (profile == null) {
            throw new IllegalArgumentException("mode analog needs a profile with a pulsed-update model (--profile), got none");
        }
        AnalogSgdConfig analog = AnalogSgdConfig.aihwkitDefaults(sizes, profile.requirePulsedUpdate(),
                ANALOG_LEARNING_RATE, ANALOG_BATCH, config.epochs(), config.seed()).withLearningRateDecay(ANALOG_DECAY)
                .withWeightMax(AnalogSgdConfig.cellWeightMax(ANALOG_WEIGHT_MAX, devicesPerCell))
                .withDevicesPerCell(devicesPerCell);
        AnalogSgdTrainer trainer = new AnalogSgdTrainer(analog);
        List<Trainer.EpochReport> epochs = new ArrayList<>();
        boolean stopped = trainer.train(data.train(), null, r -> {
            Trainer.EpochReport e = new Trainer.EpochReport(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.seconds());
            epochs.add(e);
            onEpoch.accept(e);
        }, cancelled).cancelled();
        Mlp network = Mlp.of(sizes, trainer.network().weights(), trainer.network().biases());
        ModelHeader header = ModelHeader.of(network, ModelHeader.Mode.ANALOG, config).withProfile(profile.name())
                .withProvenance(Map.of("dataset", "MNIST-10k (bundled), deterministic 8000/2000 split",
                        "analog", "in-situ SGD, batch " + ANALOG_BATCH + ", lr " + ANALOG_LEARNING_RATE + " × "
                                + ANALOG_DECAY + "^epoch, weight max " + analog.weightMax() + ", "
                                + cellLabel(devicesPerCell)));
        return new Result(header, network, trainer.accuracy(data.test()), epochs, stopped);
    }

    /** How a weight is held, for the model header's provenance. */
    static String cellLabel(int devicesPerCell) {
        return devicesPerCell == 1 ? "1 device per weight (reference column)"
                : devicesPerCell + " devices per weight (aihwkit VectorUnitCell, update policy SINGLE_RANDOM)";
    }

    /**
     * The spiking network of a snn model for given (e.g. programmed) weights:
     * {@code W_l·λ_{l−1}/λ_l} and {@code b_l/λ_l} with the model's λ (its {@code outputScales}).
     *
     * @param header  the snn model's header
     * @param weights the weights to convert, per layer row-major [out][in]
     * @param biases  the biases per layer
     * @throws IllegalArgumentException if the header is not a snn model with one scale per layer
     */
    public static ConvertedNetwork spikingNetwork(ModelHeader header, float[][] weights, float[][] biases) {
        List<Double> scales = header.outputScales();
        int[] sizes = header.sizeArray();
        int layers = sizes.length - 1;
        if (header.mode() != ModelHeader.Mode.SNN || scales == null || scales.size() != layers) {
            throw new IllegalArgumentException("a snn model needs one output scale per layer (" + layers + "), got "
                    + (scales == null ? "none" : scales.size()) + " in a " + header.mode().label() + " model");
        }
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        double previous = 1;
        for (int l = 0; l < layers; l++) {
            double lambda = scales.get(l);
            w[l] = new double[weights[l].length];
            for (int e = 0; e < w[l].length; e++) {
                w[l][e] = weights[l][e] * previous / lambda;
            }
            b[l] = new double[biases[l].length];
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] = biases[l][j] / lambda;
            }
            previous = lambda;
        }
        return ConvertedNetwork.of(sizes, w, b);
    }

    /** Accuracy of a spiking network on the test split after {@value #SNN_STEPS} steps of constant-current input. */
    static double spikingAccuracy(ConvertedNetwork network, Mnist.Split data, long seed, int threads) {
        return new SnnSimulator(network, Readout.MEMBRANE_POTENTIAL)
                .evaluate(data.test(), new int[] {SNN_STEPS}, InputCoding.constantCurrent(), seed, threads).accuracy(0);
    }

    static float[][] weights(Mlp network) {
        float[][] w = new float[network.layers()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = network.weights(l);
        }
        return w;
    }

    static float[][] biases(Mlp network) {
        float[][] b = new float[network.layers()][];
        for (int l = 0; l < b.length; l++) {
            b[l] = network.biases(l);
        }
        return b;
    }

    /**
     * Checks that layer sizes fit the data: the first is the images' pixel count, the last at least
     * the number of classes.
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    public static void checkSizes(int[] sizes, Mnist.Split data) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("layers must list at least an input and an output size, got "
                    + (sizes == null ? "none" : sizes.length));
        }
        int pixels = data.train().pixelsPerImage();
        if (sizes[0] != pixels) {
            throw new IllegalArgumentException("the first layer size must be the " + pixels + " pixels of an image, got "
                    + sizes[0]);
        }
        int classes = data.train().classes();
        if (sizes[sizes.length - 1] < classes) {
            throw new IllegalArgumentException("the last layer size must be at least the " + classes + " classes, got "
                    + sizes[sizes.length - 1]);
        }
    }
}
