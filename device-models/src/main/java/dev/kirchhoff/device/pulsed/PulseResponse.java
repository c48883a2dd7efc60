package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A potentiation/depression experiment as a device engineer runs it on a probe station: each
 * cycle is {@code pulsesPerDirection} potentiation pulses then as many depression pulses,
 * the conductance read after every pulse (with write noise, as a measurement would see it).
 * Devices start at their own gMin and each cycle starts where the last one ended.
 *
 * @param devices            number of devices
 * @param cycles             number of cycles
 * @param pulsesPerDirection pulses per direction per cycle
 * @param conductanceSiemens read conductance, index {@link #index(int, int, int)}
 */
public record PulseResponse(int devices, int cycles, int pulsesPerDirection, double[] conductanceSiemens) {
    /** The header of {@link #writeCsv}. */
    public static final String CSV_HEADER = "device,cycle,pulse_index,polarity,conductance_siemens";

    /**
     * Writes the experiment as CSV, the format {@code kirchhoff fit pulse-response} reads: the
     * header {@value #CSV_HEADER}, then one row per device, cycle and pulse, in that order.
     */
    public void writeCsv(Writer w) throws IOException {
        StringBuilder line = new StringBuilder(64);
        w.write(CSV_HEADER);
        w.write('\n');
        for (int d = 0; d < devices; d++) {
            for (int c = 0; c < cycles; c++) {
                for (int p = 0; p < pulsesPerCycle(); p++) {
                    line.setLength(0);
                    line.append(d).append(',').append(c).append(',').append(p).append(',').append(polarity(p))
                            .append(',').append(conductanceSiemens[index(d, c, p)]).append('\n');
                    w.append(line);
                }
            }
        }
    }

    /** Pulses per cycle: {@code 2·pulsesPerDirection}. */
    public int pulsesPerCycle() {
        return 2 * pulsesPerDirection;
    }

    /** Position of (device, cycle, pulse index within the cycle) in {@link #conductanceSiemens}. */
    public int index(int device, int cycle, int pulseIndex) {
        return (device * cycles + cycle) * pulsesPerCycle() + pulseIndex;
    }

    /** Polarity of pulse {@code pulseIndex} within a cycle: +1 for the first half, −1 after. */
    public int polarity(int pulseIndex) {
        return pulseIndex < pulsesPerDirection ? +1 : -1;
    }

    /** Called after each cycle with the number of cycles done, for progress reports. */
    @FunctionalInterface
    public interface Progress {
        void cyclesDone(int done, int total);
    }

    /**
     * Runs the experiment.
     *
     * @param model              the device model (drawn afresh: device-to-device spread included)
     * @param devices            ≥ 1
     * @param cycles             ≥ 1
     * @param pulsesPerDirection ≥ 1
     * @param rng                source of every draw (advanced)
     * @param progress           told after every cycle; may be {@code null}
     */
    public static PulseResponse simulate(PulsedDeviceModel model, int devices, int cycles, int pulsesPerDirection,
            UniformRandomProvider rng, Progress progress) {
        Checks.positive("devices", devices);
        Checks.positive("cycles", cycles);
        Checks.positive("pulsesPerDirection", pulsesPerDirection);
        long total = (long) devices * cycles * 2L * pulsesPerDirection;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("devices × cycles × 2 × pulses must fit in one array, got " + total);
        }
        PulsedDeviceArray array = model.create(devices, rng);
        PulseResponse result = new PulseResponse(devices, cycles, pulsesPerDirection, new double[(int) total]);
        double[] read = new double[devices];
        for (int c = 0; c < cycles; c++) {
            for (int p = 0; p < result.pulsesPerCycle(); p++) {
                array.applyPulse(result.polarity(p), rng);
                array.read(read);
                for (int d = 0; d < devices; d++) {
                    result.conductanceSiemens[result.index(d, c, p)] = read[d];
                }
            }
            if (progress != null) {
                progress.cyclesDone(c + 1, cycles);
            }
        }
        return result;
    }
}
