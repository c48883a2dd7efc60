package dev.kirchhoff.training;

/**
 * A projection applied to each layer's clean parameters after every optimizer step, e.g.
 * clipping the weights to the range a conductance pair can represent (as aihwkit's weight
 * clipping, Rasch et al., Nat. Commun. 14, 5282, 2023, doi:10.1038/s41467-023-40770-4).
 * {@link #NONE} leaves them as they are. Called on the training thread, layer 0 first.
 */
@FunctionalInterface
public interface WeightConstraint {
    /** No constraint. */
    WeightConstraint NONE = (layer, weights, biases) -> {
    };

    /**
     * Constrains layer {@code layer} in place.
     *
     * @param layer   layer index l
     * @param weights modified: the clean weights, row-major [out][in]
     * @param biases  modified: the biases
     */
    void apply(int layer, float[] weights, float[] biases);
}
