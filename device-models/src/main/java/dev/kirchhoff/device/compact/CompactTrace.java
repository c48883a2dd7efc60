package dev.kirchhoff.device.compact;

/**
 * Samples of one simulated waveform, struct-of-arrays: at each sample time the applied voltage,
 * the device current, the state and the conductance a non-destructive read at
 * {@link #readVoltageVolts()} would see. Also records the integrator's work. Immutable: the array
 * accessors return copies; the indexed accessors do not allocate.
 */
public final class CompactTrace {
    private final String modelName;
    private final double readVoltageVolts;
    private final double[] time;
    private final double[] voltage;
    private final double[] current;
    private final double[] state;
    private final double[] conductance;
    private final long acceptedSteps;
    private final long rejectedSteps;
    private final long evaluations;

    CompactTrace(String modelName, double readVoltageVolts, double[] time, double[] voltage, double[] current,
            double[] state, double[] conductance, long acceptedSteps, long rejectedSteps, long evaluations) {
        this.modelName = modelName;
        this.readVoltageVolts = readVoltageVolts;
        this.time = time;
        this.voltage = voltage;
        this.current = current;
        this.state = state;
        this.conductance = conductance;
        this.acceptedSteps = acceptedSteps;
        this.rejectedSteps = rejectedSteps;
        this.evaluations = evaluations;
    }

    public String modelName() {
        return modelName;
    }

    /** Voltage of the non-destructive conductance read (V). */
    public double readVoltageVolts() {
        return readVoltageVolts;
    }

    /** Number of samples. */
    public int length() {
        return time.length;
    }

    public double timeSeconds(int i) {
        return time[i];
    }

    /** Applied voltage, right-continuous at jumps (V). */
    public double voltageVolts(int i) {
        return voltage[i];
    }

    public double currentAmperes(int i) {
        return current[i];
    }

    /** Model state (VTEAM: x in m; Stanford-PKU: gap in m). */
    public double state(int i) {
        return state[i];
    }

    /** {@code I(s, V_read)/V_read} (S). */
    public double readConductanceSiemens(int i) {
        return conductance[i];
    }

    public double[] timeSeconds() {
        return time.clone();
    }

    public double[] voltageVolts() {
        return voltage.clone();
    }

    public double[] currentAmperes() {
        return current.clone();
    }

    public double[] state() {
        return state.clone();
    }

    public double[] readConductanceSiemens() {
        return conductance.clone();
    }

    /** Integrator steps accepted while producing this trace. */
    public long acceptedSteps() {
        return acceptedSteps;
    }

    /** Integrator steps rejected while producing this trace. */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    /** Right-hand-side evaluations while producing this trace. */
    public long evaluations() {
        return evaluations;
    }
}
