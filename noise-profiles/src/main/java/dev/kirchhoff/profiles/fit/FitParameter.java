package dev.kirchhoff.profiles.fit;

import java.util.Objects;

/**
 * One fitted quantity with its uncertainty.
 *
 * @param name          the profile field (or a clear label) it sets, e.g. {@code alphaUpSiemens}
 * @param unit          SI unit, {@code "1"} when dimensionless
 * @param value         the estimate
 * @param standardError its standard error (NaN when not available, e.g. a spread estimated by moments)
 * @param ciLow         lower end of the 95% confidence interval (NaN when not available)
 * @param ciHigh        upper end of the 95% confidence interval (NaN when not available)
 */
public record FitParameter(String name, String unit, double value, double standardError, double ciLow, double ciHigh) {
    public FitParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + name + " must be finite, got " + value);
        }
    }

    /** A point estimate without an uncertainty. */
    public static FitParameter point(String name, String unit, double value) {
        return new FitParameter(name, unit, value, Double.NaN, Double.NaN, Double.NaN);
    }

    /** An estimate with a symmetric 95% interval {@code value ± t·se}. */
    public static FitParameter withError(String name, String unit, double value, double standardError, double tQuantile) {
        return new FitParameter(name, unit, value, standardError, value - tQuantile * standardError,
                value + tQuantile * standardError);
    }
}
