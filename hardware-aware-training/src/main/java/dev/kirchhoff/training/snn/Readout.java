package dev.kirchhoff.training.snn;

/**
 * How the class of an input is read from the output layer of a converted spiking network after T
 * time steps.
 *
 * <p>{@link #MEMBRANE_POTENTIAL} is the default and the one the measured figures use: it is the
 * choice of Rueckauer et al., "Conversion of continuous-valued deep networks to efficient
 * event-driven networks for image classification", Front. Neurosci. 11:682, 2017,
 * doi:10.3389/fnins.2017.00682 (output neurons as non-spiking integrators). Its potential after T
 * steps is
 * <pre>
 *   V_j(T) = Σ_{t=1..T} ( Σ_i W_ji·s_i(t) + b_j ) = T·( W·r̂ + b )_j,   r̂ = rates of the last hidden layer
 * </pre>
 * i.e. exactly T times the ANN logit evaluated on the measured rates, with no quantisation to
 * whole spikes, no saturation at one spike per step, and no ties; and it is observable on the chip
 * as neuron state (a non-spiking neuron's membrane). {@link #SPIKE_COUNT} counts whole spikes:
 * at T = 25 steps a logit is resolved to 1/25 of the threshold and classes tie often, and a logit
 * above the threshold rate (possible: the output layer is normalised to a percentile, not to its
 * maximum) saturates at one spike per step. Both are implemented and compared in
 * docs/snn-conversion.md.
 */
public enum Readout {
    /**
     * Output neurons integrate without spiking (threshold +∞ in effect: {@link Double#MAX_VALUE});
     * the class is {@code argmax_j V_j(T)}, ties to the lower index.
     */
    MEMBRANE_POTENTIAL,
    /**
     * Output neurons spike like the hidden ones (integrate-and-fire, reset by subtraction); the
     * class is {@code argmax_j n_j(T)}, the output spike counts, ties broken by the larger membrane
     * potential V_j(T), then by the lower index.
     */
    SPIKE_COUNT
}
