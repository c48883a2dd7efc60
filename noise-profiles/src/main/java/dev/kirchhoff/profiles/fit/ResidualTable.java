package dev.kirchhoff.profiles.fit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * The data a fit used beside the fitted values, one row per point, for a fit-vs-data plot: the
 * first columns identify the point (as in the input CSV), then {@code measured}, {@code fitted}
 * and {@code residual} (measured − fitted), in the unit the header names.
 *
 * @param header column names
 * @param rows   one array per row, each of header.size() values
 */
public record ResidualTable(List<String> header, List<double[]> rows) {
    public ResidualTable {
        header = List.copyOf(header);
        Objects.requireNonNull(rows, "rows");
        for (double[] r : rows) {
            if (r.length != header.size()) {
                throw new IllegalArgumentException("every row must have " + header.size() + " values, got " + r.length);
            }
        }
        rows = List.copyOf(rows);
    }

    /** Writes the table as CSV; integral values are written without a decimal point. */
    public void writeCsv(Writer w) throws IOException {
        w.write(String.join(",", header));
        w.write('\n');
        StringBuilder line = new StringBuilder(96);
        for (double[] r : rows) {
            line.setLength(0);
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                double v = r[i];
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    line.append((long) v);
                } else {
                    line.append(v);
                }
            }
            line.append('\n');
            w.append(line);
        }
    }
}
