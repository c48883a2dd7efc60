package dev.kirchhoff.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rectangular table of numbers read strictly from a headerless CSV file: every line holds the
 * same number of comma-separated finite numbers. Blank lines at the end are ignored; any other
 * problem (an empty file, a ragged line, a field that is not a number, NaN or ±∞, a blank line in
 * the middle) is an {@link IllegalArgumentException} naming the file, the line, the field and the
 * problem.
 *
 * @param file   where it was read from, for messages
 * @param rows   number of lines
 * @param cols   values per line
 * @param values row-major values
 */
record CsvMatrix(Path file, int rows, int cols, double[] values) {

    /** Reads {@code file}. */
    static CsvMatrix read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            DoubleList values = new DoubleList();
            int cols = -1;
            int rows = 0;
            int blankLine = 0;
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (blankLine == 0) {
                        blankLine = lineNo;
                    }
                    continue;
                }
                if (blankLine != 0) {
                    throw new IllegalArgumentException(file + ": line " + blankLine + ": blank line inside the data");
                }
                int count = parseLine(file, lineNo, line, values);
                if (cols < 0) {
                    cols = count;
                } else if (count != cols) {
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": expected " + cols
                            + " values (as on line 1), got " + count);
                }
                rows++;
            }
            if (rows == 0) {
                throw new IllegalArgumentException(file + ": the file is empty");
            }
            return new CsvMatrix(file, rows, cols, values.toArray());
        }
    }

    private static int parseLine(Path file, int lineNo, String line, DoubleList out) {
        int count = 0;
        int start = 0;
        int len = line.length();
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            String field = line.substring(start, end).strip();
            count++;
            double v;
            try {
                if (field.isEmpty()) {
                    throw new NumberFormatException();
                }
                v = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": line " + lineNo + ", field " + count + ": '" + field
                        + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + ": line " + lineNo + ", field " + count + ": " + field
                        + " is not a finite number");
            }
            out.add(v);
            if (comma < 0) {
                return count;
            }
            start = comma + 1;
        }
    }

    /** A growable primitive list, so a large file costs 8 bytes per value while it is read. */
    private static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
