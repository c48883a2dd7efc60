package dev.kirchhoff.profiles.fit;

/**
 * A fit that ran on valid data but did not converge (or converged to a degenerate point). The
 * message names the fit, what failed and the iteration count; the command line exits 1.
 */
public class FitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitException(String message) {
        super(message);
    }

    public FitException(String message, Throwable cause) {
        super(message, cause);
    }
}
