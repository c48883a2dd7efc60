package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.PulseResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measured potentiation/depression cycles of many devices, as {@code kirchhoff device pulse-response}
 * writes them and a probe station records them: one row per pulse,
 * <pre>
 *   device,cycle,pulse_index,polarity,conductance_siemens
 * </pre>
 * in any column order (extra columns ignored), read strictly by {@link MeasurementCsv}. The
 * conductance is the read after the pulse. Each device is taken to start at its own gMin before
 * its first pulse, and the pulses of a device are applied in the order (cycle, pulse_index), each
 * cycle starting where the last one ended (as {@link PulseResponse} simulates them).
 *
 * <p>Checks, each a one-line {@link DataFormatException} naming the file (and line where there is
 * one): cycle and pulse_index are integers ≥ 0; polarity is +1 or −1; conductances are ≥ 0; every
 * device has the same complete grid of (cycle, pulse_index), each pair once; a pair has the same
 * polarity on every device; every cycle has at least one potentiation and one depression pulse;
 * at least {@link #MIN_READS_PER_DEVICE} reads per device.
 *
 * <p>Layout: the reads of device d are {@code conductance(d, n)} for the pulse number
 * {@code n = cycleIndex·pulsesPerCycle + pulseIndexIndex}, where the indices count the distinct
 * cycle and pulse_index values in increasing order.
 */
public final class PulseResponseData {
    /** The fewest reads per device that a fit accepts (the piecewise model has 12 parameters per device). */
    public static final int MIN_READS_PER_DEVICE = 40;

    static final String DEVICE = "device";
    static final String CYCLE = "cycle";
    static final String PULSE_INDEX = "pulse_index";
    static final String POLARITY = "polarity";
    static final String CONDUCTANCE = "conductance_siemens";

    private final String origin;
    private final List<String> deviceLabels;
    private final int[] cycleValues;
    private final int[] pulseIndexValues;
    private final byte[] polarity;
    private final double[][] conductance;

    private PulseResponseData(String origin, List<String> deviceLabels, int[] cycleValues, int[] pulseIndexValues,
            byte[] polarity, double[][] conductance) {
        this.origin = origin;
        this.deviceLabels = deviceLabels;
        this.cycleValues = cycleValues;
        this.pulseIndexValues = pulseIndexValues;
        this.polarity = polarity;
        this.conductance = conductance;
    }

    /**
     * Reads a CSV file.
     *
     * @throws DataFormatException for a missing file or any of the problems listed above
     */
    public static PulseResponseData read(Path csv) throws IOException {
        return of(MeasurementCsv.read(csv, DEVICE, CYCLE, PULSE_INDEX, POLARITY, CONDUCTANCE));
    }

    /** Parses CSV text; {@code origin} names it in error messages. */
    public static PulseResponseData parse(String text, String origin) {
        return of(MeasurementCsv.parse(text, origin, DEVICE, CYCLE, PULSE_INDEX, POLARITY, CONDUCTANCE));
    }

    /**
     * The data of a simulated experiment, devices labelled 0, 1, …, cycles and pulse indices from 0
     * (what the CSV of {@code kirchhoff device pulse-response} holds, without the round trip through text).
     */
    public static PulseResponseData of(PulseResponse r) {
        Objects.requireNonNull(r, "r");
        int k = r.pulsesPerCycle();
        int n = r.cycles() * k;
        if (n < MIN_READS_PER_DEVICE) {
            throw new DataFormatException("simulation: too few points, " + n + " reads per device, need at least "
                    + MIN_READS_PER_DEVICE);
        }
        List<String> labels = new ArrayList<>();
        double[][] g = new double[r.devices()][n];
        for (int d = 0; d < r.devices(); d++) {
            labels.add(Integer.toString(d));
            System.arraycopy(r.conductanceSiemens(), r.index(d, 0, 0), g[d], 0, n);
        }
        byte[] pol = new byte[n];
        for (int i = 0; i < n; i++) {
            pol[i] = (byte) r.polarity(i % k);
        }
        return new PulseResponseData("simulation", List.copyOf(labels), sequence(r.cycles()), sequence(k), pol, g);
    }

    private static int[] sequence(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    private static PulseResponseData of(MeasurementCsv csv) {
        String file = csv.origin();
        int rows = csv.rows();
        int[] dev = csv.device();
        double[] cyc = csv.column(CYCLE);
        double[] idx = csv.column(PULSE_INDEX);
        double[] pol = csv.column(POLARITY);
        double[] g = csv.column(CONDUCTANCE);
        for (int r = 0; r < rows; r++) {
            requireIndex(file, csv.lineOf(r), CYCLE, cyc[r]);
            requireIndex(file, csv.lineOf(r), PULSE_INDEX, idx[r]);
            if (pol[r] != 1 && pol[r] != -1) {
                throw new DataFormatException(file + ":" + csv.lineOf(r) + ": column '" + POLARITY
                        + "' must be +1 or -1, got " + format(pol[r]));
            }
            if (!(g[r] >= 0)) {
                throw new DataFormatException(file + ":" + csv.lineOf(r) + ": column '" + CONDUCTANCE
                        + "' must be >= 0, got " + g[r]);
            }
        }
        int[] cycles = distinctSorted(cyc);
        int[] pulses = distinctSorted(idx);
        int devices = csv.deviceCount();
        int k = pulses.length;
        long perDevice = (long) cycles.length * k;
        if ((long) devices * perDevice != rows) {
            // Either a duplicate or a hole: find which, and where.
            locateGridError(csv, cycles, pulses, cyc, idx, dev);
        }
        int n = (int) perDevice;
        double[][] cond = new double[devices][n];
        byte[] polarity = new byte[n];
        int[] polarityLine = new int[n];
        boolean[][] seen = new boolean[devices][n];
        for (int r = 0; r < rows; r++) {
            int pos = Arrays.binarySearch(cycles, (int) cyc[r]) * k + Arrays.binarySearch(pulses, (int) idx[r]);
            if (seen[dev[r]][pos]) {
                throw new DataFormatException(file + ":" + csv.lineOf(r) + ": device '" + csv.deviceLabels().get(dev[r])
                        + "' has a second read at cycle " + (int) cyc[r] + ", pulse_index " + (int) idx[r]);
            }
            seen[dev[r]][pos] = true;
            cond[dev[r]][pos] = g[r];
            if (polarityLine[pos] == 0) {
                polarity[pos] = (byte) pol[r];
                polarityLine[pos] = csv.lineOf(r);
            } else if (polarity[pos] != (byte) pol[r]) {
                throw new DataFormatException(file + ":" + csv.lineOf(r) + ": polarity " + format(pol[r]) + " at cycle "
                        + (int) cyc[r] + ", pulse_index " + (int) idx[r] + " differs from " + polarity[pos] + " on line "
                        + polarityLine[pos] + " (every device must get the same pulse sequence)");
            }
        }
        for (int c = 0; c < cycles.length; c++) {
            int up = 0;
            int down = 0;
            for (int i = c * k; i < (c + 1) * k; i++) {
                if (polarity[i] > 0) {
                    up++;
                } else {
                    down++;
                }
            }
            if (up == 0 || down == 0) {
                throw new DataFormatException(file + ": cycle " + cycles[c] + " has " + up + " potentiation and " + down
                        + " depression pulses; every cycle needs at least one of each");
            }
        }
        if (n < MIN_READS_PER_DEVICE) {
            throw new DataFormatException(file + ": too few points, " + n + " reads per device, need at least "
                    + MIN_READS_PER_DEVICE);
        }
        return new PulseResponseData(file, csv.deviceLabels(), cycles, pulses, polarity, cond);
    }

    private static void requireIndex(String file, int line, String column, double v) {
        if (!(v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE)) {
            throw new DataFormatException(file + ":" + line + ": column '" + column + "' must be an integer >= 0, got "
                    + format(v));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static int[] distinctSorted(double[] v) {
        return Arrays.stream(v).mapToInt(x -> (int) x).distinct().sorted().toArray();
    }

    /** Throws the DataFormatException that says where the (device, cycle, pulse_index) grid breaks. */
    private static void locateGridError(MeasurementCsv csv, int[] cycles, int[] pulses, double[] cyc, double[] idx,
            int[] dev) {
        int k = pulses.length;
        int n = cycles.length * k;
        int[][] firstLine = new int[csv.deviceCount()][n];
        for (int r = 0; r < csv.rows(); r++) {
            int pos = Arrays.binarySearch(cycles, (int) cyc[r]) * k + Arrays.binarySearch(pulses, (int) idx[r]);
            if (firstLine[dev[r]][pos] != 0) {
                throw new DataFormatException(csv.origin() + ":" + csv.lineOf(r) + ": device '"
                        + csv.deviceLabels().get(dev[r]) + "' has a second read at cycle " + (int) cyc[r]
                        + ", pulse_index " + (int) idx[r] + " (first on line " + firstLine[dev[r]][pos] + ")");
            }
            firstLine[dev[r]][pos] = csv.lineOf(r);
        }
        for (int d = 0; d < csv.deviceCount(); d++) {
            for (int pos = 0; pos < n; pos++) {
                if (firstLine[d][pos] == 0) {
                    throw new DataFormatException(csv.origin() + ": ragged grid: device '" + csv.deviceLabels().get(d)
                            + "' has no read at cycle " + cycles[pos / k] + ", pulse_index " + pulses[pos % k]
                            + " (every device needs the same complete grid of cycle and pulse_index)");
                }
            }
        }
        throw new IllegalStateException("grid size mismatch without a duplicate or a hole");
    }

    /** Where the data came from, for messages. */
    public String origin() {
        return origin;
    }

    /** Number of devices. */
    public int devices() {
        return conductance.length;
    }

    /** Device labels as written, in order of first appearance. */
    public List<String> deviceLabels() {
        return deviceLabels;
    }

    /** Number of cycles. */
    public int cycles() {
        return cycleValues.length;
    }

    /** Pulses per cycle. */
    public int pulsesPerCycle() {
        return pulseIndexValues.length;
    }

    /** Pulses per device, {@code cycles()·pulsesPerCycle()}. */
    public int pulses() {
        return polarity.length;
    }

    /** The cycle label of pulse number n (as in the file). */
    public int cycleOf(int n) {
        return cycleValues[n / pulseIndexValues.length];
    }

    /** The pulse_index label of pulse number n (as in the file). */
    public int pulseIndexOf(int n) {
        return pulseIndexValues[n % pulseIndexValues.length];
    }

    /** Polarity (+1 or −1) of pulse number n, the same on every device. */
    public int polarity(int n) {
        return polarity[n];
    }

    /** The polarity sequence, one entry per pulse number; a copy. */
    public byte[] polaritySequence() {
        return polarity.clone();
    }

    /** Read conductance (S) of device d after pulse number n. */
    public double conductance(int d, int n) {
        return conductance[d][n];
    }

    /** Device d's reads in pulse order (S); a copy. */
    public double[] reads(int d) {
        return conductance[d].clone();
    }
}
