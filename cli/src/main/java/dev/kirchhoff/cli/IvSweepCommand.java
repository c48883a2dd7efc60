package dev.kirchhoff.cli;

import dev.kirchhoff.device.compact.CompactSimulator;
import dev.kirchhoff.device.compact.CompactTrace;
import dev.kirchhoff.device.compact.Waveform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kirchhoff device iv-sweep}: the I–V hysteresis loop of a compact memristor model. */
@Command(name = "iv-sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Drive a compact model (VTEAM or Stanford-PKU, MemTorch defaults) with a sine sweep",
            "V = A·sin(2πft) from the ON state, integrated with an error-controlled Dormand–Prince step,",
            "and write time_seconds,voltage_volts,current_amperes,state,read_conductance_siemens."})
final class IvSweepCommand implements Callable<Integer> {
    static final String HEADER = "time_seconds,voltage_volts,current_amperes,state,read_conductance_siemens";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = CompactModels.Names.class, defaultValue = "vteam")
    String model;

    @Option(names = "--amplitude-volts", paramLabel = "V", description = "Sweep amplitude (default: 1 V for vteam, 1.5 V for stanford-pku).")
    Double amplitudeVolts;

    @Option(names = "--frequency-hz", paramLabel = "HZ", description = "Sweep frequency (default: 50 MHz for vteam, 10 Hz for stanford-pku).")
    Double frequencyHertz;

    @Option(names = "--cycles", paramLabel = "N", description = "Sweep periods (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int cycles;

    @Option(names = "--samples", paramLabel = "N", description = "Samples over the sweep, besides its breakpoints (default: ${DEFAULT-VALUE}).",
            defaultValue = "1001")
    int samples;

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV (default: stdout). Written whole or not at all.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CompactModels m = CompactModels.byName(model);
        if (cycles <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cycles must be positive, got " + cycles);
        }
        if (samples < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be at least 2, got " + samples);
        }
        double amplitude = amplitudeVolts == null ? m.sweepAmplitudeVolts : amplitudeVolts;
        double frequency = frequencyHertz == null ? m.sweepFrequencyHertz : frequencyHertz;
        Waveform sweep = Waveform.sine(amplitude, frequency, cycles);
        CompactTrace trace = CompactSimulator.of(m.model()).simulate(sweep, m.onState(), samples);
        AtomicOutput.write(out, spec.commandLine().getOut(), w -> {
            StringBuilder line = new StringBuilder(128);
            w.write(HEADER);
            w.write('\n');
            for (int i = 0; i < trace.length(); i++) {
                line.setLength(0);
                line.append(trace.timeSeconds(i)).append(',').append(trace.voltageVolts(i)).append(',')
                        .append(trace.currentAmperes(i)).append(',').append(trace.state(i)).append(',')
                        .append(trace.readConductanceSiemens(i)).append('\n');
                w.append(line);
            }
        });
        spec.commandLine().getErr().println("iv-sweep: " + trace.length() + " rows, model " + m.cliName + ", "
                + trace.acceptedSteps() + " accepted and " + trace.rejectedSteps() + " rejected steps");
        return 0;
    }
}
