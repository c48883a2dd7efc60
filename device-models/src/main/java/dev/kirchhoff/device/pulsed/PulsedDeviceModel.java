package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * An immutable description of a pulsed-update device (nominal parameters plus their spreads).
 * {@link #create} draws the device-to-device parameters of {@code deviceCount} devices.
 */
public interface PulsedDeviceModel {
    /** The model's name as the command line and the profiles spell it, e.g. {@code soft-bounds}. */
    String modelName();

    /** Nominal conductance window. */
    ConductanceRange range();

    /** Asymmetry and spreads. */
    PulseVariability variability();

    /**
     * The model's nominal step (S): the size of one pulse's change that sets its granularity,
     * the unit of its write noise and of the weight step Δw_min of a tile built on it.
     */
    double nominalStepSiemens();

    /** A copy of this model with other spreads. */
    PulsedDeviceModel withVariability(PulseVariability variability);

    /**
     * Draws {@code deviceCount} devices, each starting at its own {@code gMin_i}.
     *
     * @param deviceCount number of devices, ≥ 1
     * @param rng         source of the device-to-device draws (advanced)
     */
    PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng);
}
