package dev.kirchhoff.device.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bar every {@link DriftModel} meets. One small subclass per implementation. */
public abstract class DriftModelContract {

    protected abstract DriftModel drift();

    protected abstract double gMaxSiemens();

    @Test
    void exponentsAreNonNegativeAndTheZeroDrawIsTheMean() {
        DriftModel d = drift();
        for (int k = 0; k <= 100; k++) {
            double g = gMaxSiemens() * k / 100;
            assertTrue(d.sigmaNu(g) >= 0);
            assertEquals(Math.abs(d.meanNu(g)), d.drawNu(g, 0), 0);
            for (double xi : new double[] {-8, -1, 1, 8}) {
                assertTrue(d.drawNu(g, xi) >= 0);
            }
        }
    }

    /** G(0) = G_prog and, for ν ≥ 0, G never rises with time. */
    @Test
    void conductanceStartsAtTheProgrammedValueAndDoesNotRise() {
        DriftModel d = drift();
        double g = 0.7 * gMaxSiemens();
        double nu = d.drawNu(g, 0.5);
        assertEquals(g, d.conductanceAt(g, nu, 0), 0);
        double prev = g;
        for (double t : new double[] {1e-3, 1, 20, 3600, 86400, 3.15e7}) {
            double now = d.conductanceAt(g, nu, t);
            assertTrue(now <= prev && now > 0, "at " + t + ": " + now);
            prev = now;
        }
    }
}
