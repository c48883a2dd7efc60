package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class NeuroSimNonlinearTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);

    @Override
    protected PulsedDeviceModel noiseless() {
        return NeuroSimNonlinear.fromLabels(RANGE, 97, 100, 2.4, -4.88, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return NeuroSimNonlinear.fromLabels(RANGE, 97, 100, 2.4, -4.88,
                PulseVariability.AIHWKIT_DEFAULT.withC2cStd(0.035).withExponentDtod(0.2).withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** Conductances after each of {@code pulses} pulses of one polarity on a single noise-free device. */
    private static double[] trace(NeuroSimNonlinear m, double start, int polarity, int pulses) {
        PulsedDeviceArray a = m.create(1, rng(1));
        a.fill(start);
        double[] g = new double[pulses + 1];
        g[0] = a.conductance(0);
        for (int p = 1; p <= pulses; p++) {
            a.applyPulse(polarity, rng(2));
            g[p] = a.conductance(0);
        }
        return g;
    }

    /**
     * NeuroSim's LTP curve (formula.cpp, NonlinearWeight): G(P) = B(1 − e^(−P/A)) + gMin,
     * B = W/(1 − e^(−P_max/A)), written out here independently of the model. Inverting, stepping
     * and re-evaluating differ from the closed form only by rounding: 1e-12 relative.
     */
    @Test
    void potentiationFromGMinFollowsTheClosedFormAndReachesGMaxAtPMax() {
        for (double nl : new double[] {0.04, 1.0, 2.4, 6.76, -3.0}) {
            int pMax = 97;
            NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(RANGE, pMax, 50, nl, -1, PulseVariability.NONE);
            double bigA = m.normalizedALtp() * pMax;
            double b = RANGE.widthSiemens() / (1 - Math.exp(-pMax / bigA));
            double[] g = trace(m, RANGE.gMinSiemens(), +1, pMax + 20);
            for (int p = 0; p <= pMax; p++) {
                double expected = b * (1 - Math.exp(-p / bigA)) + RANGE.gMinSiemens();
                assertEquals(expected, g[p], 1e-12 * expected, "NL " + nl + ", pulse " + p);
                assertEquals(expected, m.ltpConductance(p), 1e-12 * expected, "ltpConductance, NL " + nl + ", pulse " + p);
            }
            assertEquals(RANGE.gMaxSiemens(), g[pMax], 0.0, "NL " + nl + ": gMax at exactly P_max pulses");
            assertTrue(g[pMax - 1] < RANGE.gMaxSiemens(), "NL " + nl + ": gMax reached early");
            assertEquals(pMax + 1, distinct(g), "NL " + nl + ": distinct levels from gMin to gMax");
        }
    }

    /**
     * Depression walks the A_LTD curve back from P_max. For A_LTD < 0 this is the mirrored form
     * G(p) = gMax − B_d(1 − e^(−p/|A_LTD|)), B_d = W/(1 − e^(−P_max/|A_LTD|)), p pulses from gMax;
     * for A_LTD > 0 it is NeuroSim's curve at P_max − p.
     */
    @Test
    void depressionFromGMaxFollowsTheClosedFormAndReachesGMinAtPMax() {
        for (double nl : new double[] {-4.88, -0.5, -0.04, 1.46, 2.4}) {
            int pMax = 64;
            NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(RANGE, 30, pMax, 1, nl, PulseVariability.NONE);
            double bigA = m.normalizedALtd() * pMax;
            double w = RANGE.widthSiemens();
            double[] g = trace(m, RANGE.gMaxSiemens(), -1, pMax + 20);
            for (int p = 0; p <= pMax; p++) {
                double expected;
                if (bigA < 0) {
                    double bd = w / (1 - Math.exp(-pMax / -bigA));
                    expected = RANGE.gMaxSiemens() - bd * (1 - Math.exp(-p / -bigA));
                } else {
                    double b = w / (1 - Math.exp(-pMax / bigA));
                    expected = b * (1 - Math.exp(-(pMax - p) / bigA)) + RANGE.gMinSiemens();
                }
                assertEquals(expected, g[p], 1e-12 * expected, "NL " + nl + ", pulse " + p);
                assertEquals(expected, m.ltdConductance(p), 1e-12 * expected, "ltdConductance, NL " + nl + ", pulse " + p);
            }
            assertEquals(RANGE.gMinSiemens(), g[pMax], 0.0, "NL " + nl + ": gMin at exactly P_max pulses");
            assertTrue(g[pMax - 1] > RANGE.gMinSiemens(), "NL " + nl + ": gMin reached early");
            assertEquals(pMax + 1, distinct(g), "NL " + nl + ": distinct levels from gMax to gMin");
        }
    }

    /** Pulses from the middle of the window: the position is recovered from G, not remembered. */
    @Test
    void pulsesFromAnArbitraryStateStepOnePulseAlongTheCurve() {
        int pMax = 50;
        NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(RANGE, pMax, pMax, 3.68, -6.76, PulseVariability.NONE);
        double start = m.ltpConductance(17.3);
        double[] up = trace(m, start, +1, 5);
        for (int k = 1; k <= 5; k++) {
            assertEquals(m.ltpConductance(17.3 + k), up[k], 1e-12 * up[k], "LTP pulse " + k);
        }
        double startDown = m.ltdConductance(20.6);
        double[] down = trace(m, startDown, -1, 5);
        for (int k = 1; k <= 5; k++) {
            assertEquals(m.ltdConductance(20.6 + k), down[k], 1e-12 * down[k], "LTD pulse " + k);
        }
    }

    /** A = ∞ is the straight line: G = gMin + W·P/P_max, and no NaN anywhere. */
    @Test
    void linearCaseIsExactlyLinear() {
        int pMax = 40;
        NeuroSimNonlinear m = NeuroSimNonlinear.linear(RANGE, pMax, PulseVariability.NONE);
        double[] up = trace(m, RANGE.gMinSiemens(), +1, pMax + 3);
        double[] down = trace(m, RANGE.gMaxSiemens(), -1, pMax + 3);
        double w = RANGE.widthSiemens();
        for (int p = 0; p <= pMax; p++) {
            double expectedUp = RANGE.gMinSiemens() + w * p / pMax;
            double expectedDown = RANGE.gMaxSiemens() - w * p / pMax;
            assertEquals(expectedUp, up[p], 1e-12 * expectedUp, "LTP pulse " + p);
            assertEquals(expectedDown, down[p], 1e-12 * expectedDown, "LTD pulse " + p);
        }
        assertEquals(pMax + 1, distinct(up));
        assertEquals(pMax + 1, distinct(down));
        // A label of exactly 0 is linear too; a vanishing one is indistinguishable from it.
        NeuroSimNonlinear zero = NeuroSimNonlinear.fromLabels(RANGE, pMax, pMax, 0, 0, PulseVariability.NONE);
        assertEquals(NeuroSimNonlinear.LINEAR, zero.normalizedALtp(), 0.0);
        assertEquals(NeuroSimNonlinear.LINEAR, zero.normalizedALtd(), 0.0);
        NeuroSimNonlinear tiny = new NeuroSimNonlinear(RANGE, pMax, pMax, 1e15, -1e15, PulseVariability.NONE);
        double[] nearlyLinear = trace(tiny, RANGE.gMinSiemens(), +1, pMax);
        for (int p = 0; p <= pMax; p++) {
            assertEquals(up[p], nearlyLinear[p], 1e-12 * up[p], "A = 1e15·P_max, pulse " + p);
        }
    }

    /**
     * Rates P_max/A beyond 709 (|a| = 5e-4, 1e-6) take the reflected branch instead of overflowing.
     * In the saturating directions (A_LTP > 0, A_LTD < 0) the walk still spans the window in P_max
     * pulses. In the opposite directions the first step away from the bound is below one ulp of G,
     * so the device stays at the bound: no NaN, no escape from the window.
     */
    @Test
    void extremeCurvaturesStayFiniteAndMonotone() {
        int pMax = 20;
        for (double a : new double[] {5e-4, 1e-6}) {
            NeuroSimNonlinear m = new NeuroSimNonlinear(RANGE, pMax, pMax, a, -a, PulseVariability.NONE);
            double[] up = trace(m, RANGE.gMinSiemens(), +1, pMax);
            double[] down = trace(m, RANGE.gMaxSiemens(), -1, pMax);
            for (int p = 1; p <= pMax; p++) {
                assertTrue(Double.isFinite(up[p]) && up[p] >= up[p - 1], "a " + a + ", LTP pulse " + p + ": " + up[p]);
                assertTrue(Double.isFinite(down[p]) && down[p] <= down[p - 1], "a " + a + ", LTD pulse " + p + ": " + down[p]);
            }
            assertTrue(up[1] > RANGE.gMinSiemens() && down[1] < RANGE.gMaxSiemens(), "a " + a + ": first pulse moves");
            assertEquals(RANGE.gMaxSiemens(), up[pMax], 0.0, "a " + a);
            assertEquals(RANGE.gMinSiemens(), down[pMax], 0.0, "a " + a);

            NeuroSimNonlinear opposite = new NeuroSimNonlinear(RANGE, pMax, pMax, -a, a, PulseVariability.NONE);
            double[] upOpp = trace(opposite, RANGE.gMinSiemens(), +1, pMax);
            double[] downOpp = trace(opposite, RANGE.gMaxSiemens(), -1, pMax);
            for (int p = 1; p <= pMax; p++) {
                assertTrue(upOpp[p] >= upOpp[p - 1] && upOpp[p] <= RANGE.gMaxSiemens(), "a " + -a + ", LTP pulse " + p);
                assertTrue(downOpp[p] <= downOpp[p - 1] && downOpp[p] >= RANGE.gMinSiemens(), "a " + a + ", LTD pulse " + p);
            }
        }
    }

    /**
     * getParamA in formula.cpp of github.com/neurosim/MLP_NeuroSim_V3.0: normalised A at labels
     * 0.01 … 9.00, printed to 6 decimals. Tolerance: half a unit in the 6th decimal.
     */
    @Test
    void labelToAMatchesNeuroSimsTable() {
        double[][] table = {
            {0.01, 126.268958}, {0.04, 31.566827}, {0.10, 12.625807}, {0.50, 2.519877}, {0.61, 2.063266},
            {0.63, 1.997332}, {1.00, 1.251653}, {1.46, 0.848677}, {1.75, 0.702081}, {1.94, 0.629249},
            {2.40, 0.499181}, {3.68, 0.300644}, {4.88, 0.200303}, {6.76, 0.100251}, {9.00, 0.022810},
        };
        for (double[] row : table) {
            assertEquals(row[1], NeuroSimNonlinear.normalizedAOnNeuroSimGrid(row[0]), 5e-7, "NL " + row[0]);
            assertEquals(-row[1], NeuroSimNonlinear.normalizedAOnNeuroSimGrid(-row[0]), 5e-7, "NL " + -row[0]);
            assertEquals(row[1], NeuroSimNonlinear.normalizedA(row[0]), 5e-7, "unquantised, NL " + row[0]);
        }
    }

    /** getParamA's index arithmetic: truncation to the 0.01 grid, clamping to [0.01, 9], sign of NL. */
    @Test
    void gridQuantisesAndClampsLikeNeuroSim() {
        assertEquals(NeuroSimNonlinear.normalizedA(0.10), NeuroSimNonlinear.normalizedAOnNeuroSimGrid(0.105), 0.0);
        // 0.29·100 = 28.999… in double, so NeuroSim reads the 0.28 entry.
        assertEquals(NeuroSimNonlinear.normalizedA(0.28), NeuroSimNonlinear.normalizedAOnNeuroSimGrid(0.29), 0.0);
        assertEquals(0.022810, NeuroSimNonlinear.normalizedAOnNeuroSimGrid(12.5), 5e-7);
        assertEquals(126.268958, NeuroSimNonlinear.normalizedAOnNeuroSimGrid(0.004), 5e-7);
        assertEquals(-126.268958, NeuroSimNonlinear.normalizedAOnNeuroSimGrid(0), 5e-7);
    }

    @Test
    void labelAndNormalisedAAreInverse() {
        for (double nl : new double[] {1e-12, 1e-4, 0.013, 0.3, 1.234, 4.0, 8.99, 10.0, -0.7, -9.5}) {
            double a = NeuroSimNonlinear.normalizedA(nl);
            assertEquals(nl, NeuroSimNonlinear.nonlinearityLabel(a), 1e-9 * Math.abs(nl), "NL " + nl);
        }
        assertEquals(0.0, NeuroSimNonlinear.nonlinearityLabel(NeuroSimNonlinear.LINEAR), 0.0);
        assertEquals(NeuroSimNonlinear.LINEAR, NeuroSimNonlinear.normalizedA(0), 0.0);
    }

    /** The small-rate series and the closed form of the largest deviation agree where they meet. */
    @Test
    void maxDeviationIsContinuousAtTheSeriesSwitch() {
        double below = NeuroSimNonlinear.maxDeviation(Math.nextDown(0.05));
        double above = NeuroSimNonlinear.maxDeviation(0.05);
        assertEquals(above, below, 1e-12 * above);
    }

    /**
     * Additive cycle-to-cycle noise: one pulse from a fixed state lands at the noise-free value
     * plus c2cStd·W·ξ. 20 seeds × 20,000 devices; the sample σ/W has relative standard error
     * 1/√(2n) = 0.5%, so a 2.5% band fails with probability ~6e-7 per seed; allow 1 failure.
     */
    @Test
    void cycleToCycleNoiseIsAdditiveWithTheConfiguredSigma() {
        double c2c = 0.03;
        int n = 20_000;
        NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(RANGE, 100, 100, 2.4, -4.88,
                PulseVariability.NONE.withC2cStd(c2c));
        double w = RANGE.widthSiemens();
        for (int polarity : new int[] {+1, -1}) {
            double start = m.ltpConductance(50);
            NeuroSimNonlinear clean = m.withVariability(PulseVariability.NONE);
            double mean = trace(clean, start, polarity, 1)[1];
            int failures = 0;
            for (long seed = 1; seed <= 20; seed++) {
                PulsedDeviceArray a = m.create(n, rng(seed));
                a.fill(start);
                a.applyPulse(polarity, rng(1000 + seed));
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    double r = (a.conductance(i) - mean) / w;
                    sum += r;
                    sumSq += r * r;
                }
                double avg = sum / n;
                double sd = Math.sqrt((sumSq - n * avg * avg) / (n - 1));
                boolean sdOk = Math.abs(sd / c2c - 1) < 0.025;
                boolean meanOk = Math.abs(avg) < 5 * c2c / Math.sqrt(n);
                if (!sdOk || !meanOk) {
                    failures++;
                }
            }
            assertTrue(failures <= 1, "polarity " + polarity + ": " + failures + " of 20 seeds off");
        }
    }

    /** upScale/downScale stretch the step along the curve; exponentDtod spreads the curvature per device. */
    @Test
    void deviceToDeviceSpreadsActOnStepAndCurvature() {
        NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(RANGE, 80, 80, 2.4, -4.88,
                PulseVariability.NONE.withUpDown(0.2).withExponentDtod(0.3));
        NeuroSimNonlinear.Array a = (NeuroSimNonlinear.Array) m.create(2000, rng(3));
        double u = 1 / m.normalizedALtp();
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < a.size(); i++) {
            double rel = a.rateLtp(i) / u - 1;
            sum += rel;
            sumSq += rel * rel;
        }
        double sd = Math.sqrt(sumSq / a.size() - Math.pow(sum / a.size(), 2));
        assertEquals(0.3, sd, 0.03, "relative spread of P_max/A");
        // up_down = 0.2: down_bias = −0.2, so a depression pulse moves 0.8 pulse along the LTD curve.
        NeuroSimNonlinear asym = NeuroSimNonlinear.fromLabels(RANGE, 80, 80, 2.4, -4.88,
                PulseVariability.NONE.withUpDown(0.2));
        double[] down = trace(asym, RANGE.gMaxSiemens(), -1, 3);
        assertEquals(asym.ltdConductance(2.4), down[3], 1e-12 * down[3]);
        double[] up = trace(asym, RANGE.gMinSiemens(), +1, 3);
        assertEquals(asym.ltpConductance(3), up[3], 1e-12 * up[3]);
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        PulseVariability v = PulseVariability.NONE;
        assertMessage("pulsesLtp", "0", () -> new NeuroSimNonlinear(RANGE, 0, 10, 1, -1, v));
        assertMessage("pulsesLtd", "-3", () -> new NeuroSimNonlinear(RANGE, 10, -3, 1, -1, v));
        assertMessage("normalizedALtp", "NaN", () -> new NeuroSimNonlinear(RANGE, 10, 10, Double.NaN, -1, v));
        assertMessage("normalizedALtd", "0.0", () -> new NeuroSimNonlinear(RANGE, 10, 10, 1, 0, v));
        assertMessage("nlLtp", "NaN", () -> NeuroSimNonlinear.fromLabels(RANGE, 10, 10, Double.NaN, -1, v));
        assertMessage("nlLtd", "Infinity", () -> NeuroSimNonlinear.fromLabels(RANGE, 10, 10, 1, Double.NEGATIVE_INFINITY, v));
        assertMessage("nl", "10.2", () -> NeuroSimNonlinear.normalizedA(10.2));
        assertMessage("nl", "NaN", () -> NeuroSimNonlinear.normalizedAOnNeuroSimGrid(Double.NaN));
        assertMessage("gMinSiemens", "2.5E-5", () -> NeuroSimNonlinear.fromLabels(
                new ConductanceRange(25e-6, 25e-6), 10, 10, 1, -1, v));
        assertMessage("gMaxSiemens", "NaN", () -> NeuroSimNonlinear.fromLabels(
                new ConductanceRange(1e-6, Double.NaN), 10, 10, 1, -1, v));
        assertMessage("p", "NaN", () -> NeuroSimNonlinear.linear(RANGE, 10, v).ltpConductance(Double.NaN));
    }

    static void assertMessage(String name, String value, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value),
                "message should name " + name + " and " + value + ": " + e.getMessage());
    }

    static int distinct(double[] g) {
        return (int) Arrays.stream(g).distinct().count();
    }
}
