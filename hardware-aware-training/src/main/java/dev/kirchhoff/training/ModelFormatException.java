package dev.kirchhoff.training;

/**
 * A model file that cannot be read: the message names the file and the problem (bad magic,
 * truncation, checksum, JSON, sizes, non-finite weights) in one line.
 */
public class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the file, as the user named it
     * @param problem what is wrong with it, a phrase without the file name
     * @param cause   the underlying failure, or null
     */
    public ModelFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file, as the user named it. */
    public String file() {
        return file;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
