package dev.kirchhoff.plots;

/**
 * One curve with a ±1σ band: at each {@code x[i]} the mean {@code mean[i]} and the standard
 * deviation {@code std[i]} of some quantity over repeated runs.
 *
 * <p>The arrays have the same length (at least 1), hold finite values, {@code x} is ascending
 * (ties allowed) and {@code std ≥ 0}. The arrays are copied on the way in and out, so the record
 * is immutable.
 *
 * @param name the series' name, shown in the legend (not blank)
 * @param x    abscissae, ascending
 * @param mean mean at each abscissa
 * @param std  standard deviation at each abscissa, ≥ 0
 */
public record Band(String name, double[] x, double[] mean, double[] std) {
    /** @throws IllegalArgumentException naming the field and the offending value */
    public Band {
        Checks.notBlank(name, "name");
        Checks.band(x, "x", mean, "mean", std, "std");
        x = x.clone();
        mean = mean.clone();
        std = std.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    /** @return a copy of the abscissae */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the means */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the standard deviations */
    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Band b && name.equals(b.name) && java.util.Arrays.equals(x, b.x)
                && java.util.Arrays.equals(mean, b.mean) && java.util.Arrays.equals(std, b.std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(mean),
                java.util.Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "Band[name=" + name + ", x=" + Checks.show(x) + ", mean=" + Checks.show(mean) + ", std="
                + Checks.show(std) + "]";
    }
}
