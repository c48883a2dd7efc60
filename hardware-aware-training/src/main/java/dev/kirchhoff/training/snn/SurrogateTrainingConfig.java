package dev.kirchhoff.training.snn;

import dev.kirchhoff.device.Checks;

/**
 * The settings of a {@link SurrogateGradientTrainer}: the network is run for {@code steps} time
 * steps per image, trained for {@code epochs} passes over the training set in mini-batches of
 * {@code batchSize} images with Adam (Kingma &amp; Ba, ICLR 2015, arXiv:1412.6980) at step size
 * {@code learningRate}, the spike's derivative replaced by the SuperSpike fast sigmoid
 * {@code ∂s/∂u ≈ 1/(1 + k·|u − 1|)²} of steepness {@code k = steepness} (Zenke &amp; Ganguli,
 * Neural Comput. 30(6), 2018, doi:10.1162/neco_a_01086), and the visiting order drawn from
 * {@code seed}.
 *
 * @param steps        T ≥ 1, the time steps per image in training and evaluation
 * @param epochs       ≥ 1
 * @param batchSize    B ≥ 1 images per optimizer step (the last batch of an epoch may be shorter)
 * @param learningRate Adam's η, positive and finite
 * @param steepness    k of the surrogate, positive and finite (per volt; the threshold is 1 V)
 * @param seed         seed of the Fisher–Yates shuffles
 * @throws IllegalArgumentException naming the first bad parameter and its value
 */
public record SurrogateTrainingConfig(int steps, int epochs, int batchSize, double learningRate, double steepness,
        long seed) {
    public SurrogateTrainingConfig {
        Shapes.steps("steps", steps);
        Checks.positive("epochs", epochs);
        Checks.positive("batchSize", batchSize);
        Checks.positive("learningRate", learningRate);
        Checks.positive("steepness", steepness);
    }
}
