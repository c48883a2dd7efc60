package dev.kirchhoff.device.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolynomialIvTest {

    /** Absolute CrossSim form with both terms: not odd because of NL2·V². */
    @Nested
    class Absolute extends IvCurveContract {
        @Override
        protected IvCurve curve() {
            return PolynomialIv.of(2e-6, 5e-6);
        }

        @Override
        protected boolean oddInVoltage() {
            return false;
        }
    }

    /** NL2 = 0: odd in V. */
    @Nested
    class CubicOnly extends IvCurveContract {
        @Override
        protected IvCurve curve() {
            return PolynomialIv.of(0, 8e-6);
        }

        @Override
        protected boolean oddInVoltage() {
            return true;
        }
    }

    @Nested
    class Proportional extends IvCurveContract {
        @Override
        protected IvCurve curve() {
            return PolynomialIv.proportional(0.1, 0.4).withScale(1.5);
        }

        @Override
        protected boolean oddInVoltage() {
            return false;
        }
    }

    @Test
    void valuesFromTheFormula() {
        PolynomialIv iv = PolynomialIv.of(2e-6, 5e-6);
        double g = 10e-6;
        double v = 0.4;
        assertEquals(g * v + 2e-6 * v * v + 5e-6 * v * v * v, iv.currentAmperes(g, v), 1e-21);
        assertEquals(g + 2 * 2e-6 * v + 3 * 5e-6 * v * v, iv.differentialConductanceSiemens(g, v), 1e-21);
        PolynomialIv rel = PolynomialIv.proportional(0.1, 0.4);
        assertEquals(g * (v + 0.1 * v * v + 0.4 * v * v * v), rel.currentAmperes(g, v), 1e-21);
    }

    /** The scale multiplies the nonlinear part only; scale 0 is the linear curve exactly. */
    @Test
    void scaleMultipliesTheNonlinearPart() {
        PolynomialIv iv = PolynomialIv.of(2e-6, 5e-6);
        double g = 10e-6;
        double v = 0.3;
        double nonlinear = iv.currentAmperes(g, v) - g * v;
        assertEquals(3 * nonlinear, iv.withScale(3).currentAmperes(g, v) - g * v, 1e-12 * Math.abs(nonlinear));
        assertEquals(g * v, iv.withScale(0).currentAmperes(g, v), 0.0);
        assertEquals(g, iv.withScale(0).differentialConductanceSiemens(g, v), 0.0);
    }

    @Test
    void rejectsNonFiniteCoefficients() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialIv.of(Double.NaN, 0));
        assertTrue(e.getMessage().contains("nl2") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialIv.of(0, Double.NEGATIVE_INFINITY));
        assertTrue(e.getMessage().contains("nl3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialIv.of(0, 1).withScale(Double.NaN));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolynomialIv(0, 0, 1, null));
    }
}
