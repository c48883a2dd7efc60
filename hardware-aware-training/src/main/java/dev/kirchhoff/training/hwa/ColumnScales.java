package dev.kirchhoff.training.hwa;

/**
 * The digital output scale of each crossbar column: the weights of output j are mapped to the
 * conductance window by {@code u_ji = w_ji/s_j}, so that the column's largest |w| uses the whole
 * window, and the column's digitised output is multiplied back by s_j (aihwkit's
 * {@code weight_scaling_omega} with {@code weight_scaling_columnwise}; Rasch et al., Nat. Commun.
 * 14, 5282, 2023, doi:10.1038/s41467-023-40770-4). Layer-wise scaling uses one s for all columns,
 * the layer's max |w|. A column of zeros gets s = 1.
 */
public final class ColumnScales {
    private ColumnScales() {
    }

    /**
     * Writes the scales of one layer.
     *
     * @param w          not modified: weights, row-major [out][in]
     * @param outputs    number of outputs (columns)
     * @param inputs     inputs per output
     * @param columnwise one scale per column (else one per layer)
     * @param out        modified: {@code out[j] = s_j}, length ≥ outputs
     */
    public static void compute(float[] w, int outputs, int inputs, boolean columnwise, float[] out) {
        float layerMax = 0f;
        for (int j = 0; j < outputs; j++) {
            float m = 0f;
            for (int i = j * inputs, end = i + inputs; i < end; i++) {
                m = Math.max(m, Math.abs(w[i]));
            }
            out[j] = m;
            layerMax = Math.max(layerMax, m);
        }
        for (int j = 0; j < outputs; j++) {
            float s = columnwise ? out[j] : layerMax;
            out[j] = s > 0f ? s : 1f;
        }
    }
}
