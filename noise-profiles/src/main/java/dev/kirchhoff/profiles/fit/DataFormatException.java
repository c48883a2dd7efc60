package dev.kirchhoff.profiles.fit;

/**
 * Measured data that cannot be fitted as given: a missing or misspelled column, a cell that is
 * not a finite number, a ragged row, an empty file, too few points, times that do not increase.
 * The message is one line naming the file (and line, or column) and the problem.
 */
public class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }
}
