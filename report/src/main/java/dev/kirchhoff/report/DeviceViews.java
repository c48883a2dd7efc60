package dev.kirchhoff.report;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.crossbar.ir.IrDropCrossbar;
import dev.kirchhoff.device.inference.InferenceDeviceArray;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.training.hwa.ProgrammedNetwork;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The device and tile views of a report: the device's response to pulses or to programming, the
 * conductances of a programmed layer before and after drift, and the IR drop across one tile.
 */
final class DeviceViews {
    /** Devices, cycles and pulses per direction of the pulse-response experiment. */
    static final int PULSE_DEVICES = 8;
    static final int PULSE_CYCLES = 2;
    static final int PULSE_PER_DIRECTION = 100;
    /** Targets and devices per target of the programming-response experiment. */
    static final int PROGRAMMING_LEVELS = 21;
    static final int PROGRAMMING_DEVICES = 500;
    /** Side of the tile in the IR-drop view (rows = inputs, columns = differential pairs' devices). */
    static final int TILE = 256;

    private DeviceViews() {
    }

    /** A potentiation/depression experiment on the profile's pulsed devices ({@link PulseResponse}). */
    static PulseResponse pulseResponse(PulsedDeviceModel model, UniformRandomProvider rng) {
        return PulseResponse.simulate(model, PULSE_DEVICES, PULSE_CYCLES, PULSE_PER_DIRECTION, rng, null);
    }

    /**
     * Programming response: {@value #PROGRAMMING_DEVICES} devices programmed to each of
     * {@value #PROGRAMMING_LEVELS} targets evenly spaced over the window, with their programmed
     * conductance (t = 0, no read noise): mean and sample standard deviation per target.
     *
     * @return rows of (target, mean, std) in siemens
     */
    static double[][] programmingResponse(InferenceDeviceModel model, UniformRandomProvider rng) {
        double gMin = model.range().gMinSiemens();
        double gMax = model.range().gMaxSiemens();
        int n = PROGRAMMING_LEVELS * PROGRAMMING_DEVICES;
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = gMin + (gMax - gMin) * (i / PROGRAMMING_DEVICES) / (PROGRAMMING_LEVELS - 1);
        }
        InferenceDeviceArray devices = new InferenceDeviceArray(model, n);
        devices.program(targets, rng);
        double[] g = new double[n];
        devices.programmedConductances(g);
        double[][] rows = new double[PROGRAMMING_LEVELS][3];
        for (int level = 0; level < PROGRAMMING_LEVELS; level++) {
            double sum = 0;
            double sumSq = 0;
            for (int d = 0; d < PROGRAMMING_DEVICES; d++) {
                double v = g[level * PROGRAMMING_DEVICES + d];
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / PROGRAMMING_DEVICES;
            rows[level][0] = targets[level * PROGRAMMING_DEVICES];
            rows[level][1] = mean;
            rows[level][2] = Math.sqrt(Math.max(sumSq - PROGRAMMING_DEVICES * mean * mean, 0) / (PROGRAMMING_DEVICES - 1));
        }
        return rows;
    }

    /**
     * The IR-drop map of the first tile of layer 0: rows are the layer's first {@value #TILE}
     * inputs, columns the G⁺/G⁻ devices of its first {@value #TILE}/2 outputs (G⁺ of output j in
     * column 2j, G⁻ in 2j + 1), as programmed; every row driven at {@code readVolts} (the worst
     * case), the exact circuit solved ({@link IrDropCrossbar}, the crossbar convention: rows
     * driven at column 0, columns sensed at row M − 1). The value of a cell is the share of the
     * read voltage lost across the wires: {@code 100·(1 − (V_row − V_col)/V_read)} %.
     *
     * @param chip      the programmed network (layer 0 must have ≥ 1 input and output)
     * @param wireOhms  resistance of one row or column segment (Ω)
     * @param readVolts the read voltage (V)
     * @return {rows, cols} and the row-major percentages
     */
    static IrMap irDropMap(ProgrammedNetwork chip, int inputs, int outputs, double wireOhms, double readVolts) {
        double[] g = chip.conductancesSiemens(0, Double.NaN, null);
        int n = inputs * outputs;
        int rows = Math.min(TILE, inputs);
        int pairs = Math.min(TILE / 2, outputs);
        int cols = 2 * pairs;
        double[] tile = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < pairs; j++) {
                tile[i * cols + 2 * j] = g[j * inputs + i];
                tile[i * cols + 2 * j + 1] = g[n + j * inputs + i];
            }
        }
        IrDropCrossbar crossbar = new IrDropCrossbar(ConductanceMatrix.of(rows, cols, tile), Wires.of(wireOhms, wireOhms));
        double[] v = new double[rows];
        java.util.Arrays.fill(v, readVolts);
        double[] cell = new double[rows * cols];
        crossbar.cellVoltages(v, cell);
        double[] loss = new double[rows * cols];
        for (int e = 0; e < loss.length; e++) {
            loss[e] = 100 * (1 - cell[e] / readVolts);
        }
        return new IrMap(rows, cols, loss);
    }

    /** A tile's map of values, row-major. */
    record IrMap(int rows, int cols, double[] values) {
        double max() {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }

        double mean() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s / values.length;
        }
    }
}
