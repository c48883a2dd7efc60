package dev.kirchhoff.tiling.hw;

/**
 * The parts of the chip whose events an {@link EnergyLedger} counts. Each has a per-event energy
 * and latency in a {@link HardwareDescription}, except {@link #CELL_READ}, whose energy is
 * computed from the actual voltages and conductances ({@code E = Σ V²·G·t}).
 */
public enum Component {
    /** Crossbar cells read: count = cells read (rows × columns × vectors), energy Σ V_i²·G_ic·t_read. */
    CELL_READ,
    /** Input conversions, one per driven row per vector read. */
    DAC_CONVERSION,
    /** Output conversions, one per digitised output per vector read. */
    ADC_CONVERSION,
    /** Digital additions of partial sums. */
    ACCUMULATION,
    /** Router hops along the east–west links of the mesh. */
    HOP_EAST_WEST,
    /** Router hops along the north–south links of the mesh. */
    HOP_NORTH_SOUTH,
    /** Spike packets sent from a core onto the network (the core's output port). */
    PACKET,
    /** Synaptic operations: one received spike applied to one synapse. */
    SYNAPTIC_OP,
    /** Neuron state updates (one neuron, one time step). */
    NEURON_UPDATE,
    /** Spikes generated (a neuron that crosses its threshold and resets). */
    SPIKE
}
