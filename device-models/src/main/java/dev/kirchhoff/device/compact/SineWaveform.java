package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;

/**
 * {@code V(t) = A·sin(2π·f·t)} on {@code [0, cycles/f]}, one smooth segment: the I–V hysteresis
 * sweep of MemTorch's {@code plot_hysteresis_loop} (VTEAM: 1 V at 50 MHz; Stanford-PKU: 1.5 V at 10 Hz).
 *
 * @param amplitudeVolts A, finite and non-zero (a negative A starts with the negative half-wave)
 * @param frequencyHertz f &gt; 0
 * @param cycles         number of periods &gt; 0 (need not be whole)
 */
public record SineWaveform(double amplitudeVolts, double frequencyHertz, double cycles) implements Waveform {

    public SineWaveform {
        Checks.finite("amplitudeVolts", amplitudeVolts);
        if (amplitudeVolts == 0) {
            throw new IllegalArgumentException("amplitudeVolts must be non-zero, got 0.0");
        }
        Checks.positive("frequencyHertz", frequencyHertz);
        Checks.positive("cycles", cycles);
    }

    /** Period 1/f (s). */
    public double periodSeconds() {
        return 1 / frequencyHertz;
    }

    @Override
    public int segmentCount() {
        return 1;
    }

    @Override
    public double breakpointSeconds(int i) {
        if (i == 0) {
            return 0;
        }
        if (i == 1) {
            return cycles / frequencyHertz;
        }
        throw new IllegalArgumentException("i must be 0 or 1, got " + i);
    }

    @Override
    public double voltageOnSegment(int segment, double tSeconds) {
        return amplitudeVolts * Math.sin(2 * Math.PI * frequencyHertz * tSeconds);
    }

    @Override
    public double[] crossingsSeconds(double levelVolts) {
        double ratio = levelVolts / amplitudeVolts;
        if (!(Math.abs(ratio) < 1)) {
            return new double[0];
        }
        double phase1 = Math.asin(ratio);          // in (−π/2, π/2)
        double phase2 = Math.PI - phase1;          // in (π/2, 3π/2)
        double phaseEnd = 2 * Math.PI * cycles;
        int periods = (int) Math.ceil(cycles) + 1;
        double[] out = new double[2 * periods + 4];
        int count = 0;
        for (int k = -1; k <= periods; k++) {
            for (double p : new double[] {phase1 + 2 * Math.PI * k, phase2 + 2 * Math.PI * k}) {
                if (p > 0 && p < phaseEnd) {
                    out[count++] = p / (2 * Math.PI * frequencyHertz);
                }
            }
        }
        double[] result = Arrays.copyOf(out, count);
        Arrays.sort(result);
        return result;
    }
}
