package dev.kirchhoff.tiling.hw;

/**
 * A bad value in a hardware description, naming the field (relative to the record that holds
 * it, e.g. {@code adcConversionJoules} or {@code placements[2].x}) and what is wrong with it.
 * The message reads {@code "<field> <problem>"}; the JSON reader prefixes the JSON path of the
 * enclosing record, so a file error reads {@code $.energy.adcConversionJoules: must be ≥ 0, got -1.0}.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    /**
     * @param field   the field's name, or a path below the record ({@code placements[2].x})
     * @param problem what is wrong, e.g. {@code "must be ≥ 0, got -1.0"}
     */
    public InvalidFieldException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The field, relative to the record that checked it. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }

    /** Requires {@code 0 ≤ value < ∞}; returns it. */
    static double nonNegative(String field, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new InvalidFieldException(field, "must be ≥ 0 and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code 0 < value < ∞}; returns it. */
    static double positive(String field, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new InvalidFieldException(field, "must be > 0 and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code value ≥ min}; returns it. */
    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new InvalidFieldException(field, "must be ≥ " + min + ", got " + value);
        }
        return value;
    }

    /** Requires a non-blank text; returns it. */
    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
