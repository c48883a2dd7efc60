package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;

/**
 * VTEAM, the voltage threshold adaptive memristor model (Kvatinsky, Ramadan, Friedman &amp;
 * Kolodny, IEEE TCAS-II 62 (2015) 786–790, doi:10.1109/TCSII.2015.2433536), in the form of
 * MemTorch's {@code memtorch.bh.memristor.VTEAM}:
 * <pre>
 *   dx/dt = k_off·(V/v_off − 1)^α_off   for V ≥ v_off (&gt; 0)
 *         = k_on ·(V/v_on  − 1)^α_on    for V ≤ v_on  (&lt; 0)
 *         = 0                            otherwise
 *   x ∈ [0, d],   I = V / (R_off·x/d + R_on·(1 − x/d))
 * </pre>
 * x = 0 is the ON (low-resistance) state, x = d the OFF state; V ≥ v_off pushes x up (RESET),
 * V ≤ v_on pulls it down (SET, k_on &lt; 0). As in MemTorch there is no window function: the rate
 * does not depend on x and the state is clamped to [0, d]. The rate is continuous in V at both
 * thresholds (for α &gt; 0) but not smooth there; {@link #switchingThresholdsVolts()} lets the
 * simulator step to the crossing times.
 *
 * <p>Units: MemTorch takes d = 3e-9 in metres and steps x ← x + dx/dt·Δt with Δt in seconds, so
 * its k_on and k_off are in m/s (the VTEAM paper states k in nm/s for its fits; MemTorch's
 * defaults are SI). Here x is in metres and k in m/s, matching MemTorch numerically.
 *
 * @param rOffOhms            R_off, the OFF (largest) resistance, &gt; rOnOhms
 * @param rOnOhms             R_on &gt; 0, the ON (smallest) resistance
 * @param dMetres             d &gt; 0, the state range (device length)
 * @param kOnMetresPerSecond  k_on &lt; 0
 * @param kOffMetresPerSecond k_off &gt; 0
 * @param alphaOn             α_on &gt; 0
 * @param alphaOff            α_off &gt; 0
 * @param vOnVolts            v_on &lt; 0, the SET threshold
 * @param vOffVolts           v_off &gt; 0, the RESET threshold
 */
public record Vteam(double rOffOhms, double rOnOhms, double dMetres, double kOnMetresPerSecond,
        double kOffMetresPerSecond, double alphaOn, double alphaOff, double vOnVolts, double vOffVolts)
        implements CompactModel {

    public static final String NAME = "vteam";

    /**
     * MemTorch's defaults: r_off 1 kΩ, r_on 50 Ω, d 3 nm, k_on −10 m/s, k_off 5e-4 m/s, α_on 3,
     * α_off 1, v_on −0.2 V, v_off 0.02 V.
     */
    public static final Vteam MEMTORCH_DEFAULTS = new Vteam(1000, 50, 3e-9, -10, 5e-4, 3, 1, -0.2, 0.02);

    public Vteam {
        Checks.positive("rOnOhms", rOnOhms);
        Checks.positive("rOffOhms", rOffOhms);
        if (!(rOffOhms > rOnOhms)) {
            throw new IllegalArgumentException("rOffOhms must exceed rOnOhms=" + rOnOhms + ", got " + rOffOhms);
        }
        Checks.positive("dMetres", dMetres);
        if (!(kOnMetresPerSecond < 0 && kOnMetresPerSecond > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("kOnMetresPerSecond must be negative and finite, got "
                    + kOnMetresPerSecond);
        }
        Checks.positive("kOffMetresPerSecond", kOffMetresPerSecond);
        Checks.positive("alphaOn", alphaOn);
        Checks.positive("alphaOff", alphaOff);
        if (!(vOnVolts < 0 && vOnVolts > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("vOnVolts must be negative and finite, got " + vOnVolts);
        }
        Checks.positive("vOffVolts", vOffVolts);
    }

    /** A copy with other exponents α_on, α_off. */
    public Vteam withAlphas(double newAlphaOn, double newAlphaOff) {
        return new Vteam(rOffOhms, rOnOhms, dMetres, kOnMetresPerSecond, kOffMetresPerSecond, newAlphaOn, newAlphaOff,
                vOnVolts, vOffVolts);
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public double stateLowerBound() {
        return 0;
    }

    @Override
    public double stateUpperBound() {
        return dMetres;
    }

    /** x = x_on = 0, the ON state, as MemTorch initialises it. */
    @Override
    public double initialState() {
        return 0;
    }

    @Override
    public double stateRate(double xMetres, double vVolts) {
        if (vVolts >= vOffVolts) {
            return kOffMetresPerSecond * Math.pow(vVolts / vOffVolts - 1, alphaOff);
        }
        if (vVolts <= vOnVolts) {
            return kOnMetresPerSecond * Math.pow(vVolts / vOnVolts - 1, alphaOn);
        }
        return 0;
    }

    /** {@code R(x) = R_off·x/d + R_on·(1 − x/d)} (Ω). */
    public double resistanceOhms(double xMetres) {
        double w = xMetres / dMetres;
        return rOffOhms * w + rOnOhms * (1 - w);
    }

    @Override
    public double currentAmperes(double xMetres, double vVolts) {
        return vVolts / resistanceOhms(xMetres);
    }

    /** Ohmic: {@code 1/R(x)} whatever the read voltage. */
    @Override
    public double readConductanceSiemens(double xMetres, double readVolts) {
        return 1 / resistanceOhms(xMetres);
    }

    /** MemTorch's {@code set_conductance}: G clipped to [1/R_off, 1/R_on], then R(x) = 1/G solved for x. */
    public double stateForConductance(double gSiemens) {
        Checks.positive("gSiemens", gSiemens);
        double g = Math.min(Math.max(gSiemens, 1 / rOffOhms), 1 / rOnOhms);
        double x = dMetres * (1 / g - rOnOhms) / (rOffOhms - rOnOhms);
        return Math.min(Math.max(x, 0), dMetres);
    }

    /** {v_on, v_off}: the rate has a kink where V crosses either. */
    @Override
    public double[] switchingThresholdsVolts() {
        return new double[] {vOnVolts, vOffVolts};
    }
}
