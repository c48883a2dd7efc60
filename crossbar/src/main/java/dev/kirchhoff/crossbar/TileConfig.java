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
 *                         (Gokmen &amp; Vlasov 2016, doi:10.3389/fnins.2016.00333: 31)
 */
public record TileConfig(Periphery forward, Periphery backward, double readVoltageVolts, int pulseSlots) {
    /** Read voltage of MODELS.md §4's cell-energy example, 0.2 V. */
    public static final double DEFAULT_READ_VOLTAGE_VOLTS = 0.2;

    /** BL of Gokmen &amp; Vlasov 2016. */
    public static final int DEFAULT_PULSE_SLOTS = 31;

    /** Ideal periphery both ways, 0.2 V reads, BL = 31. */
    public static final TileConfig IDEAL = new TileConfig(Periphery.IDEAL, Periphery.IDEAL,
            DEFAULT_READ_VOLTAGE_VOLTS, DEFAULT_PULSE_SLOTS);

    /** aihwkit's default periphery both ways, 0.2 V reads, BL = 31. */
    public static final TileConfig AIHWKIT_DEFAULT = new TileConfig(Periphery.AIHWKIT_DEFAULT, Periphery.AIHWKIT_DEFAULT,
            DEFAULT_READ_VOLTAGE_VOLTS, DEFAULT_PULSE_SLOTS);

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
        return new TileConfig(v, backward, readVoltageVolts, pulseSlots);
    }

    public TileConfig withBackward(Periphery v) {
        return new TileConfig(forward, v, readVoltageVolts, pulseSlots);
    }

    public TileConfig withReadVoltageVolts(double v) {
        return new TileConfig(forward, backward, v, pulseSlots);
    }

    public TileConfig withPulseSlots(int v) {
        return new TileConfig(forward, backward, readVoltageVolts, v);
    }
}
