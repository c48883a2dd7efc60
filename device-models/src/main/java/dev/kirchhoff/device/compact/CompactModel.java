package dev.kirchhoff.device.compact;

/**
 * A voltage-controlled memristive device with one internal state s confined to
 * {@code [stateLowerBound, stateUpperBound]}:
 * <pre>
 *   ds = f(s, V)·dt + σ(s, V)·dW,    I = I(s, V)
 * </pre>
 * f is the deterministic switching rate, σ an optional noise intensity (zero for a deterministic
 * model). Implementations are immutable; {@link CompactSimulator} drives them with a {@link Waveform}.
 */
public interface CompactModel {

    /** Short name used in reports and traces. */
    String modelName();

    /** Lowest admissible state. */
    double stateLowerBound();

    /** Highest admissible state. */
    double stateUpperBound();

    /** The state MemTorch starts the device in. */
    double initialState();

    /** Deterministic rate {@code ds/dt = f(s, V)} (state units per second). */
    double stateRate(double state, double vVolts);

    /** Device current {@code I(s, V)} (A). */
    double currentAmperes(double state, double vVolts);

    /**
     * Conductance seen by a read at {@code readVolts ≠ 0}: {@code I(s, V_read)/V_read} (S). The
     * read is non-destructive: the state is not advanced.
     */
    default double readConductanceSiemens(double state, double readVolts) {
        return currentAmperes(state, readVolts) / readVolts;
    }

    /**
     * Voltages at which f has a kink or jump independent of the state (switching thresholds), so
     * the simulator can step to the times the waveform crosses them. Empty by default.
     */
    default double[] switchingThresholdsVolts() {
        return new double[0];
    }

    /**
     * A voltage-dependent state value that motion from below cannot cross: for the voltage V,
     * {@code f(s, V) ≥ 0} for {@code s ≤ c(V)} and {@code f(s, V) = 0} for {@code s > c(V)}, with
     * f not small just below c. A state driven up to c then slides along c(V(t)) (the Filippov
     * solution), where an explicit integrator would chatter between the two sides with tiny steps;
     * the simulator projects onto c instead, exactly. {@code +∞} (no such boundary) by default.
     */
    default double slidingCeiling(double vVolts) {
        return Double.POSITIVE_INFINITY;
    }

    /** Noise intensity σ(s, V) in state units per √s; 0 (deterministic) by default. */
    default double stateNoiseIntensity(double state, double vVolts) {
        return 0;
    }
}
