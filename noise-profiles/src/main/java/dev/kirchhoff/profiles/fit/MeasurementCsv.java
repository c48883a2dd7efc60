package dev.kirchhoff.profiles.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV of measurements with a header naming its columns, read strictly: the header must hold
 * every required column (in any order; extra columns are ignored), every row must have as many
 * cells as the header, and every cell of a required column must be a finite number. The first
 * column required by the caller may instead be a device label (any text), numbered by first
 * appearance. Blank lines are skipped; {@code #} starts a comment line.
 *
 * <p>Errors are {@link DataFormatException}s of one line:
 * {@code file:12: column 'conductance_siemens': 'abc' is not a number}, or
 * {@code file: missing column 'time_seconds' (header: device,time,conductance_siemens; did you mean 'time'?)}.
 */
public final class MeasurementCsv {
    private final String origin;
    private final int rows;
    private final int[] device;
    private final List<String> deviceLabels;
    private final Map<String, double[]> columns;
    private final int[] lineNumber;

    private MeasurementCsv(String origin, int rows, int[] device, List<String> deviceLabels,
            Map<String, double[]> columns, int[] lineNumber) {
        this.origin = origin;
        this.rows = rows;
        this.device = device;
        this.deviceLabels = deviceLabels;
        this.columns = columns;
        this.lineNumber = lineNumber;
    }

    /**
     * Reads a file.
     *
     * @param file          the CSV
     * @param deviceColumn  the column holding device labels (e.g. {@code device})
     * @param numberColumns the numeric columns required, e.g. {@code time_seconds, conductance_siemens}
     * @throws DataFormatException for a missing file or any format problem
     */
    public static MeasurementCsv read(Path file, String deviceColumn, String... numberColumns) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file");
        }
        return parse(text, file.toString(), deviceColumn, numberColumns);
    }

    /** Parses CSV text; {@code origin} names it in error messages. */
    public static MeasurementCsv parse(String text, String origin, String deviceColumn, String... numberColumns) {
        List<String> required = new ArrayList<>();
        required.add(deviceColumn);
        required.addAll(Arrays.asList(numberColumns));
        BufferedReader in = new BufferedReader(new StringReader(text));
        String[] header = null;
        int headerLine = 0;
        int[] index = new int[required.size()];
        int lineNo = 0;
        int n = 0;
        int capacity = 1024;
        int[] dev = new int[capacity];
        int[] lines = new int[capacity];
        double[][] values = new double[numberColumns.length][capacity];
        Map<String, Integer> labelIndex = new HashMap<>();
        List<String> labels = new ArrayList<>();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (header == null) {
                    header = cells;
                    headerLine = lineNo;
                    for (int i = 0; i < header.length; i++) {
                        header[i] = header[i].strip();
                    }
                    for (int r = 0; r < required.size(); r++) {
                        index[r] = indexOf(header, required.get(r));
                        if (index[r] < 0) {
                            throw new DataFormatException(origin + ": missing column '" + required.get(r) + "' (header: "
                                    + String.join(",", header) + hint(header, required.get(r)) + ")");
                        }
                    }
                    continue;
                }
                if (cells.length != header.length) {
                    throw new DataFormatException(origin + ":" + lineNo + ": expected " + header.length
                            + " cells as in the header (line " + headerLine + "), got " + cells.length);
                }
                if (n == capacity) {
                    capacity *= 2;
                    dev = Arrays.copyOf(dev, capacity);
                    lines = Arrays.copyOf(lines, capacity);
                    for (int c = 0; c < values.length; c++) {
                        values[c] = Arrays.copyOf(values[c], capacity);
                    }
                }
                String label = cells[index[0]].strip();
                if (label.isEmpty()) {
                    throw new DataFormatException(origin + ":" + lineNo + ": column '" + deviceColumn + "' is empty");
                }
                Integer id = labelIndex.get(label);
                if (id == null) {
                    id = labels.size();
                    labelIndex.put(label, id);
                    labels.add(label);
                }
                dev[n] = id;
                lines[n] = lineNo;
                for (int c = 0; c < numberColumns.length; c++) {
                    String cell = cells[index[c + 1]].strip();
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(origin + ":" + lineNo + ": column '" + numberColumns[c] + "': '"
                                + cell + "' is not a number");
                    }
                    if (!Double.isFinite(v)) {
                        throw new DataFormatException(origin + ":" + lineNo + ": column '" + numberColumns[c] + "': '"
                                + cell + "' is not a finite number");
                    }
                    values[c][n] = v;
                }
                n++;
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        if (header == null) {
            throw new DataFormatException(origin + ": the file is empty (expected a header: " + String.join(",", required) + ")");
        }
        if (n == 0) {
            throw new DataFormatException(origin + ": no data rows after the header");
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < numberColumns.length; c++) {
            cols.put(numberColumns[c], Arrays.copyOf(values[c], n));
        }
        return new MeasurementCsv(origin, n, Arrays.copyOf(dev, n), List.copyOf(labels), cols, Arrays.copyOf(lines, n));
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** "; did you mean 'x'?" for the header cell closest to {@code name} in edit distance, if close. */
    private static String hint(String[] header, String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String h : header) {
            int d = editDistance(h.toLowerCase(Locale.ROOT), name);
            if (d < bestDistance) {
                bestDistance = d;
                best = h;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(2, name.length() / 3)
                || name.startsWith(best.toLowerCase(Locale.ROOT)) || best.toLowerCase(Locale.ROOT).startsWith(name));
        return close && !best.isEmpty() ? "; did you mean '" + best + "'?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Where the data came from (the file name), for messages. */
    public String origin() {
        return origin;
    }

    /** Number of data rows. */
    public int rows() {
        return rows;
    }

    /** Number of distinct devices. */
    public int deviceCount() {
        return deviceLabels.size();
    }

    /** Device of each row, 0-based in order of first appearance; a copy. */
    public int[] device() {
        return device.clone();
    }

    /** The device labels as written, index = device number. */
    public List<String> deviceLabels() {
        return deviceLabels;
    }

    /** A numeric column (one value per row); a copy. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("column must be one of " + columns.keySet() + ", got '" + name + "'");
        }
        return c.clone();
    }

    /** The line of the file that row {@code row} came from (1-based), for messages. */
    public int lineOf(int row) {
        return lineNumber[row];
    }
}
