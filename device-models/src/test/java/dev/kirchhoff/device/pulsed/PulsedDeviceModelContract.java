package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ChunkedParallel;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
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
