package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Devices that ignore programming and stay at one end of the window: each device is
 * independently stuck at G_min with probability {@code fractionStuckAtMin}, stuck at G_max with
 * probability {@code fractionStuckAtMax}, and healthy otherwise (the stuck-at-OFF / stuck-at-ON
 * faults of CrossSim and MemTorch). A uniform draw {@code u ∈ [0, 1)} classifies a device:
 * {@code u < f_min} → stuck at G_min, {@code f_min ≤ u < f_min + f_max} → stuck at G_max.
 *
 * @param fractionStuckAtMin probability of being stuck at G_min, in [0, 1]
 * @param fractionStuckAtMax probability of being stuck at G_max, in [0, 1]; the sum ≤ 1
 */
public record StuckAtFaults(double fractionStuckAtMin, double fractionStuckAtMax) {
    /** Code of a healthy device. */
    public static final byte HEALTHY = 0;
    /** Code of a device stuck at G_min. */
    public static final byte STUCK_AT_MIN = 1;
    /** Code of a device stuck at G_max. */
    public static final byte STUCK_AT_MAX = 2;

    /** No faults. */
    public static final StuckAtFaults NONE = new StuckAtFaults(0, 0);

    public StuckAtFaults {
        Checks.inRange("fractionStuckAtMin", fractionStuckAtMin, 0, 1);
        Checks.inRange("fractionStuckAtMax", fractionStuckAtMax, 0, 1);
        if (!(fractionStuckAtMin + fractionStuckAtMax <= 1)) {
            throw new IllegalArgumentException("fractionStuckAtMin + fractionStuckAtMax must be at most 1, got "
                    + fractionStuckAtMin + " + " + fractionStuckAtMax);
        }
    }

    /** Whether any device can be stuck. */
    public boolean any() {
        return fractionStuckAtMin > 0 || fractionStuckAtMax > 0;
    }

    /** The fault code for a uniform draw {@code u ∈ [0, 1)}. */
    public byte classify(double u) {
        if (u < fractionStuckAtMin) {
            return STUCK_AT_MIN;
        }
        return u < fractionStuckAtMin + fractionStuckAtMax ? STUCK_AT_MAX : HEALTHY;
    }

    /**
     * Draws a fault code for every device, one uniform per device, chunked as in
     * {@link ChunkedParallel} (same bits on any number of cores).
     *
     * @param out modified: {@code out[i]} ∈ {HEALTHY, STUCK_AT_MIN, STUCK_AT_MAX}
     * @param rng advanced by {@code 4·chunkCount(out.length)} longs
     */
    public void draw(byte[] out, UniformRandomProvider rng) {
        ChunkedParallel.run(out.length, rng, (from, to, r) -> {
            for (int i = from; i < to; i++) {
                out[i] = classify(r.nextDouble());
            }
        });
    }
}
