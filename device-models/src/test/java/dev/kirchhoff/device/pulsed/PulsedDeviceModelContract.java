package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ChunkedParallel;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The bar every pulsed-update model meets. One small subclass per model supplies a noiseless
 * and a noisy instance.
 */
public abstract class PulsedDeviceModelContract {

    /** The model with all spreads and noise at zero. */
    protected abstract PulsedDeviceModel noiseless();

    /** The model with device-to-device spreads, cycle-to-cycle noise and write noise on. */
    protected abstract PulsedDeviceModel noisy();

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    @Test
    void startsAtEachDevicesLowerBound() {
        PulsedDeviceArray a = noisy().create(500, rng(1));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.gMin(i), a.conductance(i), 0.0);
            assertTrue(a.gMin(i) >= 0 && a.gMin(i) < a.gMax(i), "bounds of device " + i);
        }
    }

    @Test
    void noiselessPotentiationRisesAndDepressionFallsMonotonically() {
        PulsedDeviceArray a = noiseless().create(1, rng(2));
        double prev = a.conductance(0);
        boolean moved = false;
        for (int p = 0; p < 400; p++) {
            a.applyPulse(+1, rng(3));
            double g = a.conductance(0);
            assertTrue(g >= prev, "potentiation pulse " + p + " lowered G from " + prev + " to " + g);
            moved |= g > prev;
            prev = g;
        }
        assertTrue(moved, "potentiation never moved the conductance");
        moved = false;
        for (int p = 0; p < 400; p++) {
            a.applyPulse(-1, rng(3));
            double g = a.conductance(0);
            assertTrue(g <= prev, "depression pulse " + p + " raised G from " + prev + " to " + g);
            moved |= g < prev;
            prev = g;
        }
        assertTrue(moved, "depression never moved the conductance");
    }

    @Test
    void noisyPulsesStayWithinEachDevicesBounds() {
        PulsedDeviceArray a = noisy().create(2000, rng(4));
        UniformRandomProvider r = rng(5);
        byte[] pol = new byte[a.size()];
        for (int step = 0; step < 300; step++) {
            for (int i = 0; i < pol.length; i++) {
                pol[i] = (byte) (r.nextInt(3) - 1);
            }
            a.applyPulses(pol, r);
        }
        for (int i = 0; i < a.size(); i++) {
            double g = a.conductance(i);
            assertTrue(g >= a.gMin(i) && g <= a.gMax(i), "device " + i + " left its bounds: " + g);
        }
    }

    @Test
    void zeroPolarityLeavesDevicesUntouched() {
        PulsedDeviceArray a = noisy().create(100, rng(6));
        a.fill(0.5 * (noisy().range().gMinSiemens() + noisy().range().gMaxSiemens()));
        double[] before = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            before[i] = a.conductance(i);
        }
        a.applyPulses(new byte[a.size()], rng(7));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(before[i], a.conductance(i), 0.0);
        }
    }

    @Test
    void sameSeedGivesSameBitsOnOneThreadOrTwo() throws Exception {
        int n = 2 * ChunkedParallel.CHUNK + 123; // three chunks
        double[] one = new ForkJoinPool(1).submit(() -> trajectory(n)).get();
        double[] two = new ForkJoinPool(2).submit(() -> trajectory(n)).get();
        assertArrayEquals(one, two, 0.0);
        assertArrayEquals(one, trajectory(n), 0.0);
    }

    private double[] trajectory(int n) {
        UniformRandomProvider r = rng(8);
        PulsedDeviceArray a = noisy().create(n, r);
        for (int p = 0; p < 5; p++) {
            a.applyPulse(+1, r);
        }
        a.applyPulse(-1, r);
        double[] out = new double[n];
        a.read(out);
        return out;
    }

    /** Starts every device of {@code a} at the middle of the nominal window. */
    private void fillMid(PulsedDeviceArray a, PulsedDeviceModel model) {
        a.fill(0.5 * (model.range().gMinSiemens() + model.range().gMaxSiemens()));
    }

    private static double[] state(PulsedDeviceArray a) {
        double[] g = new double[a.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = a.conductance(i);
        }
        return g;
    }

    private static double[] read(PulsedDeviceArray a) {
        double[] g = new double[a.size()];
        a.read(g);
        return g;
    }

    /**
     * With the randomness arranged to match, the sparse path is the dense path bit for bit: on an
     * array of one chunk, the dense path draws from one stream seeded by four longs of the
     * caller's provider, visiting the pulsed devices in increasing index; the sparse path, given
     * that very stream and the pulsed devices sorted by index (with some polarity-0 entries
     * mixed in, which must draw nothing), draws the same normals for the same devices. Noisy
     * model: cycle-to-cycle noise, write noise and device-to-device spreads all on; five rounds
     * of random masks, state and read compared bit for bit.
     */
    @Test
    void sortedSparseListGivenTheChunkStreamReproducesTheDenseMaskBitForBit() {
        PulsedDeviceModel model = noisy();
        int n = 3000;
        PulsedDeviceArray dense = model.create(n, rng(20));
        PulsedDeviceArray sparse = model.create(n, rng(20));
        fillMid(dense, model);
        fillMid(sparse, model);
        UniformRandomProvider masks = rng(21);
        UniformRandomProvider denseRng = rng(22);
        UniformRandomProvider seeds = rng(22);
        byte[] mask = new byte[n];
        int[] list = new int[n];
        byte[] pol = new byte[n];
        for (int round = 0; round < 5; round++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                int draw = masks.nextInt(10);
                mask[i] = (byte) (draw == 0 ? 1 : draw == 1 ? -1 : 0);
                if (mask[i] != 0 || draw == 2) {
                    list[count] = i;
                    pol[count++] = mask[i];
                }
            }
            dense.applyPulses(mask, denseRng);
            UniformRandomProvider chunkStream = new XoShiRo256PlusPlus(new long[] {seeds.nextLong(), seeds.nextLong(),
                    seeds.nextLong(), seeds.nextLong()});
            sparse.applyPulses(list, pol, count, chunkStream);
            assertArrayEquals(state(dense), state(sparse), 0.0, "state after round " + round);
            assertArrayEquals(read(dense), read(sparse), 0.0, "read after round " + round);
        }
    }

    /**
     * Without cycle-to-cycle and write noise no draw is made, so a pulse list that holds the
     * polarity mask's devices, in any order, gives the same bits as the mask, even across
     * chunks (three here) and with both polarities.
     */
    @Test
    void noiseFreeSparseListInAnyOrderEqualsTheDenseMask() {
        PulsedDeviceModel model = noiseless();
        int n = 2 * ChunkedParallel.CHUNK + 123;
        PulsedDeviceArray dense = model.create(n, rng(23));
        PulsedDeviceArray sparse = model.create(n, rng(23));
        fillMid(dense, model);
        fillMid(sparse, model);
        UniformRandomProvider r = rng(24);
        byte[] mask = new byte[n];
        int[] list = new int[n];
        byte[] pol = new byte[n];
        for (int round = 0; round < 3; round++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                mask[i] = (byte) (r.nextInt(3) - 1);
                if (mask[i] != 0) {
                    list[count++] = i;
                }
            }
            for (int k = count - 1; k > 0; k--) { // Fisher–Yates: the order must not matter
                int j = r.nextInt(k + 1);
                int t = list[k];
                list[k] = list[j];
                list[j] = t;
            }
            for (int k = 0; k < count; k++) {
                pol[k] = mask[list[k]];
            }
            dense.applyPulses(mask, rng(25));
            sparse.applyPulses(list, pol, count, rng(26));
            assertArrayEquals(state(dense), state(sparse), 0.0, "round " + round);
        }
    }

    /**
     * In distribution: the same devices (same device-to-device draws) pulsed once each, up then
     * down, by the dense path over three chunks and by a shuffled sparse list, with independent
     * noise. The per-device changes ΔG of the two paths then have equal laws; their means agree
     * within 5 standard errors of the difference, √((s²_d + s²_s)/n), and their variances
     * within 5 standard errors of a sample variance, √((m₄ − s⁴)/n) each (m₄ the fourth central
     * moment, no normality assumed). A false alarm at 5σ has a chance below 1e−6 per check.
     */
    @Test
    void sparseAndDenseAgreeInDistribution() {
        PulsedDeviceModel model = noisy();
        int n = 2 * ChunkedParallel.CHUNK + 123;
        PulsedDeviceArray dense = model.create(n, rng(27));
        PulsedDeviceArray sparse = model.create(n, rng(27));
        int[] list = new int[n];
        for (int i = 0; i < n; i++) {
            list[i] = i;
        }
        UniformRandomProvider shuffle = rng(28);
        for (int k = n - 1; k > 0; k--) {
            int j = shuffle.nextInt(k + 1);
            int t = list[k];
            list[k] = list[j];
            list[j] = t;
        }
        byte[] pol = new byte[n];
        for (int polarity : new int[] {+1, -1}) {
            fillMid(dense, model);
            fillMid(sparse, model);
            double[] before = state(dense);
            java.util.Arrays.fill(pol, (byte) polarity);
            dense.applyPulse(polarity, rng(29));
            sparse.applyPulses(list, pol, n, rng(30));
            double[] a = state(dense);
            double[] b = state(sparse);
            double[] ra = read(dense);
            double[] rb = read(sparse);
            for (int i = 0; i < n; i++) {
                a[i] -= before[i];
                b[i] -= before[i];
                ra[i] -= before[i];
                rb[i] -= before[i];
            }
            assertSameLaw(a, b, "ΔG, polarity " + polarity);
            assertSameLaw(ra, rb, "Δread, polarity " + polarity);
        }
    }

    private static void assertSameLaw(double[] a, double[] b, String what) {
        double[] ma = moments(a);
        double[] mb = moments(b);
        int n = a.length;
        assertEquals(ma[0], mb[0], 5 * Math.sqrt((ma[1] + mb[1]) / n) + 1e-300, what + ": means");
        double seA = Math.sqrt(Math.max(ma[2] - ma[1] * ma[1], 0) / n);
        double seB = Math.sqrt(Math.max(mb[2] - mb[1] * mb[1], 0) / n);
        assertEquals(ma[1], mb[1], 5 * Math.hypot(seA, seB) + 1e-300, what + ": variances");
    }

    /** Mean, variance and fourth central moment. */
    private static double[] moments(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d / x.length;
            m4 += d * d / x.length;
        }
        return new double[] {mean, m2, m4};
    }

    @Test
    void sparsePathRejectsBadEntriesBeforeTouchingAnyDevice() {
        PulsedDeviceArray a = noisy().create(4, rng(31));
        fillMid(a, noisy());
        double[] before = state(a);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> a.applyPulses(new int[] {0, 4}, new byte[] {1, 1}, 2, rng(32))).getMessage();
        assertTrue(msg.contains("devices[1]") && msg.contains("got 4"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> a.applyPulses(new int[] {1, 2}, new byte[] {-1, 2}, 2, rng(32))).getMessage();
        assertTrue(msg.contains("polarities[1]") && msg.contains("got 2"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> a.applyPulses(new int[] {1, 2}, new byte[] {1}, 2, rng(32))).getMessage();
        assertTrue(msg.contains("count") && msg.contains("got 2"), msg);
        assertThrows(IllegalArgumentException.class, () -> a.applyPulses(new int[] {1}, new byte[] {1}, -1, rng(32)));
        assertArrayEquals(before, state(a), 0.0);
    }

    /** f(G) = ΔG⁺ + ΔG⁻ of the nominal device (spreads and noise off, mean asymmetry kept) at G. */
    private double upPlusDown(PulsedDeviceModel model, double g) {
        PulsedDeviceModel nominal = model.withVariability(PulseVariability.NONE.withUpDown(model.variability().upDown()));
        PulsedDeviceArray a = nominal.create(1, rng(33));
        a.fill(g);
        a.applyPulse(+1, rng(34));
        double up = a.conductance(0) - g;
        a.fill(g);
        a.applyPulse(-1, rng(34));
        return up + a.conductance(0) - g;
    }

    /**
     * The symmetry point lies in the window, and there up and down steps balance: |ΔG⁺ + ΔG⁻|
     * at G* is below 1e−9 of the step size there (bisection to 2⁻⁶⁰ of the window, so only the
     * slope of f times 2⁻⁶⁰·W and rounding remain), while f ≥ 0 just below the bracket and ≤ 0
     * just above it.
     */
    @Test
    void symmetryPointBalancesUpAndDownSteps() {
        PulsedDeviceModel model = noisy();
        double gStar = model.symmetryPointSiemens();
        double lo = model.range().gMinSiemens();
        double hi = model.range().gMaxSiemens();
        assertTrue(gStar >= lo && gStar <= hi, "G* = " + gStar + " outside [" + lo + ", " + hi + "]");
        PulsedDeviceArray a = model.withVariability(PulseVariability.NONE).create(1, rng(35));
        a.fill(gStar);
        a.applyPulse(+1, rng(36));
        double step = a.conductance(0) - gStar;
        assertTrue(Math.abs(upPlusDown(model, gStar)) <= 1e-9 * Math.abs(step) + 1e-12 * (hi - lo),
                "f(G*) = " + upPlusDown(model, gStar) + ", step " + step);
    }

    /**
     * Write noise sits on the read, not the state, and a read is never negative: devices held
     * at their lower bound by depression pulses read max(gMin_i + n_i, 0), scattered about
     * gMin_i (the noise is drawn afresh by every pulse) but never below 0.
     */
    @Test
    void writeNoiseMovesTheReadButNeverBelowZero() {
        PulsedDeviceArray a = noisy().create(2000, rng(37));
        UniformRandomProvider r = rng(38);
        double[] g = new double[a.size()];
        int moved = 0;
        for (int p = 0; p < 5; p++) {
            a.applyPulse(-1, r);
            a.read(g);
            for (int i = 0; i < g.length; i++) {
                assertTrue(g[i] >= 0, "device " + i + " reads " + g[i]);
                moved += g[i] != a.conductance(i) ? 1 : 0;
            }
        }
        assertTrue(moved > g.length, "write noise moved " + moved + " reads of " + 5 * g.length);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> noisy().create(0, rng(9)));
        PulsedDeviceArray a = noisy().create(3, rng(9));
        assertThrows(IllegalArgumentException.class, () -> a.applyPulse(2, rng(9)));
        assertThrows(IllegalArgumentException.class, () -> a.applyPulses(new byte[2], rng(9)));
        assertThrows(IllegalArgumentException.class, () -> a.setConductances(new double[] {1e-6, Double.NaN, 1e-6}));
        assertThrows(IllegalArgumentException.class, () -> a.setConductances(new double[] {1e-6, -1e-6, 1e-6}));
    }
}
