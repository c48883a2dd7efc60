package dev.kirchhoff.training.analog;

import java.util.List;

/**
 * The outcome of {@link AnalogSgdTrainer#train}.
 *
 * @param epochs    one report per finished epoch, in order (unmodifiable)
 * @param cancelled whether training stopped early because cancellation was requested
 */
public record TrainingHistory(List<EpochReport> epochs, boolean cancelled) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The test accuracy of the last finished epoch, or NaN when none finished. */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
