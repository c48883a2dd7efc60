package dev.kirchhoff.device.compact;

/**
 * Applied voltage versus time on {@code [startSeconds, endSeconds]}, made of smooth pieces. The
 * breakpoints {@code b_0 = start < b_1 < … < b_m = end} separate segments on whose interior the
 * voltage is infinitely differentiable; at a breakpoint it may have a kink or a jump. An ODE
 * integrator steps exactly to every breakpoint and evaluates segment k through
 * {@link #voltageOnSegment}, the smooth piece extended to its closed interval, so a jump is
 * never smeared over a step.
 */
public sealed interface Waveform permits SineWaveform, PiecewiseLinearWaveform, PulseTrain {

    /** Number of smooth segments m ≥ 1. */
    int segmentCount();

    /** Breakpoint {@code b_i}, {@code 0 ≤ i ≤ segmentCount()} (s). */
    double breakpointSeconds(int i);

    /** A copy of all breakpoints, strictly increasing (s). */
    default double[] breakpointsSeconds() {
        double[] b = new double[segmentCount() + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = breakpointSeconds(i);
        }
        return b;
    }

    default double startSeconds() {
        return breakpointSeconds(0);
    }

    default double endSeconds() {
        return breakpointSeconds(segmentCount());
    }

    /**
     * The smooth piece of segment k at {@code tSeconds ∈ [b_k, b_(k+1)]}: at a jump, the left
     * breakpoint gives the value just after it and the right breakpoint the value just before.
     */
    double voltageOnSegment(int segment, double tSeconds);

    /** Voltage at t, right-continuous at jumps (the left limit at the end time) (V). */
    default double voltage(double tSeconds) {
        return voltageOnSegment(segmentAt(tSeconds), tSeconds);
    }

    /**
     * Index k of the segment with {@code b_k ≤ t < b_(k+1)}, the last segment for t = end.
     *
     * @throws IllegalArgumentException if t lies outside {@code [start, end]} or is NaN
     */
    default int segmentAt(double tSeconds) {
        int m = segmentCount();
        if (!(tSeconds >= startSeconds() && tSeconds <= endSeconds())) {
            throw new IllegalArgumentException("tSeconds must be in [" + startSeconds() + ", " + endSeconds()
                    + "], got " + tSeconds);
        }
        int lo = 0;
        int hi = m - 1;
        while (lo < hi) { // largest k ≤ m−1 with b_k ≤ t
            int mid = (lo + hi + 1) >>> 1;
            if (breakpointSeconds(mid) <= tSeconds) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Times strictly inside segments where the voltage crosses {@code levelVolts} (changes sign
     * relative to it), in increasing order. A model whose rate has a kink at a threshold voltage
     * gets its kinks at known times from this, so the integrator can step to them.
     */
    double[] crossingsSeconds(double levelVolts);

    /** {@code V(t) = A·sin(2π·f·t)} for {@code cycles} periods from t = 0. */
    static SineWaveform sine(double amplitudeVolts, double frequencyHertz, double cycles) {
        return new SineWaveform(amplitudeVolts, frequencyHertz, cycles);
    }

    /** Triangle sweep 0 → A → 0 → −A → 0 per period, {@code cycles} periods from t = 0. */
    static PiecewiseLinearWaveform triangle(double amplitudeVolts, double periodSeconds, int cycles) {
        return PiecewiseLinearWaveform.triangle(amplitudeVolts, periodSeconds, cycles);
    }

    /** Rectangular pulses with ideal edges; see {@link PulseTrain}. */
    static PulseTrain pulseTrain(double amplitudeVolts, double widthSeconds, double periodSeconds, int count) {
        return new PulseTrain(amplitudeVolts, widthSeconds, periodSeconds, count, 0);
    }

    /** Linear interpolation between points; see {@link PiecewiseLinearWaveform}. */
    static PiecewiseLinearWaveform piecewiseLinear(double[] timesSeconds, double[] volts) {
        return new PiecewiseLinearWaveform(timesSeconds, volts);
    }
}
