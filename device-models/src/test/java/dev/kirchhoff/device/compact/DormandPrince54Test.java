package dev.kirchhoff.device.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DormandPrince54Test {

    /**
     * y' = 5t⁴ has y = t⁵: the fifth-order solution integrates a quartic in t exactly, so even at
     * a loose tolerance (rtol 1e-3) only rounding remains; asserted at 1e-13 relative.
     */
    @Test
    void quarticRightHandSideIsIntegratedExactly() {
        DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(1e-3, 1e-6));
        double[] y = {0};
        ode.integrate((t, s, d) -> d[0] = 5 * t * t * t * t, 0, y, 2);
        assertEquals(32, y[0], 32e-13);
    }

    /**
     * y' = −3y, y(0) = 1: y(2) = e^(−6). With rtol 1e-10 the global error of a 5th-order method
     * with local extrapolation stays within a small multiple of the tolerance; asserted at 1e-8 relative.
     */
    @Test
    void exponentialDecayToTolerance() {
        DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(1e-10, 1e-14));
        double[] y = {1};
        ode.integrate((t, s, d) -> d[0] = -3 * s[0], 0, y, 2);
        assertEquals(Math.exp(-6), y[0], 1e-8 * Math.exp(-6));
    }

    /** Harmonic oscillator y'' = −y over one period returns to (1, 0); rtol 1e-10 → 1e-8 absolute. */
    @Test
    void twoDimensionalOscillator() {
        DormandPrince54 ode = new DormandPrince54(2, IntegratorTolerances.of(1e-10, 1e-12));
        double[] y = {1, 0};
        ode.integrate((t, s, d) -> {
            d[0] = s[1];
            d[1] = -s[0];
        }, 0, y, 2 * Math.PI);
        assertEquals(1, y[0], 1e-8);
        assertEquals(0, y[1], 1e-8);
    }

    /** y' = y(1 − y)·cos(3t): step counts grow as the tolerance tightens, the error shrinks. */
    @Test
    void stepCountGrowsAsToleranceTightens() {
        long previous = 0;
        double previousError = Double.POSITIVE_INFINITY;
        for (double rtol : new double[] {1e-4, 1e-6, 1e-8, 1e-10}) {
            DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(rtol, rtol * 1e-3));
            double[] y = {0.1};
            ode.integrate((t, s, d) -> d[0] = s[0] * (1 - s[0]) * Math.cos(3 * t), 0, y, 10);
            // logistic with time change: y = 1/(1 + 9·e^(−sin(3t)/3))
            double exact = 1 / (1 + 9 * Math.exp(-Math.sin(30) / 3));
            double error = Math.abs(y[0] - exact);
            assertTrue(ode.acceptedSteps() > previous, "rtol " + rtol + ": " + ode.acceptedSteps());
            assertTrue(error < previousError || error < 1e-13, "rtol " + rtol + ": error " + error);
            assertTrue(error < 100 * rtol, "rtol " + rtol + ": error " + error);
            previous = ode.acceptedSteps();
            previousError = error;
        }
    }

    /** The right-hand side is never evaluated past t1, and the integration ends exactly at t1. */
    @Test
    void landsExactlyOnTheEndTime() {
        DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(1e-9, 1e-12));
        double[] maxT = {Double.NEGATIVE_INFINITY};
        double[] y = {1};
        double t1 = 0.3;
        double t2 = 0.7 + 1e-9;
        OdeSystem f = (t, s, d) -> {
            maxT[0] = Math.max(maxT[0], t);
            d[0] = -s[0];
        };
        ode.integrate(f, 0, y, t1);
        assertEquals(t1, maxT[0], 0.0);
        ode.integrate(f, t1, y, t2);
        assertEquals(t2, maxT[0], 0.0);
        assertEquals(Math.exp(-t2), y[0], 1e-9);
    }

    /**
     * A jump in the right-hand side at t = 1 (f = 1 then −2) placed at an interval end costs nothing:
     * y(2) = 1 − 2 = −1 exactly up to rounding.
     */
    @Test
    void jumpAtAnIntervalEndIsExact() {
        DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(1e-6, 1e-9));
        double[] y = {0};
        ode.integrate((t, s, d) -> d[0] = 1, 0, y, 1);
        ode.integrate((t, s, d) -> d[0] = -2, 1, y, 2);
        assertEquals(-1, y[0], 1e-14);
    }

    /** y' = 1 in [0, 0.5]: the state stops at the bound and f never sees a state outside it. */
    @Test
    void boundsClampStagesAndAcceptedStates() {
        DormandPrince54 ode = new DormandPrince54(IntegratorTolerances.of(1e-8, 1e-12), new double[] {0},
                new double[] {0.5});
        double[] y = {0.2};
        ode.integrate((t, s, d) -> {
            assertTrue(s[0] >= 0 && s[0] <= 0.5, "state " + s[0]);
            d[0] = 1;
        }, 0, y, 3);
        assertEquals(0.5, y[0], 0.0);
    }

    @Test
    void stepBudgetExhaustionIsReported() {
        DormandPrince54 ode = new DormandPrince54(1, new IntegratorTolerances(1e-12, 1e-14, 5));
        double[] y = {1};
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ode.integrate((t, s, d) -> d[0] = Math.cos(50 * t) * s[0], 0, y, 10));
        assertTrue(e.getMessage().contains("maxSteps=5"), e.getMessage());
    }

    @Test
    void countersAndReset() {
        DormandPrince54 ode = new DormandPrince54(1, IntegratorTolerances.of(1e-8, 1e-12));
        double[] y = {1};
        ode.integrate((t, s, d) -> d[0] = -s[0], 0, y, 1);
        assertTrue(ode.acceptedSteps() > 0);
        assertTrue(ode.evaluations() >= 6 * ode.acceptedSteps());
        ode.reset();
        assertEquals(0, ode.acceptedSteps());
        assertEquals(0, ode.evaluations());
    }

    @Test
    void rejectsBadToleranceArguments() {
        assertMessage(() -> IntegratorTolerances.of(0, 1e-9), "relative", "0.0");
        assertMessage(() -> IntegratorTolerances.of(Double.NaN, 1e-9), "relative", "NaN");
        assertMessage(() -> IntegratorTolerances.of(1, 1e-9), "relative", "1.0");
        assertMessage(() -> IntegratorTolerances.of(1e-6, -1e-9), "absolute", "-1.0E-9");
        assertMessage(() -> IntegratorTolerances.of(1e-6, Double.NaN), "absolute", "NaN");
        assertMessage(() -> new IntegratorTolerances(1e-6, 1e-9, 0), "maxSteps", "0");
    }

    @Test
    void rejectsBadIntegrationArguments() {
        IntegratorTolerances tol = IntegratorTolerances.of(1e-6, 1e-9);
        assertMessage(() -> new DormandPrince54(0, tol), "dimension", "0");
        assertMessage(() -> new DormandPrince54(tol, new double[] {1}, new double[] {1}), "lower[0]", "1.0");
        assertMessage(() -> new DormandPrince54(tol, new double[] {Double.NaN}, new double[] {1}), "lower[0]", "NaN");
        DormandPrince54 ode = new DormandPrince54(1, tol);
        OdeSystem f = (t, s, d) -> d[0] = 0;
        assertMessage(() -> ode.integrate(f, 1, new double[] {0}, 0.5), "t1", "0.5");
        assertMessage(() -> ode.integrate(f, Double.NaN, new double[] {0}, 0.5), "t0", "NaN");
        assertMessage(() -> ode.integrate(f, 0, new double[] {Double.NaN}, 1), "y[0]", "NaN");
        assertMessage(() -> ode.integrate(f, 0, new double[2], 1), "y.length", "2");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value),
                "expected " + name + " and " + value + " in: " + e.getMessage());
    }
}
