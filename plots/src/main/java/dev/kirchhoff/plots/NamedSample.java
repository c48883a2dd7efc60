package dev.kirchhoff.plots;

import java.util.Arrays;

/**
 * A named sample of values, e.g. the conductances of a tile's devices in siemens.
 * Immutable: the array is copied on the way in and out.
 *
 * @param name   shown in the legend (not blank)
 * @param values at least one value, all finite
 */
public record NamedSample(String name, double[] values) {
    /** @throws IllegalArgumentException naming the field and the offending value */
    public NamedSample {
        Checks.notBlank(name, "name");
        Checks.finite(values, "values");
        values = values.clone();
    }

    /** @return a copy of the values */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedSample s && name.equals(s.name) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NamedSample[name=" + name + ", values=" + Checks.show(values) + "]";
    }
}
