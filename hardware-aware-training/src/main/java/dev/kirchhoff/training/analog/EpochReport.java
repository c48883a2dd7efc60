package dev.kirchhoff.training.analog;

/**
 * What one epoch of {@link AnalogSgdTrainer#train} gave.
 *
 * @param epoch         epoch number, from 1
 * @param learningRate  η used in this epoch
 * @param trainLoss     mean cross-entropy over the epoch's training samples, each measured
 *                      before its own batch's step (so it lags the network by up to one epoch)
 * @param trainAccuracy fraction of training samples classified right, measured the same way
 * @param testAccuracy  fraction of the test set classified right after the epoch (noisy reads), or
 *                      NaN when no test set was given
 * @param seconds       wall-clock time of the epoch's training steps, evaluation excluded
 */
public record EpochReport(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testAccuracy,
        double seconds) {
}
