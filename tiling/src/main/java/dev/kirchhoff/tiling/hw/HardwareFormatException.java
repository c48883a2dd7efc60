package dev.kirchhoff.tiling.hw;

/**
 * A hardware description that cannot be read: names where it came from, the JSON path of the bad
 * field and the problem, in one line, e.g.
 * {@code hw.json: $.energy.adcConversionJoules: must be ≥ 0 and finite, got -1.0 (line 14)}.
 */
public class HardwareFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public HardwareFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
