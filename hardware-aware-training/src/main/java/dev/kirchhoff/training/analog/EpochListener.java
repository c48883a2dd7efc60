package dev.kirchhoff.training.analog;

/** Told after every finished epoch of {@link AnalogSgdTrainer#train}, on the training thread. */
@FunctionalInterface
public interface EpochListener {
    /** Called once per epoch, in order. */
    void epochDone(EpochReport report);
}
