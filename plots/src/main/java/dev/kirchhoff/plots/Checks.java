package dev.kirchhoff.plots;

import java.util.Arrays;

/** Argument checks shared by the records and the chart factories; messages name the parameter and value. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got \"" + value + "\"");
        }
        return value;
    }

    /** Non-null, at least one element, every element finite. */
    static void finite(double[] values, String name) {
        notNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, got length 0");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
    }

    static void nonNegative(double[] values, String name) {
        finite(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0)) {
                throw new IllegalArgumentException(name + "[" + i + "] must be ≥ 0, got " + values[i]);
            }
        }
    }

    static void sameLength(double[] a, String aName, double[] b, String bName) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(bName + " must have the length of " + aName + " (" + a.length
                    + "), got " + b.length);
        }
    }

    /** Non-decreasing (ties allowed). */
    static void ascending(double[] x, String name) {
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] >= x[i - 1])) {
                throw new IllegalArgumentException(name + " must be ascending, got " + name + "[" + (i - 1) + "] = "
                        + x[i - 1] + " then " + name + "[" + i + "] = " + x[i]);
            }
        }
    }

    /** The checks of a {@link Band}, with the caller's parameter names. */
    static void band(double[] x, String xName, double[] mean, String meanName, double[] std, String stdName) {
        finite(x, xName);
        finite(mean, meanName);
        nonNegative(std, stdName);
        sameLength(x, xName, mean, meanName);
        sameLength(x, xName, std, stdName);
        ascending(x, xName);
    }

    static String show(double[] values) {
        return values.length <= 8 ? Arrays.toString(values) : "[" + values.length + " values]";
    }
}
