package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PiecewiseStepTest extends PulsedDeviceModelContract {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    private static final double[] UP = {1.5, 1.0, 0.5};
    private static final double[] DOWN = {0.5, 1.0, 1.5};

    @Override
    protected PulsedDeviceModel noiseless() {
        return PiecewiseStep.of(RANGE, 0.5e-6, UP, DOWN, PulseVariability.NONE);
    }

    @Override
    protected PulsedDeviceModel noisy() {
        return PiecewiseStep.of(RANGE, 0.5e-6, UP, DOWN, PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(1));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    private static double[] trajectory(PulsedDeviceModel m, long seed) {
        UniformRandomProvider r = rng(seed);
        PulsedDeviceArray a = m.create(1000, r);
        double[] out = new double[a.size() * 3];
        double[] tmp = new double[a.size()];
        for (int p = 0; p < 60; p++) {
            a.applyPulse(+1, r);
        }
        a.read(tmp);
        System.arraycopy(tmp, 0, out, 0, tmp.length);
        for (int p = 0; p < 25; p++) {
            a.applyPulse(-1, r);
        }
        a.read(tmp);
        System.arraycopy(tmp, 0, out, tmp.length, tmp.length);
        byte[] pol = new byte[a.size()];
        for (int i = 0; i < pol.length; i++) {
            pol[i] = (byte) (i % 3 - 1);
        }
        a.applyPulses(pol, r);
        a.read(tmp);
        System.arraycopy(tmp, 0, out, 2 * tmp.length, tmp.length);
        return out;
    }

    /**
     * A table of equal unit nodes is a constant step: the multiplier v_k + t·(v_{k+1} − v_k) is
     * exactly 1, and the piecewise array draws from the random stream exactly as the constant-step
     * array does, so 1000 noisy devices (all spreads, c2c and write noise on) follow the same
     * trajectory bit for bit (tolerance 0).
     */
    @Test
    void unitNodesAreAConstantStep() {
        PulseVariability v = PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(1);
        double step = 0.3e-6;
        double[] piecewise = trajectory(PiecewiseStep.of(RANGE, step, new double[] {1, 1, 1, 1},
                new double[] {1, 1}, v), 11);
        double[] constant = trajectory(ConstantStep.of(RANGE, step, v), 11);
        assertArrayEquals(constant, piecewise, 0.0);
        double[] single = trajectory(PiecewiseStep.of(RANGE, step, new double[] {1}, new double[] {1}, v), 11);
        assertArrayEquals(constant, single, 0.0);
    }

    /**
     * Linear interpolation: nodes {2, 0.5, 4} sit at gMin, the centre and gMax. At the centre
     * (13 µS) the multiplier is the middle node 0.5; at 3/4 of the window (19 µS) it is halfway
     * between 0.5 and 4, i.e. 2.25; at 1/8 (4 µS) it is 2 + 0.25·(0.5 − 2) = 1.625. Two nodes
     * {1, 3} give 1.5 at a quarter of the window (7 µS). Tolerance 1e-14 of G: the position
     * (G − gMin)/W is exact to a few ulps.
     */
    @Test
    void stepIsInterpolatedLinearlyBetweenNodes() {
        double step = 0.4e-6;
        PulsedDeviceArray a = PiecewiseStep.of(RANGE, step, new double[] {2, 0.5, 4}, new double[] {1, 3},
                PulseVariability.NONE).create(1, rng(1));
        double[][] upCases = {{13e-6, 0.5}, {19e-6, 2.25}, {4e-6, 1.625}, {1e-6, 2}};
        for (double[] c : upCases) {
            a.fill(c[0]);
            a.applyPulse(+1, rng(2));
            assertEquals(c[0] + step * c[1], a.conductance(0), 1e-14 * c[0], "up from " + c[0]);
        }
        a.fill(7e-6);
        a.applyPulse(-1, rng(2));
        assertEquals(7e-6 - step * 1.5, a.conductance(0), 1e-14 * 7e-6);
    }

    @Test
    void nodesAreCopiedAndComparedByValue() {
        double[] up = {1, 2};
        PiecewiseStep m = PiecewiseStep.of(RANGE, 0.5e-6, up, new double[] {1}, PulseVariability.NONE);
        up[0] = 7;
        assertArrayEquals(new double[] {1, 2}, m.upNodes(), 0.0);
        m.upNodes()[1] = 9;
        assertArrayEquals(new double[] {1, 2}, m.upNodes(), 0.0);
        PiecewiseStep same = PiecewiseStep.of(RANGE, 0.5e-6, new double[] {1, 2}, new double[] {1}, PulseVariability.NONE);
        assertEquals(m, same);
        assertEquals(m.hashCode(), same.hashCode());
        assertNotEquals(m, PiecewiseStep.of(RANGE, 0.5e-6, new double[] {1, 3}, new double[] {1}, PulseVariability.NONE));
    }

    @Test
    void defaultsAreAihwkits() {
        PiecewiseStep d = PiecewiseStep.defaults(RANGE);
        assertArrayEquals(new double[] {1}, d.upNodes(), 0.0);
        assertArrayEquals(new double[] {1}, d.downNodes(), 0.0);
        assertEquals(RANGE.widthSiemens() / 1200, d.stepUpSiemens(), 1e-15 * RANGE.widthSiemens());
        assertEquals(PiecewiseStep.NAME, d.modelName());
    }

    @Test
    void rejectsImpossibleParameters() {
        PulseVariability v = PulseVariability.NONE;
        double[] ok = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, Double.NaN, ok, ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, -1e-6, ok, ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 30e-6, ok, ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 1e-6, new double[0], ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 1e-6, null, ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 1e-6, ok, new double[] {1, Double.NaN}, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 1e-6, new double[] {1, -0.5}, ok, v));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseStep.of(RANGE, 1e-6, new double[] {0, 0}, ok, v));
        assertThrows(IllegalArgumentException.class,
                () -> PiecewiseStep.of(RANGE, 1e-6, ok, new double[] {Double.POSITIVE_INFINITY}, v));
    }
}
