package dev.kirchhoff.training.snn;

import dev.kirchhoff.tiling.snn.LifParameters;

/**
 * The neurons of a converted network, shared by the CPU simulator and the chip so that both
 * integrate with the same {@link dev.kirchhoff.tiling.snn.LifLayer} arithmetic: non-leaky
 * integrate-and-fire ({@link LifParameters#integrateAndFire}), threshold 1 V (one unit of
 * normalised activation), reset by subtraction, τ_m = Δt, and synaptic currents
 * τ_e = τ_i = Δt/1024.
 *
 * <p>Why these constants. With τ_m = Δt the non-leaky propagator adds the constant drive I_x
 * once per step: {@code v ← v + I_x} (P_drive = Δt/τ_m = 1), so the bias b is the drive. With
 * τ_e = Δt/1024 a current jump J decays within the step (P_e = e^(−1024), which is 0 in double)
 * and moves the membrane by {@code J·P_me}, P_me = (Δt/τ_m)·(1 − e^(−1024))/1024 = 2^(−10)
 * exactly; the chip scales a weighted input y into the jump J = y·τ_m/τ_e = 1024·y (voltsPerWeight
 * 1 V), so the membrane moves by {@code 1024·y·2^(−10) = y} exactly, in the step the input
 * arrives: the discrete IF neuron {@code v ← v + Σ_i W_ji·s_i + b_j; spike and v ← v − 1 if v > 1}.
 */
final class IfNeurons {
    /** The step Δt (s): 1 ms, a typical neuromorphic step; the dynamics do not depend on it. */
    static final double DT_SECONDS = 1e-3;
    /** τ_m/τ_e, a power of two so that the current-to-membrane factor is exact. */
    static final double SYNAPTIC_SPEEDUP = 1024;
    /** The threshold (V); a unit weight moves the membrane by one volt. */
    static final double THRESHOLD_VOLTS = 1.0;

    private IfNeurons() {
    }

    /** The spiking IF neuron of threshold 1 V, reset by subtraction. */
    static LifParameters spiking() {
        return LifParameters.integrateAndFire(DT_SECONDS, THRESHOLD_VOLTS)
                .withSynapticTaus(DT_SECONDS / SYNAPTIC_SPEEDUP, DT_SECONDS / SYNAPTIC_SPEEDUP);
    }

    /**
     * The non-spiking integrator of the {@link Readout#MEMBRANE_POTENTIAL} readout: the same
     * neuron with the threshold {@link Double#MAX_VALUE}, which a finite membrane never exceeds.
     */
    static LifParameters integrator() {
        return LifParameters.integrateAndFire(DT_SECONDS, Double.MAX_VALUE)
                .withSynapticTaus(DT_SECONDS / SYNAPTIC_SPEEDUP, DT_SECONDS / SYNAPTIC_SPEEDUP);
    }

    /** The output layer's neuron for a readout. */
    static LifParameters output(Readout readout) {
        return readout == Readout.MEMBRANE_POTENTIAL ? integrator() : spiking();
    }
}
