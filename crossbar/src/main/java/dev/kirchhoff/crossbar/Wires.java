package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * Parasitic resistances of the crossbar circuit (ARCHITECTURE.md, "the crossbar circuit
 * convention"): row i is driven at its column-0 end by an ideal source through
 * {@code rDriverOhms + rRowOhms}; consecutive row nodes are joined by {@code rRowOhms}; column j
 * is sensed at its row-(M−1) end by a virtual ground through {@code rColOhms + rSenseOhms};
 * consecutive column nodes are joined by {@code rColOhms}. All zero is the ideal crossbar,
 * I = Vᵀ·G.
 *
 * @param rRowOhms    row (word-line) wire segment resistance, ≥ 0
 * @param rColOhms    column (bit-line) wire segment resistance, ≥ 0
 * @param rDriverOhms output resistance of each row driver, ≥ 0
 * @param rSenseOhms  input resistance of each column's sense amplifier, ≥ 0
 */
public record Wires(double rRowOhms, double rColOhms, double rDriverOhms, double rSenseOhms) {
    /** Ideal wires and periphery. */
    public static final Wires IDEAL = new Wires(0, 0, 0, 0);

    public Wires {
        Checks.nonNegative("rRowOhms", rRowOhms);
        Checks.nonNegative("rColOhms", rColOhms);
        Checks.nonNegative("rDriverOhms", rDriverOhms);
        Checks.nonNegative("rSenseOhms", rSenseOhms);
    }

    /** Row and column segment resistances only. */
    public static Wires of(double rRowOhms, double rColOhms) {
        return new Wires(rRowOhms, rColOhms, 0, 0);
    }

    /** True when every resistance is zero. */
    public boolean ideal() {
        return rRowOhms == 0 && rColOhms == 0 && rDriverOhms == 0 && rSenseOhms == 0;
    }
}
