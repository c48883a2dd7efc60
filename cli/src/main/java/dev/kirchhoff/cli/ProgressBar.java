package dev.kirchhoff.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on stderr for long work: on a terminal one line redrawn in place at most ten
 * times a second; otherwise (a log, a pipe) a line at most every five seconds. Shows the share
 * done, the stage, the elapsed time and an estimate of the time left.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final long periodNanos;
    private final long startNanos = System.nanoTime();
    private long lastNanos = Long.MIN_VALUE / 2;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.periodNanos = terminal ? 100_000_000L : 5_000_000_000L;
    }

    /** Reports the stage and the share of the work done, in [0, 1]. */
    synchronized void update(String stage, double fraction) {
        long now = System.nanoTime();
        if (now - lastNanos < periodNanos && fraction < 1) {
            return;
        }
        lastNanos = now;
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        double elapsed = (now - startNanos) * 1e-9;
        String left = f > 0.02 && f < 1 ? ", ~" + time(elapsed * (1 - f) / f) + " left" : "";
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% %s (%s%s)", "#".repeat(filled), "-".repeat(WIDTH - filled),
                100 * f, stage, time(elapsed), left);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
    }

    /** Ends the bar's line on a terminal. */
    synchronized void finish() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
