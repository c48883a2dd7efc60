package dev.kirchhoff.tiling.learning;

/**
 * How a requested weight change Δw becomes a whole number of device pulses, with
 * {@code r = |Δw|/Δw_min} (Δw_min = the device's nominal step in weight units).
 */
public enum PulseRounding {
    /** {@code n = round(r)} (half up): deterministic; changes below Δw_min/2 are lost. */
    NEAREST,
    /**
     * {@code n = ⌊r⌋ + 1} with probability {@code r − ⌊r⌋}, else {@code ⌊r⌋}: unbiased,
     * {@code E[n] = r}, so changes much smaller than one pulse still add up on average (the
     * stochastic update of memristive STDP, Querlioz et al., IEEE Trans. Nanotechnol. 12(3),
     * 288–295, 2013, doi:10.1109/TNANO.2013.2250995). One uniform draw per changed synapse.
     */
    STOCHASTIC
}
