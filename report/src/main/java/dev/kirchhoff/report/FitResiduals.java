package dev.kirchhoff.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The residuals CSV of {@code kirchhoff fit} ({@code PROFILE-KIND-residuals.csv}): identifying
 * columns, then {@code measured_UNIT}, {@code fitted_UNIT} and {@code residual_UNIT}. Read for
 * the report's fit-vs-data plot.
 *
 * @param name     the file's name without {@code -residuals.csv}
 * @param unit     the unit suffix of the columns (e.g. {@code siemens})
 * @param measured the measured values
 * @param fitted   the fitted values, same length
 */
record FitResiduals(String name, String unit, double[] measured, double[] fitted) {
    private static final String SUFFIX = "-residuals.csv";

    /**
     * Reads a residuals file.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem: no
     *                                  {@code measured_*}/{@code fitted_*} columns, a ragged row, a
     *                                  value that is not a finite number, no data
     */
    static FitResiduals read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(file + ": empty file, expected a residuals CSV from kirchhoff fit");
        }
        String[] header = lines.get(0).split(",", -1);
        int m = -1;
        int f = -1;
        String unit = null;
        for (int c = 0; c < header.length; c++) {
            if (header[c].startsWith("measured_")) {
                m = c;
                unit = header[c].substring("measured_".length());
            }
        }
        if (m >= 0) {
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals("fitted_" + unit)) {
                    f = c;
                }
            }
        }
        if (m < 0 || f < 0) {
            throw new IllegalArgumentException(file + ": line 1: expected columns measured_UNIT and fitted_UNIT, got "
                    + lines.get(0));
        }
        int n = 0;
        double[] measured = new double[lines.size() - 1];
        double[] fitted = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + cells.length + " fields, the header has "
                        + header.length);
            }
            measured[n] = number(file, i + 1, cells[m]);
            fitted[n] = number(file, i + 1, cells[f]);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException(file + ": no data rows after the header");
        }
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        return new FitResiduals(name, unit, java.util.Arrays.copyOf(measured, n), java.util.Arrays.copyOf(fitted, n));
    }

    private static double number(Path file, int line, String cell) {
        double v;
        try {
            v = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": line " + line + ": '" + cell + "' is not a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(file + ": line " + line + ": '" + cell + "' is not finite");
        }
        return v;
    }

    /** The residual files {@code kirchhoff fit} wrote beside a profile file: {@code STEM-*-residuals.csv}. */
    static List<Path> besideProfile(Path profileFile) throws IOException {
        Path dir = profileFile.toAbsolutePath().getParent();
        String name = profileFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(stem + "-") && f.endsWith(SUFFIX);
            }).sorted().toList();
        }
    }
}
