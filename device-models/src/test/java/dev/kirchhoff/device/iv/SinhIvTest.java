package dev.kirchhoff.device.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SinhIvTest extends IvCurveContract {
    @Override
    protected IvCurve curve() {
        return SinhIv.STANFORD_PKU;
    }

    @Override
    protected boolean oddInVoltage() {
        return true;
    }

    /** I = G·V0·sinh(V/V0) at V = V0: G·V0·sinh(1). */
    @Test
    void valueAtV0() {
        SinhIv iv = new SinhIv(0.25);
        assertEquals(1e-5 * 0.25 * Math.sinh(1), iv.currentAmperes(1e-5, 0.25), 1e-20);
        assertEquals(1e-5 * Math.cosh(1), iv.differentialConductanceSiemens(1e-5, 0.25), 1e-20);
    }

    /**
     * V0 → ∞ gives the linear curve: the relative excess of the current is (V/V0)²/6 and of the
     * slope (V/V0)²/2, so V0 = 1e5 V at |V| ≤ 0.6 V leaves at most 1.8e-11; asserted at 1e-10 relative.
     */
    @Test
    void largeV0IsLinear() {
        SinhIv iv = new SinhIv(1e5);
        for (double g : G) {
            for (double v : V) {
                assertEquals(g * v, iv.currentAmperes(g, v), 1e-10 * Math.abs(g * v));
                assertEquals(g, iv.differentialConductanceSiemens(g, v), 1e-10 * g);
            }
        }
    }

    @Test
    void superlinear() {
        SinhIv iv = SinhIv.STANFORD_PKU;
        assertTrue(iv.currentAmperes(1e-5, 0.5) > 1e-5 * 0.5);
    }

    @Test
    void rejectsBadV0() {
        for (double bad : new double[] {0, -0.25, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SinhIv(bad));
            assertTrue(e.getMessage().contains("v0Volts") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }
}
