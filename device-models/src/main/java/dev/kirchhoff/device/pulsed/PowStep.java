package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Power-step device: the step falls off as a power of the distance to the bound it moves towards
 * (aihwkit {@code PowStepDevice}, Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494; a
 * shifted form of the synapse of Fusi &amp; Abbott, Nat. Neurosci. 2007, doi:10.1038/nn1859; see also
 * Frascaroli et al., Sci. Rep. 2018, doi:10.1038/s41598-018-25376-x). With each device's own width
 * W_i = gMax_i − gMin_i, per pulse
 * <pre>
 *   up:   G ← G + Δg⁺·upScale_i  ·((gMax_i − G)/W_i)^γ⁺_i·(1 + c2c·ξ)
 *   down: G ← G − Δg⁻·downScale_i·((G − gMin_i)/W_i)^γ⁻_i·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. This is aihwkit's form with {@code w = G − gMin}
 * ({@code b_min = 0}, {@code b_max = W}; the model only sees distances to the bounds, so any offset
 * gives the same form) and {@code dw_min = Δg}. Δg is the step at the far bound, not at the centre.
 * The exponents are drawn once per device with one shared draw, as aihwkit's
 * {@code pow_gamma_dtod}: {@code γ^±_i = γ^±·|1 + exponentDtod·ξ|}; aihwkit's {@code pow_up_down}
 * corresponds to choosing γ⁺ ≠ γ⁻ (its {@code pow_up_down_dtod} has no counterpart here).
 *
 * <p>With γ = 1 this is soft bounds: n noise-free up pulses from G₀ give
 * {@code G_n = gMax − (gMax − G₀)(1 − Δg⁺/W)^n}.
 *
 * @param range           nominal window
 * @param stepUpSiemens   Δg⁺, the potentiation step at gMin (S), 0 &lt; Δg⁺ ≤ W
 * @param stepDownSiemens Δg⁻, the depression step at gMax (S), 0 &lt; Δg⁻ ≤ W
 * @param gammaUp         γ⁺ &gt; 0
 * @param gammaDown       γ⁻ &gt; 0
 * @param variability     asymmetry and spreads; {@code exponentDtod} spreads γ⁺ and γ⁻
 */
public record PowStep(ConductanceRange range, double stepUpSiemens, double stepDownSiemens, double gammaUp,
        double gammaDown, PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "pow-step";

    public PowStep {
        PulsedParameters.requireStepsWithinWindow(range, stepUpSiemens, stepDownSiemens);
        Checks.positive("gammaUp", gammaUp);
        Checks.positive("gammaDown", gammaDown);
    }

    /** One step size and one exponent for both directions. */
    public static PowStep of(ConductanceRange range, double stepSiemens, double gamma, PulseVariability variability) {
        return new PowStep(range, stepSiemens, stepSiemens, gamma, gamma, variability);
    }

    /**
     * aihwkit's {@code PowStepDevice} defaults: γ = 1 both ways, {@code pow_gamma_dtod} 0.1
     * (exponentDtod), Δg = W/1200 ({@link ConstantStep#AIHWKIT_RELATIVE_STEP}), otherwise
     * {@link PulseVariability#AIHWKIT_DEFAULT}.
     */
    public static PowStep defaults(ConductanceRange range) {
        double step = ConstantStep.AIHWKIT_RELATIVE_STEP * range.widthSiemens();
        return of(range, step, 1.0, PulseVariability.AIHWKIT_DEFAULT.withExponentDtod(0.1));
    }

    @Override
    public PowStep withVariability(PulseVariability v) {
        return new PowStep(range, stepUpSiemens, stepDownSiemens, gammaUp, gammaDown, v);
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
     * Power-step devices: 40 bytes per device, plus 16 for γ⁺_i and γ⁻_i when
     * {@code exponentDtod > 0} (otherwise one shared pair, and no draws).
     */
    static final class Array extends PulsedDeviceArray {
        private final double stepUp;
        private final double stepDown;
        private final double gammaUp;
        private final double gammaDown;
        /** γ⁺_i per device, or null when every device has {@link #gammaUp}. */
        private final double[] gammaUpPerDevice;
        /** γ⁻_i per device, or null when every device has {@link #gammaDown}. */
        private final double[] gammaDownPerDevice;
        private final double c2c;

        Array(PowStep m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepUp = m.stepUpSiemens();
            stepDown = m.stepDownSiemens();
            gammaUp = m.gammaUp();
            gammaDown = m.gammaDown();
            c2c = m.variability().c2cStd();
            double[][] perDevice = PulsedParameters.drawExponents(n, gammaUp, gammaDown, m.variability().exponentDtod(),
                    true, rng);
            gammaUpPerDevice = perDevice == null ? null : perDevice[0];
            gammaDownPerDevice = perDevice == null ? null : perDevice[1];
        }

        /** Device {@code i}'s γ⁺_i. */
        double gammaUp(int i) {
            return gammaUpPerDevice == null ? gammaUp : gammaUpPerDevice[i];
        }

        /** Device {@code i}'s γ⁻_i. */
        double gammaDown(int i) {
            return gammaDownPerDevice == null ? gammaDown : gammaDownPerDevice[i];
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double lo = gMinSiemens[i];
            double hi = gMaxSiemens[i];
            double width = hi - lo;
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                double gu = gammaUpPerDevice == null ? gammaUp : gammaUpPerDevice[i];
                return g + stepUp * upScale[i] * Math.pow(Math.max(hi - g, 0) / width, gu) * noise;
            }
            double gd = gammaDownPerDevice == null ? gammaDown : gammaDownPerDevice[i];
            return g - stepDown * downScale[i] * Math.pow(Math.max(g - lo, 0) / width, gd) * noise;
        }
    }
}
