package dev.kirchhoff.device.iv;

/**
 * Read current–voltage characteristic of a programmed device: the current through a cell of
 * (small-signal, zero-bias) conductance G under a read voltage V. Written for a crossbar circuit
 * solver that runs Newton iterations on the node voltages: each iteration needs the current and
 * its derivative {@code dI/dV} at the present cell voltage, which {@link #evaluate} gives for a
 * whole array at once without allocating.
 *
 * <p>Contract for every implementation: {@code I(G, 0) = 0}; {@code dI/dV} at {@code V = 0} equals
 * G (so G keeps its meaning as the programmed conductance); both methods are pure functions.
 */
public interface IvCurve {

    /** Current through the cell (A) for conductance {@code gSiemens} and voltage {@code vVolts}. */
    double currentAmperes(double gSiemens, double vVolts);

    /** Differential conductance {@code dI/dV} (S) at {@code vVolts}, the Newton Jacobian entry. */
    double differentialConductanceSiemens(double gSiemens, double vVolts);

    /**
     * Array form: for each {@code i < gSiemens.length}, {@code currentOut[i] = I(g[i], v[i])} and
     * {@code conductanceOut[i] = dI/dV(g[i], v[i])}.
     *
     * @param gSiemens       conductances; not modified
     * @param vVolts         voltages across the cells; not modified
     * @param currentOut     modified: the currents (A)
     * @param conductanceOut modified: the differential conductances (S)
     */
    default void evaluate(double[] gSiemens, double[] vVolts, double[] currentOut, double[] conductanceOut) {
        int n = gSiemens.length;
        if (vVolts.length != n || currentOut.length != n || conductanceOut.length != n) {
            throw new IllegalArgumentException("array lengths must match gSiemens.length=" + n + ", got vVolts.length="
                    + vVolts.length + ", currentOut.length=" + currentOut.length + ", conductanceOut.length="
                    + conductanceOut.length);
        }
        for (int i = 0; i < n; i++) {
            currentOut[i] = currentAmperes(gSiemens[i], vVolts[i]);
            conductanceOut[i] = differentialConductanceSiemens(gSiemens[i], vVolts[i]);
        }
    }
}
