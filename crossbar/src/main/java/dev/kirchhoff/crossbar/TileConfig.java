package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * The settings of an {@link AnalogTile} that are not its mapping, devices or engine.
 *
 * @param forward          periphery of the forward read (x → y)
 * @param backward         periphery of the transposed read (d → Wᵀd); its bound management is
 *                         ignored (as in aihwkit) and its ADC must not be PERCENTILE-calibrated
 * @param readVoltageVolts V_read &gt; 0: a full-scale input drives a row at V_read volts
 * @param pulseSlots       BL ≥ 1, the length of the stochastic pulse trains of an update
 *                         (Gokmen &amp; Vlasov 2016, doi:10.3389/fnins.2016.00333: 31); with
 *                         {@code updateBlManagement}, the longest train
 * @param updateManagement balance the input and error pulse probabilities per sample, scaling
 *                         the inputs' by √(max|d|/max|x|) and the errors' by its inverse, so that
 *                         neither saturates before their product does (aihwkit's
 *                         {@code update_management}, on by default there; see {@link AnalogTile#update})
 * @param updateBlManagement shorten the train per sample to
 *                         {@code BL_k = min(⌈lr·max|x|·max|d|/Δw_min⌉, BL)} pulses, the fewest that
 *                         can carry the largest change (aihwkit's {@code update_bl_management},
 *                         on by default there)
 */
public record TileConfig(Periphery forward, Periphery backward, double readVoltageVolts, int pulseSlots,
        boolean updateManagement, boolean updateBlManagement) {
    /** Read voltage of MODELS.md §4's cell-energy example, 0.2 V. */
    public static final double DEFAULT_READ_VOLTAGE_VOLTS = 0.2;

    /** BL of Gokmen &amp; Vlasov 2016. */
    public static final int DEFAULT_PULSE_SLOTS = 31;

    /** Ideal periphery both ways, 0.2 V reads, BL = 31, pulse trains of fixed length and unbalanced. */
    public static final TileConfig IDEAL = new TileConfig(Periphery.IDEAL, Periphery.IDEAL,
            DEFAULT_READ_VOLTAGE_VOLTS, DEFAULT_PULSE_SLOTS);

    /**
     * aihwkit's default periphery both ways, 0.2 V reads, BL = 31, pulse trains of fixed length
     * and unbalanced (aihwkit's update management is {@link #withUpdateManagement}).
     */
    public static final TileConfig AIHWKIT_DEFAULT = new TileConfig(Periphery.AIHWKIT_DEFAULT, Periphery.AIHWKIT_DEFAULT,
            DEFAULT_READ_VOLTAGE_VOLTS, DEFAULT_PULSE_SLOTS);

    /** Fixed-length, unbalanced pulse trains (update management off both ways). */
    public TileConfig(Periphery forward, Periphery backward, double readVoltageVolts, int pulseSlots) {
        this(forward, backward, readVoltageVolts, pulseSlots, false, false);
    }

    public TileConfig {
        java.util.Objects.requireNonNull(forward, "forward");
        java.util.Objects.requireNonNull(backward, "backward");
        Checks.positive("readVoltageVolts", readVoltageVolts);
        Checks.positive("pulseSlots", pulseSlots);
        if (backward.adc().mode() == Adc.RangeMode.PERCENTILE) {
            throw new IllegalArgumentException("backward.adc.mode must be FIXED or MAX, got PERCENTILE");
        }
    }

    public TileConfig withForward(Periphery v) {
        return new TileConfig(v, backward, readVoltageVolts, pulseSlots, updateManagement, updateBlManagement);
    }

    public TileConfig withBackward(Periphery v) {
        return new TileConfig(forward, v, readVoltageVolts, pulseSlots, updateManagement, updateBlManagement);
    }

    public TileConfig withReadVoltageVolts(double v) {
        return new TileConfig(forward, backward, v, pulseSlots, updateManagement, updateBlManagement);
    }

    public TileConfig withPulseSlots(int v) {
        return new TileConfig(forward, backward, readVoltageVolts, v, updateManagement, updateBlManagement);
    }

    /** Both of aihwkit's update managements on or off ({@code update_management}, {@code update_bl_management}). */
    public TileConfig withUpdateManagement(boolean v) {
        return new TileConfig(forward, backward, readVoltageVolts, pulseSlots, v, v);
    }
}
