package dev.kirchhoff.crossbar;

/**
 * Computes the column currents of a crossbar with fixed conductances for a batch of row-voltage
 * vectors (forward), and the row currents for a batch of column-voltage vectors (transposed
 * read, the backward pass). Implementations: {@link IdealCrossbar} (I = Vᵀ·G) and the exact
 * IR-drop circuit solve.
 *
 * <p>Batches are row-major: vector k of a batch of K occupies {@code [k·len, (k+1)·len)}.
 */
public interface CrossbarEngine {
    /** M, the number of rows. */
    int rows();

    /** N, the number of columns. */
    int cols();

    /**
     * Forward read.
     *
     * @param voltages    not modified: K×M row voltages (V)
     * @param batch       K ≥ 1
     * @param currentsOut modified: K×N column currents into the virtual grounds (A)
     */
    void forward(double[] voltages, int batch, double[] currentsOut);

    /**
     * Transposed read: columns driven, rows sensed.
     *
     * @param voltages    not modified: K×N column voltages (V)
     * @param batch       K ≥ 1
     * @param currentsOut modified: K×M row currents (A)
     */
    void backward(double[] voltages, int batch, double[] currentsOut);
}
