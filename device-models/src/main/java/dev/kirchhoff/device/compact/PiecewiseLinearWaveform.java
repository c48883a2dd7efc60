package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;

/**
 * Voltage interpolated linearly between points {@code (t_p, v_p)}. Times are non-decreasing; two
 * equal consecutive times make a jump (an ideal pulse edge), three are rejected. The breakpoints
 * are the distinct times.
 */
public final class PiecewiseLinearWaveform implements Waveform {
    private final double[] times;
    private final double[] volts;
    private final double[] breakpoints;
    /** piece[k]: index p of the point starting segment k, with times[p] < times[p + 1]. */
    private final int[] piece;

    /**
     * @param timesSeconds point times, finite, non-decreasing, no three equal, first &lt; last; copied
     * @param volts        point voltages, finite, same length (≥ 2); copied
     */
    public PiecewiseLinearWaveform(double[] timesSeconds, double[] volts) {
        if (timesSeconds.length < 2 || timesSeconds.length != volts.length) {
            throw new IllegalArgumentException("timesSeconds and volts must have the same length ≥ 2, got "
                    + timesSeconds.length + " and " + volts.length);
        }
        int n = timesSeconds.length;
        for (int p = 0; p < n; p++) {
            Checks.finite("timesSeconds[" + p + "]", timesSeconds[p]);
            Checks.finite("volts[" + p + "]", volts[p]);
            if (p > 0 && !(timesSeconds[p] >= timesSeconds[p - 1])) {
                throw new IllegalArgumentException("timesSeconds must be non-decreasing, got timesSeconds[" + p
                        + "]=" + timesSeconds[p] + " after " + timesSeconds[p - 1]);
            }
            if (p > 1 && timesSeconds[p] == timesSeconds[p - 2]) {
                throw new IllegalArgumentException("at most two points may share a time, got three at "
                        + timesSeconds[p]);
            }
        }
        if (!(timesSeconds[n - 1] > timesSeconds[0])) {
            throw new IllegalArgumentException("timesSeconds must span a positive interval, got ["
                    + timesSeconds[0] + ", " + timesSeconds[n - 1] + "]");
        }
        this.times = timesSeconds.clone();
        this.volts = volts.clone();
        int[] pieces = new int[n - 1];
        int m = 0;
        for (int p = 0; p + 1 < n; p++) {
            if (times[p] < times[p + 1]) {
                pieces[m++] = p;
            }
        }
        this.piece = Arrays.copyOf(pieces, m);
        this.breakpoints = new double[m + 1];
        for (int k = 0; k < m; k++) {
            breakpoints[k] = times[piece[k]];
        }
        breakpoints[m] = times[n - 1];
    }

    /** Triangle sweep 0 → A → 0 → −A → 0 per period, {@code cycles} periods from t = 0. */
    public static PiecewiseLinearWaveform triangle(double amplitudeVolts, double periodSeconds, int cycles) {
        Checks.finite("amplitudeVolts", amplitudeVolts);
        Checks.positive("periodSeconds", periodSeconds);
        Checks.positive("cycles", cycles);
        double[] t = new double[4 * cycles + 1];
        double[] v = new double[4 * cycles + 1];
        double[] shape = {0, amplitudeVolts, 0, -amplitudeVolts};
        for (int i = 0; i < t.length; i++) {
            t[i] = periodSeconds * i / 4.0;
            v[i] = shape[i % 4];
        }
        return new PiecewiseLinearWaveform(t, v);
    }

    /** A copy of the point times (s). */
    public double[] timesSeconds() {
        return times.clone();
    }

    /** A copy of the point voltages (V). */
    public double[] volts() {
        return volts.clone();
    }

    @Override
    public int segmentCount() {
        return piece.length;
    }

    @Override
    public double breakpointSeconds(int i) {
        return breakpoints[i];
    }

    @Override
    public double voltageOnSegment(int segment, double tSeconds) {
        int p = piece[segment];
        double t0 = times[p];
        double t1 = times[p + 1];
        double v0 = volts[p];
        double v1 = volts[p + 1];
        if (tSeconds == t1) {
            return v1;
        }
        return v0 + (v1 - v0) * ((tSeconds - t0) / (t1 - t0));
    }

    @Override
    public double[] crossingsSeconds(double levelVolts) {
        double[] out = new double[piece.length];
        int count = 0;
        for (int p : piece) {
            double a = volts[p] - levelVolts;
            double b = volts[p + 1] - levelVolts;
            if ((a < 0 && b > 0) || (a > 0 && b < 0)) {
                double t = times[p] + a / (a - b) * (times[p + 1] - times[p]);
                if (t > times[p] && t < times[p + 1]) {
                    out[count++] = t;
                }
            }
        }
        return Arrays.copyOf(out, count);
    }
}
