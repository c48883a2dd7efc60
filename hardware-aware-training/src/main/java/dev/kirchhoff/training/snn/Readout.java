package dev.kirchhoff.training.snn;

/**
 * How the class of an input is read from the output layer of a converted spiking network after T
 * time steps.
 *
 * <p>Let S_j(T) = Σ_{t=1..T} (Σ_i W_ji·s_i(t) + b_j) be the input output neuron j integrated, s the
 * last hidden layer's spikes. {@link #MEMBRANE_POTENTIAL}, the default, reads S_j directly: the
 * output neurons are non-spiking integrators, V_j(T) = S_j(T) = T·(W·r̂ + b)_j, i.e. T times the
 * ANN's logit evaluated on the measured rates r̂; the choice of Rueckauer et al., "Conversion of
 * continuous-valued deep networks to efficient event-driven networks for image classification",
 * Front. Neurosci. 11:682, 2017, doi:10.3389/fnins.2017.00682. {@link #SPIKE_COUNT} lets the output
 * neurons spike; with reset by subtraction S_j = n_j + V_j (n_j spikes, threshold 1), so ordering
 * by (n_j, then V_j) is ordering by S_j whenever every output neuron that has fired ends with
 * 0 &lt; V_j ≤ 1 (it fails only if one ends at or below 0 after negative input, or above 1 after
 * saturating at one spike per step): the two readouts nearly always agree, and on MNIST they give
 * the same accuracy at every T (docs/snn-conversion.md).
 *
 * <p>Why the membrane readout is the default: it is exact by construction rather than nearly
 * always equal; and on the chip a neuron's membrane is state that can be read, whereas per-neuron
 * spike counts are not exposed, so {@link SnnOnChip} must add an identity "counter" layer for
 * {@link #SPIKE_COUNT}, costing one more pipeline step and its reads, packets and neuron updates,
 * while non-spiking output neurons send no spikes at all.
 */
public enum Readout {
    /**
     * Output neurons integrate without spiking (threshold {@link Double#MAX_VALUE}, which a finite
     * membrane never exceeds); the class is {@code argmax_j V_j(T)}, ties to the lower index.
     */
    MEMBRANE_POTENTIAL,
    /**
     * Output neurons spike like the hidden ones (integrate-and-fire, reset by subtraction); the
     * class is {@code argmax_j n_j(T)}, the output spike counts, ties broken by the larger membrane
     * potential V_j(T), then by the lower index.
     */
    SPIKE_COUNT
}
