package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.hwa.HardwareAware;
import dev.kirchhoff.training.hwa.TilePeriphery;
import dev.kirchhoff.training.snn.ConvertedNetwork;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A Monte Carlo accuracy sweep as a self-contained, serializable job: the model file's bytes, the
 * noise profile as JSON and the sweep's settings. Any process that has the Kirchhoff jars (a local
 * worker thread, a Spark executor) can run any of its {@link AccuracySweep.Trial trials} and gets
 * the same rows, because a trial's random draws come only from its own seed
 * ({@link AccuracySweep#runTrial}) and the bundled MNIST-10k test split is the same everywhere.
 *
 * <p>Rate-based models (fp, hwa, analog) are read through the tiles' periphery
 * ({@link HardwareAware#PERIPHERY}); a snn model's programmed weights are turned into its spiking
 * network ({@link ModelTraining#spikingNetwork}, drift compensation folded into the weights) and
 * run for {@value ModelTraining#SNN_STEPS} steps. Each trial runs on one thread.
 */
public final class SweepJob implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String modelName;
    private final byte[] modelFile;
    private final String profileName;
    private final String profileJson;
    private final AccuracySweep.Settings settings;
    /** The decoded model, devices, data and evaluator; rebuilt after deserialization. */
    private transient volatile Decoded decoded;

    private record Decoded(ModelFile.Contents model, InferenceDeviceModel device, AccuracySweep.ReadEvaluator evaluator) {
    }

    /**
     * @param modelName the model's name in the rows (e.g. its file name), not blank
     * @param modelFile the bytes of a model file ({@link ModelFile#toBytes}); checked now
     * @param profile   the devices' noise profile (needs an inference model: programming noise,
     *                  read noise, drift)
     * @param settings  scales, times, seeds, mapping and compensation
     * @throws IllegalArgumentException if the model file is invalid, its sizes do not fit MNIST, or
     *                                  the profile has no inference model
     */
    public SweepJob(String modelName, byte[] modelFile, NoiseProfile profile, AccuracySweep.Settings settings) {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank, got " + modelName);
        }
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(profile, "profile");
        this.modelName = modelName;
        this.modelFile = modelFile.clone();
        this.profileName = profile.name();
        this.profileJson = NoiseProfiles.toJson(profile);
        this.settings = Objects.requireNonNull(settings, "settings");
        decoded();
    }

    /** The model's name in the rows. */
    public String modelName() {
        return modelName;
    }

    /** The profile's name in the rows. */
    public String profileName() {
        return profileName;
    }

    /** What is swept. */
    public AccuracySweep.Settings settings() {
        return settings;
    }

    /** The trials, in row order. */
    public List<AccuracySweep.Trial> trials() {
        return AccuracySweep.trials(settings);
    }

    /** Number of rows the sweep produces. */
    public int rowCount() {
        return settings.trials();
    }

    /**
     * Runs one trial on the calling thread.
     *
     * @return one row per drift time
     */
    public List<AccuracySweep.Row> run(AccuracySweep.Trial trial) {
        Decoded d = decoded();
        return AccuracySweep.runTrial(modelName, d.model().network(), profileName, d.device(), settings, d.evaluator(),
                trial);
    }

    private Decoded decoded() {
        Decoded d = decoded;
        if (d == null) {
            synchronized (this) {
                d = decoded;
                if (d == null) {
                    d = decode();
                    decoded = d;
                }
            }
        }
        return d;
    }

    private Decoded decode() {
        ModelFile.Contents model = ModelFile.fromBytes(modelFile, modelName);
        NoiseProfile profile = NoiseProfiles.parse(profileJson, profileName);
        Mnist.Split data = Mnist.split();
        ModelTraining.checkSizes(model.header().sizeArray(), data);
        AccuracySweep.ReadEvaluator evaluator;
        if (model.header().mode() == ModelHeader.Mode.SNN) {
            float[][] biases = ModelTraining.biases(model.network());
            evaluator = (chip, read, seed) -> {
                ConvertedNetwork snn = ModelTraining.spikingNetwork(model.header(), read.compensatedWeights(), biases);
                return ModelTraining.spikingAccuracy(snn, data, seed, 1);
            };
        } else {
            evaluator = AccuracySweep.forwardPass(model.network(), data.test(), new TilePeriphery(HardwareAware.PERIPHERY),
                    1);
        }
        return new Decoded(model, profile.inferenceModel(), evaluator);
    }
}
