package dev.kirchhoff.device.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bar every {@link ReadNoise} meets. One small subclass per implementation. */
public abstract class ReadNoiseContract {

    protected abstract ReadNoise noise();

    protected abstract double gMaxSiemens();

    private static final double[] TIMES = {0, 1e-3, 1, 20, 3600, 86400, 3.15e7};

    @Test
    void factorsAreFiniteAndNonNegative() {
        ReadNoise r = noise();
        for (int k = 0; k <= 100; k++) {
            double c = r.deviceCoefficient(gMaxSiemens() * k / 100);
            assertTrue(c >= 0 && Double.isFinite(c), "coefficient " + c);
        }
        for (double t : TIMES) {
            double f = r.timeFactor(t);
            assertTrue(f >= 0 && Double.isFinite(f), "time factor at " + t + ": " + f);
        }
    }

    /** Noise accumulates: the time factor never falls as t grows. */
    @Test
    void timeFactorDoesNotFall() {
        ReadNoise r = noise();
        for (int k = 1; k < TIMES.length; k++) {
            assertTrue(r.timeFactor(TIMES[k]) >= r.timeFactor(TIMES[k - 1]), "at " + TIMES[k]);
        }
    }

    @Test
    void sigmaIsTheSeparableProduct() {
        ReadNoise r = noise();
        double gProg = 0.4 * gMaxSiemens();
        double gNow = 0.3 * gMaxSiemens();
        double s = r.deviceCoefficient(gProg) * r.timeFactor(3600);
        assertEquals(r.relative() ? s * gNow : s, r.sigmaSiemens(gNow, gProg, 3600), 0);
        assertEquals(gNow, r.read(gNow, gProg, 3600, 0), 0);
        assertTrue(r.read(gNow, gProg, 3600, -1e9) >= 0);
    }
}
