package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ExpStep;
import dev.kirchhoff.device.pulsed.NeuroSimNonlinear;
import dev.kirchhoff.device.pulsed.PiecewiseStep;
import dev.kirchhoff.device.pulsed.PowStep;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.device.pulsed.SoftBounds;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Each fitted curve's noise-free trajectory, at the nominal parameters of a device model, must
 * reproduce that model's own simulation ({@link PulseResponse} without any spread or noise) read
 * for read: the fit re-implements each model's step, and this pins it to the one in device-models.
 * Tolerance 1e−12 of the window (rounding of the same arithmetic in a different order).
 */
class CurveTrajectoryTest {
    private static final ConductanceRange R = new ConductanceRange(1e-6, 25e-6);
    private static final double W = R.widthSiemens();

    private static void assertSameTrajectory(PulsedDeviceModel model, PulseCurve curve, double[] theta) {
        PulseResponse r = PulseResponse.simulate(model, 1, 3, 120, RandomSource.XO_SHI_RO_256_PP.create(1L), null);
        PulseResponseData data = PulseResponseData.of(r);
        double[] y = data.reads(0);
        curve.prepare(new PulseCurve.DeviceSeries[] {
            new PulseCurve.DeviceSeries(0, "0", y, data.polaritySequence(), R.gMinSiemens(), R.gMaxSiemens())});
        double[] m = new double[y.length];
        curve.trajectory(theta, data.polaritySequence(), m);
        for (int n = 0; n < y.length; n++) {
            assertEquals(y[n], m[n], 1e-12 * W, model.modelName() + " pulse " + n);
        }
    }

    @Test
    void softBounds() {
        assertSameTrajectory(new SoftBounds(R, W / 50, W / 40, 0, PulseVariability.NONE), new SoftBoundsCurve(),
                new double[] {1e-6, 25e-6, W / 50, W / 40});
    }

    @Test
    void powStep() {
        assertSameTrajectory(new PowStep(R, W / 40, W / 30, 2, 1.5, PulseVariability.NONE), new PowStepCurve(),
                new double[] {1e-6, 25e-6, W / 40, W / 30, 2, 1.5});
    }

    @Test
    void expStep() {
        // φ⁺ = ln A⁺ + γ⁺(a + b), φ⁻ = ln A⁻ − γ⁻(b − a); the reference is the window's centre (set by prepare).
        double a = ExpStep.AIHWKIT_A;
        double b = ExpStep.AIHWKIT_B;
        ExpStep m = new ExpStep(R, W / 70, W / 60, ExpStep.AIHWKIT_A_UP, ExpStep.AIHWKIT_A_DOWN,
                ExpStep.AIHWKIT_GAMMA_UP, ExpStep.AIHWKIT_GAMMA_DOWN, a, b, PulseVariability.NONE);
        assertSameTrajectory(m, new ExpStepCurve(), new double[] {1e-6, 25e-6, W / 70, W / 60,
            Math.log(ExpStep.AIHWKIT_A_UP) + ExpStep.AIHWKIT_GAMMA_UP * (a + b),
            Math.log(ExpStep.AIHWKIT_A_DOWN) - ExpStep.AIHWKIT_GAMMA_DOWN * (b - a),
            ExpStep.AIHWKIT_GAMMA_UP, ExpStep.AIHWKIT_GAMMA_DOWN});
    }

    @Test
    void neuroSim() {
        NeuroSimNonlinear m = NeuroSimNonlinear.fromLabels(R, 80, 90, 2.4, -4.88, PulseVariability.NONE);
        assertSameTrajectory(m, new NeuroSimCurve(), new double[] {1e-6, 25e-6, 1.0 / 80, 1.0 / 90,
            1 / m.normalizedALtp(), 1 / m.normalizedALtd()});
    }

    @Test
    void piecewiseStep() {
        double s = W / 70;
        assertSameTrajectory(PiecewiseStep.of(R, s, new double[] {1.6, 1.3, 1.0, 0.7, 0.4},
                new double[] {0.4, 0.7, 1.0, 1.3, 1.6}, PulseVariability.NONE), new PiecewiseStepCurve(),
                new double[] {1e-6, 25e-6, 1.6 * s, 1.3 * s, s, 0.7 * s, 0.4 * s, 0.4 * s, 0.7 * s, s, 1.3 * s, 1.6 * s});
    }
}
