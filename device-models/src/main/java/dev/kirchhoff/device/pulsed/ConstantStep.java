package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Constant-step device: every pulse moves the conductance by the same nominal amount, whatever
 * the state, until the hard bound (aihwkit {@code ConstantStepDevice}; the device of Gokmen &amp;
 * Vlasov, Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333; Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494). Per pulse, in the conductance domain,
 * <pre>
 *   up:   G ← G + Δg⁺·upScale_i  ·(1 + c2c·ξ)
 *   down: G ← G − Δg⁻·downScale_i·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. This is aihwkit's {@code w ± Δw^±(1 + σξ)} with
 * {@code w = G − gMin} (any offset gives the same form) and {@code dw_min = Δg}. Without noise,
 * n up pulses from G₀ give {@code G_n = min(G₀ + n·Δg⁺, gMax)}.
 *
 * @param range            nominal window
 * @param stepUpSiemens    Δg⁺, the nominal potentiation step (S), 0 &lt; Δg⁺ ≤ gMax − gMin
 * @param stepDownSiemens  Δg⁻, the nominal depression step (S), 0 &lt; Δg⁻ ≤ gMax − gMin
 * @param variability      asymmetry and spreads
 */
public record ConstantStep(ConductanceRange range, double stepUpSiemens, double stepDownSiemens,
        PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "constant-step";

    /**
     * aihwkit's default step as a fraction of the window: {@code dw_min = 0.001} over
     * {@code w_max − w_min = 1.2}, i.e. 1200 nominal steps from one bound to the other.
     */
    public static final double AIHWKIT_RELATIVE_STEP = 0.001 / 1.2;

    public ConstantStep {
        PulsedParameters.requireStepsWithinWindow(range, stepUpSiemens, stepDownSiemens);
    }

    /** One nominal step size for both directions. */
    public static ConstantStep of(ConductanceRange range, double stepSiemens, PulseVariability variability) {
        return new ConstantStep(range, stepSiemens, stepSiemens, variability);
    }

    /**
     * aihwkit's {@code ConstantStepDevice} defaults: Δg = W·{@link #AIHWKIT_RELATIVE_STEP} (1200 steps
     * across the window) in both directions, with {@link PulseVariability#AIHWKIT_DEFAULT}.
     */
    public static ConstantStep defaults(ConductanceRange range) {
        return of(range, AIHWKIT_RELATIVE_STEP * range.widthSiemens(), PulseVariability.AIHWKIT_DEFAULT);
    }

    @Override
    public ConstantStep withVariability(PulseVariability v) {
        return new ConstantStep(range, stepUpSiemens, stepDownSiemens, v);
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

    /** Constant-step devices: no per-device state beyond the shared arrays (40 bytes per device). */
    static final class Array extends PulsedDeviceArray {
        private final double stepUp;
        private final double stepDown;
        private final double c2c;

        Array(ConstantStep m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepUp = m.stepUpSiemens();
            stepDown = m.stepDownSiemens();
            c2c = m.variability().c2cStd();
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                return g + stepUp * upScale[i] * noise;
            }
            return g - stepDown * downScale[i] * noise;
        }
    }
}
