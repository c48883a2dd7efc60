package dev.kirchhoff.device.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bar every {@link IvCurve} meets; one small subclass per implementation. */
abstract class IvCurveContract {
    /** Conductances spanning a typical RRAM window (S). */
    static final double[] G = {1e-6, 10e-6, 100e-6};
    /** Read voltages on both sides of zero (V). */
    static final double[] V = {-0.5, -0.2, -0.05, 0.03, 0.1, 0.3, 0.6};

    protected abstract IvCurve curve();

    /** Whether I(G, −V) = −I(G, V) for this curve. */
    protected abstract boolean oddInVoltage();

    @Test
    void zeroVoltageGivesZeroCurrentAndSlopeG() {
        for (double g : G) {
            assertEquals(0.0, curve().currentAmperes(g, 0.0), 0.0);
            assertEquals(g, curve().differentialConductanceSiemens(g, 0.0), 1e-15 * g);
        }
    }

    /**
     * dI/dV against the central difference (I(V+h) − I(V−h))/(2h), h = 1e-5 V. The truncation
     * error is h²/6·I''' and rounding ε·I/h; 1e-7 relative to G bounds both for these curves.
     */
    @Test
    void derivativeMatchesCentralDifference() {
        double h = 1e-5;
        for (double g : G) {
            for (double v : V) {
                double fd = (curve().currentAmperes(g, v + h) - curve().currentAmperes(g, v - h)) / (2 * h);
                double d = curve().differentialConductanceSiemens(g, v);
                assertEquals(fd, d, 1e-7 * Math.max(g, Math.abs(d)), "G=" + g + " V=" + v);
            }
        }
    }

    @Test
    void oddSymmetryWhereApplicable() {
        if (!oddInVoltage()) {
            return;
        }
        for (double g : G) {
            for (double v : V) {
                assertEquals(-curve().currentAmperes(g, v), curve().currentAmperes(g, -v), 0.0);
                assertEquals(curve().differentialConductanceSiemens(g, v),
                        curve().differentialConductanceSiemens(g, -v), 0.0);
            }
        }
    }

    @Test
    void arrayFormEqualsScalarForm() {
        int n = G.length * V.length;
        double[] g = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = G[i % G.length];
            v[i] = V[i / G.length];
        }
        double[] current = new double[n];
        double[] slope = new double[n];
        curve().evaluate(g, v, current, slope);
        for (int i = 0; i < n; i++) {
            assertEquals(curve().currentAmperes(g[i], v[i]), current[i], 0.0);
            assertEquals(curve().differentialConductanceSiemens(g[i], v[i]), slope[i], 0.0);
        }
    }

    @Test
    void arrayFormRejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> curve().evaluate(new double[3], new double[2], new double[3], new double[3]));
        assertTrue(e.getMessage().contains("vVolts.length=2"), e.getMessage());
    }
}
