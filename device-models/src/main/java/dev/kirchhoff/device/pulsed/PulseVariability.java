package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;

/**
 * Asymmetry and spreads shared by every pulsed-update model, in the form of IBM aihwkit's
 * {@code PulsedDevice} (Rasch et al., "A flexible and fast PyTorch toolkit for simulating
 * training and inference on analog crossbar arrays", AICAS 2021, doi:10.1109/AICAS51828.2021.9458494).
 *
 * <p>Drawn once per device (device-to-device, ξ standard normal):
 * <pre>
 *   gMax_i = gMax·(1 + boundsDtod·ξ),  gMin_i = gMin·(1 + boundsDtod·ξ)   (gMin_i ≥ 0, gMin_i &lt; gMax_i)
 *   gain_i = 1 + stepDtod·ξ            (or exp(stepDtod·ξ) when logNormalStep)
 *   r_i    = upDownDtod·ξ
 *   upScale_i   = up_bias   + gain_i + r_i,   up_bias   = min(upDown, 0)
 *   downScale_i = down_bias + gain_i − r_i,   down_bias = −max(upDown, 0)
 * </pre>
 * Each model multiplies its nominal potentiation step by {@code upScale_i} and its
 * depression step by {@code downScale_i} (both clipped at 0). {@code exponentDtod} is the
 * relative spread of a model's shape exponent where it has one (linear, power, exponential
 * step, NeuroSim nonlinearity).
 *
 * <p>Per pulse (cycle-to-cycle): the step is multiplied by {@code (1 + c2cStd·ξ)}; the read
 * conductance is the state plus {@code writeNoiseStd·step·ξ}, redrawn whenever the device is
 * pulsed (aihwkit's {@code write_noise_std}).
 *
 * @param upDown        mean up/down asymmetry (dimensionless, aihwkit {@code up_down})
 * @param boundsDtod    relative device-to-device σ of gMin and gMax
 * @param stepDtod      relative device-to-device σ of the step size (gain)
 * @param logNormalStep draw the gain as exp(stepDtod·ξ) instead of 1 + stepDtod·ξ
 * @param upDownDtod    device-to-device σ of the asymmetry
 * @param exponentDtod  relative device-to-device σ of the model's shape exponent
 * @param c2cStd        relative cycle-to-cycle σ of each step
 * @param writeNoiseStd σ of the write noise, in units of the model's nominal step
 */
public record PulseVariability(double upDown, double boundsDtod, double stepDtod, boolean logNormalStep,
        double upDownDtod, double exponentDtod, double c2cStd, double writeNoiseStd) {

    /** No spread, no noise, no asymmetry: the deterministic mean device. */
    public static final PulseVariability NONE = new PulseVariability(0, 0, 0, false, 0, 0, 0, 0);

    /** aihwkit's defaults: dw_min_dtod 0.3, dw_min_std 0.3, up_down_dtod 0.01, w_max/w_min_dtod 0.3. */
    public static final PulseVariability AIHWKIT_DEFAULT = new PulseVariability(0, 0.3, 0.3, false, 0.01, 0, 0.3, 0);

    public PulseVariability {
        Checks.finite("upDown", upDown);
        Checks.inRange("upDown", upDown, -1, 1);
        Checks.nonNegative("boundsDtod", boundsDtod);
        Checks.nonNegative("stepDtod", stepDtod);
        Checks.nonNegative("upDownDtod", upDownDtod);
        Checks.nonNegative("exponentDtod", exponentDtod);
        Checks.nonNegative("c2cStd", c2cStd);
        Checks.nonNegative("writeNoiseStd", writeNoiseStd);
    }

    public PulseVariability withUpDown(double v) {
        return new PulseVariability(v, boundsDtod, stepDtod, logNormalStep, upDownDtod, exponentDtod, c2cStd, writeNoiseStd);
    }

    public PulseVariability withBoundsDtod(double v) {
        return new PulseVariability(upDown, v, stepDtod, logNormalStep, upDownDtod, exponentDtod, c2cStd, writeNoiseStd);
    }

    public PulseVariability withStepDtod(double v) {
        return new PulseVariability(upDown, boundsDtod, v, logNormalStep, upDownDtod, exponentDtod, c2cStd, writeNoiseStd);
    }

    public PulseVariability withLogNormalStep(boolean v) {
        return new PulseVariability(upDown, boundsDtod, stepDtod, v, upDownDtod, exponentDtod, c2cStd, writeNoiseStd);
    }

    public PulseVariability withUpDownDtod(double v) {
        return new PulseVariability(upDown, boundsDtod, stepDtod, logNormalStep, v, exponentDtod, c2cStd, writeNoiseStd);
    }

    public PulseVariability withExponentDtod(double v) {
        return new PulseVariability(upDown, boundsDtod, stepDtod, logNormalStep, upDownDtod, v, c2cStd, writeNoiseStd);
    }

    public PulseVariability withC2cStd(double v) {
        return new PulseVariability(upDown, boundsDtod, stepDtod, logNormalStep, upDownDtod, exponentDtod, v, writeNoiseStd);
    }

    public PulseVariability withWriteNoiseStd(double v) {
        return new PulseVariability(upDown, boundsDtod, stepDtod, logNormalStep, upDownDtod, exponentDtod, c2cStd, v);
    }
}
