package dev.kirchhoff.cli;

import java.io.PrintWriter;

/**
 * Progress for long work: a line on stderr at most once a second (never for work that ends
 * within the first second), and a final line when the work ends after one was printed.
 */
final class ProgressLine {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private boolean printed;

    ProgressLine(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** Reports {@code done} of {@code total} units. */
    void update(int done, int total) {
        long now = System.nanoTime();
        if ((now - lastNanos >= PERIOD_NANOS) || (printed && done == total)) {
            lastNanos = now;
            printed = true;
            err.printf("%s %d/%d (%.0f%%, %.1f s)%n", label, done, total, 100.0 * done / total, (now - startNanos) * 1e-9);
            err.flush();
        }
    }
}
