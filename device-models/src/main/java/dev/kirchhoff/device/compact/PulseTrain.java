package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;

/**
 * {@code count} identical trapezoidal pulses, one per period, each starting at {@code k·period}
 * from 0 V: a linear edge of {@code edgeSeconds} up to the amplitude, a plateau of
 * {@code widthSeconds}, a linear edge back to 0 V, then 0 V until the next period. With
 * {@code edgeSeconds = 0} the edges are ideal jumps. The train ends at {@code count·period}, and
 * the voltage is 0 V at every period end, where {@link CompactSimulator#conductanceVersusPulses}
 * reads the device.
 *
 * @param amplitudeVolts pulse height, finite and non-zero (sign selects SET or RESET for a given model)
 * @param widthSeconds   plateau duration &gt; 0
 * @param periodSeconds  pulse repetition period, {@code > widthSeconds + 2·edgeSeconds}
 * @param count          number of pulses ≥ 1
 * @param edgeSeconds    rise time = fall time ≥ 0
 */
public record PulseTrain(double amplitudeVolts, double widthSeconds, double periodSeconds, int count,
        double edgeSeconds) implements Waveform {

    public PulseTrain {
        Checks.finite("amplitudeVolts", amplitudeVolts);
        if (amplitudeVolts == 0) {
            throw new IllegalArgumentException("amplitudeVolts must be non-zero, got 0.0");
        }
        Checks.positive("widthSeconds", widthSeconds);
        Checks.positive("periodSeconds", periodSeconds);
        Checks.positive("count", count);
        Checks.nonNegative("edgeSeconds", edgeSeconds);
        if (!(widthSeconds + 2 * edgeSeconds < periodSeconds)) {
            throw new IllegalArgumentException("widthSeconds + 2·edgeSeconds must be below periodSeconds="
                    + periodSeconds + ", got " + (widthSeconds + 2 * edgeSeconds));
        }
    }

    /** End of period k (0-based), {@code (k + 1)·period}: 0 V, after pulse k (s). */
    public double periodEndSeconds(int k) {
        return (k + 1) * periodSeconds;
    }

    /** Breakpoints per pulse: start, end of rise, end of plateau, end of fall (or 2 with ideal edges). */
    private int perPulse() {
        return edgeSeconds > 0 ? 4 : 2;
    }

    @Override
    public int segmentCount() {
        return perPulse() * count;
    }

    @Override
    public double breakpointSeconds(int i) {
        if (i < 0 || i > segmentCount()) {
            throw new IllegalArgumentException("i must be in [0, " + segmentCount() + "], got " + i);
        }
        if (i == segmentCount()) {
            return count * periodSeconds;
        }
        int k = i / perPulse();
        int j = i % perPulse();
        double t0 = k * periodSeconds;
        if (edgeSeconds > 0) {
            return switch (j) {
                case 0 -> t0;
                case 1 -> t0 + edgeSeconds;
                case 2 -> t0 + edgeSeconds + widthSeconds;
                default -> t0 + 2 * edgeSeconds + widthSeconds;
            };
        }
        return j == 0 ? t0 : t0 + widthSeconds;
    }

    @Override
    public double voltageOnSegment(int segment, double tSeconds) {
        int j = segment % perPulse();
        if (edgeSeconds == 0) {
            return j == 0 ? amplitudeVolts : 0;
        }
        double a = breakpointSeconds(segment);
        return switch (j) {
            case 0 -> amplitudeVolts * ((tSeconds - a) / edgeSeconds);
            case 1 -> amplitudeVolts;
            case 2 -> amplitudeVolts * (1 - (tSeconds - a) / edgeSeconds);
            default -> 0;
        };
    }

    @Override
    public double[] crossingsSeconds(double levelVolts) {
        double ratio = levelVolts / amplitudeVolts;
        if (edgeSeconds == 0 || !(ratio > 0 && ratio < 1)) {
            return new double[0];
        }
        double[] out = new double[2 * count];
        for (int k = 0; k < count; k++) {
            double t0 = k * periodSeconds;
            out[2 * k] = t0 + ratio * edgeSeconds;
            out[2 * k + 1] = t0 + edgeSeconds + widthSeconds + (1 - ratio) * edgeSeconds;
        }
        return out;
    }
}
