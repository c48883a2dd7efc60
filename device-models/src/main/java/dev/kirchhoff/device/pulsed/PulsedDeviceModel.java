package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * An immutable description of a pulsed-update device (nominal parameters plus their spreads).
 * {@link #create} draws the device-to-device parameters of {@code deviceCount} devices.
 */
public interface PulsedDeviceModel {
    /** The model's name as the command line and the profiles spell it, e.g. {@code soft-bounds}. */
    String modelName();

    /** Nominal conductance window. */
    ConductanceRange range();

    /** Asymmetry and spreads. */
    PulseVariability variability();

    /**
     * The model's nominal step (S): the size of one pulse's change that sets its granularity,
     * the unit of its write noise and of the weight step Δw_min of a tile built on it.
     */
    double nominalStepSiemens();

    /** A copy of this model with other spreads. */
    PulsedDeviceModel withVariability(PulseVariability variability);

    /**
     * The symmetry point G* (S): the conductance at which one potentiation pulse and one
     * depression pulse of the nominal device change G by the same amount,
     * {@code ΔG⁺(G*) = −ΔG⁻(G*)}, so that random pulses of both polarities in equal numbers drift
     * towards it (Gokmen &amp; Haensch, Front. Neurosci. 2020, doi:10.3389/fnins.2020.00103; aihwkit's
     * {@code subtract_symmetry_point}). For soft bounds with steps α⁺, α⁻ and headroom h,
     * {@code G* = Ĝmin + (Ĝmax − Ĝmin)·α⁺/(α⁺ + α⁻)} (mid-window when α⁺ = α⁻).
     *
     * <p>Found numerically for any model: the nominal device (this model's mean up/down
     * asymmetry {@code upDown}, every spread and noise set to 0) is pulsed once each way from G,
     * and f(G) = ΔG⁺ + ΔG⁻ is bisected on [gMin, gMax] (f ≥ 0 at gMin, where a depression is
     * clipped, and f ≤ 0 at gMax), 60 halvings (to 2⁻⁶⁰ of the window). Where f = 0 on a whole
     * interval (constant steps) the first midpoint that gives 0 is returned, the window centre.
     */
    default double symmetryPointSiemens() {
        PulseVariability nominal = PulseVariability.NONE.withUpDown(variability().upDown());
        // Nothing is random for a noise-free device; the provider only feeds the chunk seeding.
        UniformRandomProvider rng = new XoShiRo256PlusPlus(1L, 2L, 3L, 4L);
        PulsedDeviceArray device = withVariability(nominal).create(1, rng);
        double lo = range().gMinSiemens();
        double hi = range().gMaxSiemens();
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            device.fill(mid);
            device.applyPulse(+1, rng);
            double up = device.conductance(0) - mid;
            device.fill(mid);
            device.applyPulse(-1, rng);
            double f = up + (device.conductance(0) - mid);
            if (f == 0) {
                return mid;
            }
            if (f > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Draws {@code deviceCount} devices, each starting at its own {@code gMin_i}.
     *
     * @param deviceCount number of devices, ≥ 1
     * @param rng         source of the device-to-device draws (advanced)
     */
    PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng);
}
