package dev.kirchhoff.tiling.snn;

import dev.kirchhoff.device.Checks;

/**
 * Parameters of a current-based leaky integrate-and-fire neuron with exponential synaptic
 * currents (the CUBA form; all currents expressed as the voltage R·I they would hold the
 * membrane at):
 *
 * <pre>
 *   τ_m dv/dt = E_L − v + I_e + I_i + I_x      (I_x: constant external drive R·I, volts)
 *   τ_e dI_e/dt = −I_e,   τ_i dI_i/dt = −I_i
 *   spike when v &gt; v_th + θ, then v ← v_reset (TO_VALUE) or v ← v − (v_th + θ − v_reset) (SUBTRACT)
 *   τ_θ dθ/dt = −θ,   θ ← θ + Δθ on every spike (adaptive threshold)
 * </pre>
 *
 * The leaky form is the one of Rotter &amp; Diesmann 1999 (doi:10.1007/s004220050570), NEST's
 * {@code iaf_psc_exp}, and Brian2's CUBA example; the adaptive threshold is the one of Diehl &amp;
 * Cook 2015 (doi:10.3389/fncom.2015.00099). The integrate-and-fire variant ({@code leaky =
 * false}) drops the leak term {@code E_L − v}: {@code τ_m dv/dt = I_e + I_i + I_x}, the neuron of
 * ANN→SNN conversion (Rueckauer et al. 2017, doi:10.3389/fnins.2017.00682); with {@code τ_m = dt}
 * a constant drive adds {@code I_x} to v every step.
 *
 * @param tauMembraneSeconds   τ_m (s); for the integrate-and-fire variant, the integration time scale
 * @param restVolts            E_L, the leak (rest) potential (V)
 * @param thresholdVolts       v_th (V)
 * @param resetVolts           v_reset for {@link ResetMode#TO_VALUE} (V); must be below v_th
 * @param resetMode            how v is reset after a spike
 * @param refractorySeconds    t_ref ≥ 0: v held at its reset value and the threshold not checked
 * @param tauExcitatorySeconds τ_e of the excitatory synaptic current (s)
 * @param tauInhibitorySeconds τ_i of the inhibitory synaptic current (s)
 * @param thresholdIncrementVolts Δθ ≥ 0 added to the adaptive threshold θ per spike; 0 disables adaptation
 * @param thresholdTauSeconds  τ_θ, decay time of θ (s); {@code Double.POSITIVE_INFINITY} for no decay
 * @param leaky                true for LIF, false for the non-leaky integrate-and-fire variant
 */
public record LifParameters(double tauMembraneSeconds, double restVolts, double thresholdVolts, double resetVolts,
        ResetMode resetMode, double refractorySeconds, double tauExcitatorySeconds, double tauInhibitorySeconds,
        double thresholdIncrementVolts, double thresholdTauSeconds, boolean leaky) {

    /** What happens to v after a spike. */
    public enum ResetMode {
        /** v ← v_reset (NEST {@code iaf_psc_exp}, Brian2 CUBA). */
        TO_VALUE,
        /**
         * v ← v − (v_th + θ − v_reset): the excess above threshold is kept, as in "reset by
         * subtraction" of Rueckauer et al. 2017 (with v_reset = 0, v ← v − v_th).
         */
        SUBTRACT
    }

    /** Validates every field (IllegalArgumentException naming the field and its value). */
    public LifParameters {
        Checks.positive("tauMembraneSeconds", tauMembraneSeconds);
        Checks.finite("restVolts", restVolts);
        Checks.finite("thresholdVolts", thresholdVolts);
        Checks.finite("resetVolts", resetVolts);
        if (!(resetVolts < thresholdVolts)) {
            throw new IllegalArgumentException("resetVolts must be below thresholdVolts (" + thresholdVolts + "), got " + resetVolts);
        }
        if (resetMode == null) {
            throw new IllegalArgumentException("resetMode must not be null");
        }
        Checks.nonNegative("refractorySeconds", refractorySeconds);
        Checks.positive("tauExcitatorySeconds", tauExcitatorySeconds);
        Checks.positive("tauInhibitorySeconds", tauInhibitorySeconds);
        Checks.nonNegative("thresholdIncrementVolts", thresholdIncrementVolts);
        if (!(thresholdTauSeconds > 0)) { // +∞ allowed: no decay
            throw new IllegalArgumentException("thresholdTauSeconds must be positive (or infinite), got " + thresholdTauSeconds);
        }
    }

    /**
     * A leaky neuron reset to a value, without refractory period or adaptation, with the CUBA
     * synaptic time constants τ_e = 5 ms and τ_i = 10 ms (change them with {@link #withSynapticTaus}).
     */
    public static LifParameters lif(double tauMembraneSeconds, double restVolts, double thresholdVolts, double resetVolts) {
        return new LifParameters(tauMembraneSeconds, restVolts, thresholdVolts, resetVolts, ResetMode.TO_VALUE, 0,
                5e-3, 10e-3, 0, Double.POSITIVE_INFINITY, true);
    }

    /**
     * A non-leaky integrate-and-fire neuron at rest 0 V with reset by subtraction (the neuron of
     * ANN→SNN conversion): {@code v ← v − v_th} after a spike.
     */
    public static LifParameters integrateAndFire(double tauSeconds, double thresholdVolts) {
        return new LifParameters(tauSeconds, 0, thresholdVolts, 0, ResetMode.SUBTRACT, 0,
                5e-3, 10e-3, 0, Double.POSITIVE_INFINITY, false);
    }

    /** A copy with another reset mode. */
    public LifParameters withResetMode(ResetMode mode) {
        return new LifParameters(tauMembraneSeconds, restVolts, thresholdVolts, resetVolts, mode, refractorySeconds,
                tauExcitatorySeconds, tauInhibitorySeconds, thresholdIncrementVolts, thresholdTauSeconds, leaky);
    }

    /** A copy with another refractory period (s). */
    public LifParameters withRefractorySeconds(double seconds) {
        return new LifParameters(tauMembraneSeconds, restVolts, thresholdVolts, resetVolts, resetMode, seconds,
                tauExcitatorySeconds, tauInhibitorySeconds, thresholdIncrementVolts, thresholdTauSeconds, leaky);
    }

    /** A copy with other synaptic current time constants τ_e, τ_i (s). */
    public LifParameters withSynapticTaus(double tauExcitatory, double tauInhibitory) {
        return new LifParameters(tauMembraneSeconds, restVolts, thresholdVolts, resetVolts, resetMode, refractorySeconds,
                tauExcitatory, tauInhibitory, thresholdIncrementVolts, thresholdTauSeconds, leaky);
    }

    /** A copy with an adaptive threshold: Δθ per spike (V) decaying with τ_θ (s). */
    public LifParameters withAdaptiveThreshold(double incrementVolts, double tauSeconds) {
        return new LifParameters(tauMembraneSeconds, restVolts, thresholdVolts, resetVolts, resetMode, refractorySeconds,
                tauExcitatorySeconds, tauInhibitorySeconds, incrementVolts, tauSeconds, leaky);
    }

    /** Whether the threshold adapts (Δθ &gt; 0). */
    public boolean adaptive() {
        return thresholdIncrementVolts > 0;
    }
}
