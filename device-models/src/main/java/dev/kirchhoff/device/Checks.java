package dev.kirchhoff.device;

/**
 * Argument checks shared by every model. Each check also rejects NaN (the comparisons are
 * written so that NaN fails them) and names the parameter and its value in the message.
 */
public final class Checks {
    private Checks() {
    }

    /** Requires {@code 0 < value < ∞}; returns the value. */
    public static double positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code 0 ≤ value < ∞}; returns the value. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
        return value;
    }

    /** Requires a finite value (not NaN, not ±∞); returns the value. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** Requires {@code lo ≤ value ≤ hi}; returns the value. */
    public static double inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** Requires {@code value > 0}; returns the value. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** Requires {@code value ≥ 0}; returns the value. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative, got " + value);
        }
        return value;
    }

    /** Requires every element finite and non-negative (a conductance array); returns the array. */
    public static double[] conductances(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a non-negative finite conductance, got " + v);
            }
        }
        return values;
    }
}
