package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Linear-step device: the step shrinks linearly with the conductance in the direction it moves
 * (aihwkit {@code LinearStepDevice}, Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494;
 * the linear-response device of Gokmen &amp; Vlasov 2016, doi:10.3389/fnins.2016.00333).
 *
 * <p>Conductance domain. With the nominal centre G_c = (gMin + gMax)/2 and nominal width
 * W = gMax − gMin, per pulse
 * <pre>
 *   up:   G ← G + Δg⁺·upScale_i  ·max(1 − γ⁺_i·(G − G_c)/(W/2), 0)·(1 + c2c·ξ)
 *   down: G ← G − Δg⁻·downScale_i·max(1 + γ⁻_i·(G − G_c)/(W/2), 0)·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. So the step is Δg at the centre, Δg(1 − γ⁺) at gMax going up
 * and Δg(1 − γ⁻) at gMin going down; γ = 1 is soft bounds about the nominal window. Each device
 * draws its own slopes once, {@code γ^±_i = |γ^±·(1 + exponentDtod·ξ)|}, up and down independently.
 *
 * <p>Mapping to aihwkit's weight-domain form (centred): {@code w = G − G_c}, {@code w_max = −w_min = W/2},
 * {@code dw_min = Δg}, {@code ls_decrease_up/down = γ⁺/γ⁻}, {@code ls_mean_bound_reference = true}
 * (aihwkit's default: the slope refers to the nominal bound, not the device's own),
 * {@code ls_mult_noise = true}, and {@code ls_decrease_*_dtod = γ·exponentDtod} (aihwkit's spread
 * is absolute, this one relative). aihwkit's update {@code w += (slope_up·w + Δw⁺)(1 + σξ)} with
 * {@code slope_up = −γ⁺Δw⁺/b_max} is the first line above. One difference: the factor is clipped
 * at 0, so a pulse never moves G against its polarity; aihwkit lets it go negative, which only
 * matters above the fixed point G_c + W/(2γ⁺) (reachable when γ⁺ &gt; 1 or a device's window is
 * wider than the nominal one) and mirrored below G_c − W/(2γ⁻).
 *
 * <p>Without noise, up pulses follow the affine recursion {@code u ← u(1 − 2γ⁺Δg⁺/W) + Δg⁺} for
 * {@code u = G − G_c}, so {@code G_n = G* − (G* − G₀)(1 − 2γ⁺Δg⁺/W)^n} with {@code G* = G_c + W/(2γ⁺)},
 * until the bound.
 *
 * @param range           nominal window
 * @param stepUpSiemens   Δg⁺, the potentiation step at G_c (S), 0 &lt; Δg⁺ ≤ W
 * @param stepDownSiemens Δg⁻, the depression step at G_c (S), 0 &lt; Δg⁻ ≤ W
 * @param gammaUp         γ⁺ ≥ 0, the relative decrease of the up step at gMax
 * @param gammaDown       γ⁻ ≥ 0, the relative decrease of the down step at gMin
 * @param variability     asymmetry and spreads; {@code exponentDtod} spreads γ⁺ and γ⁻
 */
public record LinearStep(ConductanceRange range, double stepUpSiemens, double stepDownSiemens, double gammaUp,
        double gammaDown, PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "linear-step";

    public LinearStep {
        PulsedParameters.requireStepsWithinWindow(range, stepUpSiemens, stepDownSiemens);
        Checks.nonNegative("gammaUp", gammaUp);
        Checks.nonNegative("gammaDown", gammaDown);
    }

    /** One step size and one slope for both directions. */
    public static LinearStep of(ConductanceRange range, double stepSiemens, double gamma, PulseVariability variability) {
        return new LinearStep(range, stepSiemens, stepSiemens, gamma, gamma, variability);
    }

    /**
     * Slopes of aihwkit's {@code EcRamPresetDevice} (Li-ECRAM, Tang et al., IEDM 2018,
     * doi:10.1109/IEDM.2018.8614551): γ⁺ = 0.1153, γ⁻ = 0.5085; step Δg = W/1200 (aihwkit's default
     * granularity, {@link ConstantStep#AIHWKIT_RELATIVE_STEP}); {@link PulseVariability#AIHWKIT_DEFAULT}
     * with exponentDtod 0.1 (the preset's absolute slope spread 0.05 is 0.10 of γ⁻; of γ⁺ it would be 0.43).
     * The preset's window is not centred on its symmetry point; here the reference is the window centre.
     */
    public static LinearStep defaults(ConductanceRange range) {
        double step = ConstantStep.AIHWKIT_RELATIVE_STEP * range.widthSiemens();
        return new LinearStep(range, step, step, 0.1153, 0.5085, PulseVariability.AIHWKIT_DEFAULT.withExponentDtod(0.1));
    }

    /** A copy with one nominal step size Δg in both directions (S). */
    public LinearStep withStep(double stepSiemens) {
        return new LinearStep(range, stepSiemens, stepSiemens, gammaUp, gammaDown, variability);
    }

    @Override
    public LinearStep withVariability(PulseVariability v) {
        return new LinearStep(range, stepUpSiemens, stepDownSiemens, gammaUp, gammaDown, v);
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
     * Linear-step devices: 40 bytes per device, plus 16 for the per-device slopes γ⁺_i/(W/2) and
     * γ⁻_i/(W/2) when {@code exponentDtod > 0} (otherwise one shared pair, and no draws).
     */
    static final class Array extends PulsedDeviceArray {
        private final double stepUp;
        private final double stepDown;
        private final double centre;
        private final double slopeUp;
        private final double slopeDown;
        /** γ⁺_i/(W/2) per device (1/S), or null when every device has {@link #slopeUp}. */
        private final double[] slopeUpPerDevice;
        /** γ⁻_i/(W/2) per device (1/S), or null when every device has {@link #slopeDown}. */
        private final double[] slopeDownPerDevice;
        private final double c2c;

        Array(LinearStep m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepUp = m.stepUpSiemens();
            stepDown = m.stepDownSiemens();
            centre = 0.5 * (m.range().gMinSiemens() + m.range().gMaxSiemens());
            double halfWidth = 0.5 * m.range().widthSiemens();
            slopeUp = m.gammaUp() / halfWidth;
            slopeDown = m.gammaDown() / halfWidth;
            c2c = m.variability().c2cStd();
            double[][] perDevice = PulsedParameters.drawExponents(n, slopeUp, slopeDown, m.variability().exponentDtod(),
                    false, rng);
            slopeUpPerDevice = perDevice == null ? null : perDevice[0];
            slopeDownPerDevice = perDevice == null ? null : perDevice[1];
        }

        /** Device {@code i}'s γ⁺_i. */
        double gammaUp(int i) {
            return (slopeUpPerDevice == null ? slopeUp : slopeUpPerDevice[i]) * 0.5 * nominalRange().widthSiemens();
        }

        /** Device {@code i}'s γ⁻_i. */
        double gammaDown(int i) {
            return (slopeDownPerDevice == null ? slopeDown : slopeDownPerDevice[i]) * 0.5 * nominalRange().widthSiemens();
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double u = g - centre;
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                double s = slopeUpPerDevice == null ? slopeUp : slopeUpPerDevice[i];
                return g + stepUp * upScale[i] * Math.max(1 - s * u, 0) * noise;
            }
            double s = slopeDownPerDevice == null ? slopeDown : slopeDownPerDevice[i];
            return g - stepDown * downScale[i] * Math.max(1 + s * u, 0) * noise;
        }
    }
}
