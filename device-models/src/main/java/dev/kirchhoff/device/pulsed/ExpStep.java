package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Exponential-step device: the step is a nominal step times a factor that falls off
 * exponentially towards one end of the window (aihwkit {@code ExpStepDevice}, Rasch et al., AICAS
 * 2021, doi:10.1109/AICAS51828.2021.9458494; the equation and constants were read from aihwkit's
 * {@code rpu_expstep_device.cpp/.h}).
 *
 * <p>aihwkit's form. With the weight w (b_min ≤ 0 ≤ b_max, the device's own bounds),
 * {@code z = 2a·w/(b_max − b_min) + b}; an up pulse adds {@code max(1 − A_up·e^(γ_up·z), 0)·Δw⁺(1 + σξ)},
 * a down pulse subtracts {@code max(1 − A_down·e^(−γ_down·z), 0)·Δw⁻(1 + σξ)}. Note that w is the
 * weight itself, measured from w = 0, not from b_min or the window centre, while the divisor is the
 * device's own width.
 *
 * <p>Conductance domain. With the nominal centre G_c = (gMin + gMax)/2 playing the role of w = 0
 * (so {@code w = G − G_c}, exact for aihwkit's symmetric {@code w_max = −w_min = W/2}), per pulse
 * <pre>
 *   z    = 2a·(G − G_c)/(gMax_i − gMin_i) + b
 *   up:   G ← G + Δg⁺·upScale_i  ·max(1 − A_up  ·e^( γ⁺_i·z), 0)·(1 + c2c·ξ)
 *   down: G ← G − Δg⁻·downScale_i·max(1 − A_down·e^(−γ⁻_i·z), 0)·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. G_c is the same for every device (as aihwkit's w = 0 is);
 * the width is the device's own (as aihwkit's b_max − b_min is). A fit made with the reference at
 * the bottom of the window (w_min = 0, e.g. aihwkit's {@code PCMPresetDevice}) carries over with
 * b replaced by b − a (exact for devices of nominal width).
 *
 * <p>aihwkit draws no device-to-device spread of these shape parameters; here {@code exponentDtod}
 * spreads the exponents, {@code γ^±_i = γ^±·|1 + exponentDtod·ξ|} (up and down independently), so
 * {@code exponentDtod = 0} is aihwkit's model.
 *
 * @param range           nominal window
 * @param stepUpSiemens   Δg⁺, the nominal potentiation step (S), 0 &lt; Δg⁺ ≤ W
 * @param stepDownSiemens Δg⁻, the nominal depression step (S), 0 &lt; Δg⁻ ≤ W
 * @param amplitudeUp     A_up (aihwkit {@code es_A_up}), finite
 * @param amplitudeDown   A_down (aihwkit {@code es_A_down}), finite
 * @param gammaUp         γ_up (aihwkit {@code es_gamma_up}), finite
 * @param gammaDown       γ_down (aihwkit {@code es_gamma_down}), finite
 * @param zSlope          a (aihwkit {@code es_a}), finite
 * @param zOffset         b (aihwkit {@code es_b}), finite
 * @param variability     asymmetry and spreads; {@code exponentDtod} spreads γ_up and γ_down
 */
public record ExpStep(ConductanceRange range, double stepUpSiemens, double stepDownSiemens, double amplitudeUp,
        double amplitudeDown, double gammaUp, double gammaDown, double zSlope, double zOffset,
        PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "exp-step";

    /** aihwkit's default A_up. */
    public static final double AIHWKIT_A_UP = 0.00081;
    /** aihwkit's default A_down. */
    public static final double AIHWKIT_A_DOWN = 0.36833;
    /** aihwkit's default γ_up. */
    public static final double AIHWKIT_GAMMA_UP = 12.44625;
    /** aihwkit's default γ_down. */
    public static final double AIHWKIT_GAMMA_DOWN = 12.78785;
    /** aihwkit's default a. */
    public static final double AIHWKIT_A = 0.244;
    /** aihwkit's default b. */
    public static final double AIHWKIT_B = 0.2425;

    public ExpStep {
        PulsedParameters.requireStepsWithinWindow(range, stepUpSiemens, stepDownSiemens);
        Checks.finite("amplitudeUp", amplitudeUp);
        Checks.finite("amplitudeDown", amplitudeDown);
        Checks.finite("gammaUp", gammaUp);
        Checks.finite("gammaDown", gammaDown);
        Checks.finite("zSlope", zSlope);
        Checks.finite("zOffset", zOffset);
    }

    /**
     * aihwkit's {@code ExpStepDevice} defaults (A_up 0.00081, A_down 0.36833, γ_up 12.44625,
     * γ_down 12.78785, a 0.244, b 0.2425) with one nominal step in both directions and
     * {@link PulseVariability#AIHWKIT_DEFAULT}.
     *
     * @param stepSiemens Δg, the nominal step (S)
     */
    public static ExpStep defaults(ConductanceRange range, double stepSiemens) {
        return new ExpStep(range, stepSiemens, stepSiemens, AIHWKIT_A_UP, AIHWKIT_A_DOWN, AIHWKIT_GAMMA_UP,
                AIHWKIT_GAMMA_DOWN, AIHWKIT_A, AIHWKIT_B, PulseVariability.AIHWKIT_DEFAULT);
    }

    /** {@link #defaults(ConductanceRange, double)} with aihwkit's granularity, Δg = W/1200. */
    public static ExpStep defaults(ConductanceRange range) {
        return defaults(range, ConstantStep.AIHWKIT_RELATIVE_STEP * range.widthSiemens());
    }

    @Override
    public ExpStep withVariability(PulseVariability v) {
        return new ExpStep(range, stepUpSiemens, stepDownSiemens, amplitudeUp, amplitudeDown, gammaUp, gammaDown,
                zSlope, zOffset, v);
    }

    @Override
    public double nominalStepSiemens() {
        return Math.max(stepUpSiemens(), stepDownSiemens());
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng) {
        return new Array(this, deviceCount, rng);
    }

    /**
     * Exponential-step devices: 40 bytes per device, plus 16 for γ⁺_i and γ⁻_i when
     * {@code exponentDtod > 0} (otherwise one shared pair, and no draws).
     */
    static final class Array extends PulsedDeviceArray {
        private final double stepUp;
        private final double stepDown;
        private final double amplitudeUp;
        private final double amplitudeDown;
        private final double gammaUp;
        private final double gammaDown;
        /** γ⁺_i per device, or null when every device has {@link #gammaUp}. */
        private final double[] gammaUpPerDevice;
        /** γ⁻_i per device, or null when every device has {@link #gammaDown}. */
        private final double[] gammaDownPerDevice;
        private final double twoA;
        private final double b;
        private final double centre;
        private final double c2c;

        Array(ExpStep m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepUp = m.stepUpSiemens();
            stepDown = m.stepDownSiemens();
            amplitudeUp = m.amplitudeUp();
            amplitudeDown = m.amplitudeDown();
            gammaUp = m.gammaUp();
            gammaDown = m.gammaDown();
            twoA = 2 * m.zSlope();
            b = m.zOffset();
            centre = 0.5 * (m.range().gMinSiemens() + m.range().gMaxSiemens());
            c2c = m.variability().c2cStd();
            double[][] perDevice = PulsedParameters.drawExponents(n, gammaUp, gammaDown, m.variability().exponentDtod(),
                    false, rng);
            gammaUpPerDevice = perDevice == null ? null : perDevice[0];
            gammaDownPerDevice = perDevice == null ? null : perDevice[1];
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double z = twoA * (g - centre) / (gMaxSiemens[i] - gMinSiemens[i]) + b;
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                double gu = gammaUpPerDevice == null ? gammaUp : gammaUpPerDevice[i];
                double y = Math.max(1 - amplitudeUp * Math.exp(gu * z), 0);
                return g + stepUp * upScale[i] * y * noise;
            }
            double gd = gammaDownPerDevice == null ? gammaDown : gammaDownPerDevice[i];
            double y = Math.max(1 - amplitudeDown * Math.exp(-gd * z), 0);
            return g - stepDown * downScale[i] * y * noise;
        }
    }
}
