package dev.kirchhoff.device.iv;

import dev.kirchhoff.device.Checks;

/**
 * Cubic read nonlinearity of CrossSim's RRAM model (Sandia CrossSim, fitted to the Milo et al.
 * TaOx/HfOx RRAM data):
 * <pre>
 *   ABSOLUTE:                    I = G·V + s·(NL2·V² + NL3·V³),     dI/dV = G + s·(2·NL2·V + 3·NL3·V²)
 *   PROPORTIONAL_TO_CONDUCTANCE: I = G·(V + s·(NL2·V² + NL3·V³)),   dI/dV = G·(1 + s·(2·NL2·V + 3·NL3·V²))
 * </pre>
 * In the absolute form NL2 is in A/V² and NL3 in A/V³ and the nonlinear current is the same for
 * every conductance; in the proportional form they are in 1/V and 1/V² and the nonlinearity
 * scales with G. The scale s ({@link #withScale}) lets one fitted shape be made stronger or
 * weaker. With NL2 = 0 the curve is odd in V; the quadratic term makes it asymmetric.
 * {@code dI/dV} is G at V = 0 in both forms.
 *
 * @param nl2     NL2, the quadratic coefficient (A/V² or 1/V)
 * @param nl3     NL3, the cubic coefficient (A/V³ or 1/V²)
 * @param scale   s, multiplies both coefficients; finite
 * @param scaling whether the coefficients are absolute or relative to G
 */
public record PolynomialIv(double nl2, double nl3, double scale, Scaling scaling) implements IvCurve {

    /** How the nonlinear coefficients combine with the conductance. */
    public enum Scaling {
        /** {@code I = G·V + s·(NL2·V² + NL3·V³)}: NL2 in A/V², NL3 in A/V³. */
        ABSOLUTE,
        /** {@code I = G·(V + s·(NL2·V² + NL3·V³))}: NL2 in 1/V, NL3 in 1/V². */
        PROPORTIONAL_TO_CONDUCTANCE
    }

    public PolynomialIv {
        Checks.finite("nl2", nl2);
        Checks.finite("nl3", nl3);
        Checks.finite("scale", scale);
        if (scaling == null) {
            throw new IllegalArgumentException("scaling must not be null, got null");
        }
    }

    /** Absolute coefficients, scale 1: {@code I = G·V + NL2·V² + NL3·V³}, as in CrossSim. */
    public static PolynomialIv of(double nl2AmperesPerVoltSquared, double nl3AmperesPerVoltCubed) {
        return new PolynomialIv(nl2AmperesPerVoltSquared, nl3AmperesPerVoltCubed, 1, Scaling.ABSOLUTE);
    }

    /** Coefficients relative to G, scale 1: {@code I = G·(V + NL2·V² + NL3·V³)}. */
    public static PolynomialIv proportional(double nl2PerVolt, double nl3PerVoltSquared) {
        return new PolynomialIv(nl2PerVolt, nl3PerVoltSquared, 1, Scaling.PROPORTIONAL_TO_CONDUCTANCE);
    }

    /** A copy with the coefficient scale s replaced. */
    public PolynomialIv withScale(double newScale) {
        return new PolynomialIv(nl2, nl3, newScale, scaling);
    }

    @Override
    public double currentAmperes(double gSiemens, double vVolts) {
        double v2 = vVolts * vVolts;
        double nonlinear = scale * (nl2 * v2 + nl3 * v2 * vVolts);
        return scaling == Scaling.ABSOLUTE ? gSiemens * vVolts + nonlinear : gSiemens * (vVolts + nonlinear);
    }

    @Override
    public double differentialConductanceSiemens(double gSiemens, double vVolts) {
        double slope = scale * (2 * nl2 * vVolts + 3 * nl3 * vVolts * vVolts);
        return scaling == Scaling.ABSOLUTE ? gSiemens + slope : gSiemens * (1 + slope);
    }
}
