package dev.kirchhoff.device;

/**
 * The conductance window of a device, in siemens: {@code 0 ≤ gMinSiemens < gMaxSiemens < ∞}.
 *
 * @param gMinSiemens lowest conductance the device can be programmed to (S)
 * @param gMaxSiemens highest conductance the device can be programmed to (S)
 */
public record ConductanceRange(double gMinSiemens, double gMaxSiemens) {
    public ConductanceRange {
        Checks.nonNegative("gMinSiemens", gMinSiemens);
        Checks.positive("gMaxSiemens", gMaxSiemens);
        if (!(gMinSiemens < gMaxSiemens)) {
            throw new IllegalArgumentException("gMinSiemens must be below gMaxSiemens, got gMinSiemens="
                    + gMinSiemens + " >= gMaxSiemens=" + gMaxSiemens);
        }
    }

    /** {@code gMax − gMin} (S). */
    public double widthSiemens() {
        return gMaxSiemens - gMinSiemens;
    }

    /** {@code g} clipped to {@code [gMin, gMax]}. */
    public double clip(double g) {
        return Math.min(Math.max(g, gMinSiemens), gMaxSiemens);
    }
}
