package dev.kirchhoff.cli;

import dev.kirchhoff.device.compact.CompactSimulator;
import dev.kirchhoff.device.compact.PulseTrain;
import dev.kirchhoff.device.compact.Waveform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kirchhoff device pulse-train}: conductance versus pulse number of a compact memristor model. */
@Command(name = "pulse-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Apply a train of identical rectangular voltage pulses to a compact model (VTEAM or",
            "Stanford-PKU, MemTorch defaults) and write the conductance read (non-destructively, at 0.1 V)",
            "before the first pulse and after each one: pulse,conductance_siemens."})
final class PulseTrainCommand implements Callable<Integer> {
    static final String HEADER = "pulse,conductance_siemens";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = CompactModels.Names.class, defaultValue = "stanford-pku")
    String model;

    @Option(names = "--amplitude-volts", paramLabel = "V",
            description = "Pulse amplitude; its sign selects SET or RESET (default: 0.5 V for vteam, 1.5 V for stanford-pku).")
    Double amplitudeVolts;

    @Option(names = "--width-s", paramLabel = "S", description = "Pulse width (default: 10 ns).")
    Double widthSeconds;

    @Option(names = "--period-s", paramLabel = "S", description = "Pulse period (default: 20 ns for vteam, 50 ns for stanford-pku).")
    Double periodSeconds;

    @Option(names = "--pulses", paramLabel = "N", description = "Number of pulses (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int pulses;

    @Option(names = "--start", paramLabel = "STATE", description = "Initial state: on or off (default: ${DEFAULT-VALUE}).",
            defaultValue = "off")
    String start;

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV (default: stdout). Written whole or not at all.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CompactModels m = CompactModels.byName(model);
        if (pulses <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pulses must be positive, got " + pulses);
        }
        double initial = switch (start) {
            case "on" -> m.onState();
            case "off" -> m.offState();
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--start must be on or off, got '" + start + "'");
        };
        PulseTrain train = Waveform.pulseTrain(
                amplitudeVolts == null ? m.pulseAmplitudeVolts : amplitudeVolts,
                widthSeconds == null ? m.pulseWidthSeconds : widthSeconds,
                periodSeconds == null ? m.pulsePeriodSeconds : periodSeconds, pulses);
        double[] g = CompactSimulator.of(m.model()).conductanceVersusPulses(train, initial);
        AtomicOutput.write(out, spec.commandLine().getOut(), w -> {
            w.write(HEADER);
            w.write('\n');
            for (int k = 0; k < g.length; k++) {
                w.write(k + "," + g[k] + "\n");
            }
        });
        spec.commandLine().getErr().println("pulse-train: " + pulses + " pulses, model " + m.cliName);
        return 0;
    }
}
