package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.hwa.TilePeriphery;
import dev.kirchhoff.training.snn.ConvertedNetwork;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a saved model on analog hardware over variability scales, drift times and seeds
 * ({@link AccuracySweep}), the job of {@code kirchhoff evaluate}. Rate-based models (fp, hwa,
 * analog) are read through the tiles' periphery; a snn model's programmed weights are turned into
 * its spiking network ({@link ModelTraining#spikingNetwork}, drift compensation folded into the
 * weights) and run for {@value ModelTraining#SNN_STEPS} steps.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * Runs the sweep.
     *
     * @param modelName   the model's name in the rows (e.g. its file name)
     * @param model       the model read from its file
     * @param profileName the profile's name in the rows
     * @param device      the profile's devices at variability scale 1
     * @param data        the split whose test images are used
     * @param settings    scales, times, seeds, mapping and compensation
     * @param periphery   the tiles' converters and noises (rate-based models)
     * @param threads     threads per evaluation (results do not depend on it)
     * @param progress    told after every row
     * @param cancelled   polled between rows
     */
    public static List<AccuracySweep.Row> run(String modelName, ModelFile.Contents model, String profileName,
            InferenceDeviceModel device, Mnist.Split data, AccuracySweep.Settings settings, TilePeriphery periphery,
            int threads, AccuracySweep.Progress progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(model, "model");
        ModelTraining.checkSizes(model.header().sizeArray(), data);
        AccuracySweep.ReadEvaluator evaluator;
        if (model.header().mode() == ModelHeader.Mode.SNN) {
            float[][] biases = ModelTraining.biases(model.network());
            evaluator = (chip, read, seed) -> {
                ConvertedNetwork snn = ModelTraining.spikingNetwork(model.header(), read.compensatedWeights(), biases);
                return ModelTraining.spikingAccuracy(snn, data, seed, threads);
            };
        } else {
            evaluator = AccuracySweep.forwardPass(model.network(), data.test(), periphery, threads);
        }
        return AccuracySweep.run(modelName, model.network(), profileName, device, settings, evaluator, progress,
                cancelled);
    }
}
