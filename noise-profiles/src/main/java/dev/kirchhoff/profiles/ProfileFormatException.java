package dev.kirchhoff.profiles;

/**
 * A profile that cannot be read: names the file, the JSON path (and line where known) and the
 * problem, in one line.
 */
public class ProfileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
