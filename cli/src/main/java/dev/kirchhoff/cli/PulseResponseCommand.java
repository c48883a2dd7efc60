package dev.kirchhoff.cli;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulseResponse;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.device.pulsed.PulsedModels;
import dev.kirchhoff.profiles.Presets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kirchhoff device pulse-response}: potentiation/depression cycles of many devices, as
 * the CSV that {@code kirchhoff fit pulse-response} reads.
 */
@Command(name = "pulse-response", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Simulate potentiation/depression cycles and write one CSV row per pulse:",
            "  device,cycle,pulse_index,polarity,conductance_siemens",
            "Each cycle is --pulses potentiation pulses (+1) then --pulses depression pulses (-1);",
            "the conductance is read after each pulse. Devices start at their own G_min."})
final class PulseResponseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Pulsed-update model with default parameters: ${COMPLETION-CANDIDATES} (default: soft-bounds).",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Noise profile giving the model and its parameters: a bundled name (kirchhoff profiles) or a JSON file.")
    String profile;

    @Option(names = "--g-min-siemens", paramLabel = "S", description = "G_min of the --model window (default: ${DEFAULT-VALUE}).",
            defaultValue = "1e-6")
    double gMinSiemens;

    @Option(names = "--g-max-siemens", paramLabel = "S", description = "G_max of the --model window (default: ${DEFAULT-VALUE}).",
            defaultValue = "25e-6")
    double gMaxSiemens;

    @Option(names = "--pulses", paramLabel = "N", description = "Pulses per direction per cycle (default: ${DEFAULT-VALUE}).",
            defaultValue = "100")
    int pulses;

    @Option(names = "--cycles", paramLabel = "N", description = "Cycles per device (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int cycles;

    @Option(names = "--devices", paramLabel = "N", description = "Number of devices (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int devices;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV (default: stdout). Written whole or not at all.")
    Path out;

    /** Model names for the help text. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PulsedModels.names().iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        requirePositive("--pulses", pulses);
        requirePositive("--cycles", cycles);
        requirePositive("--devices", devices);
        PulsedDeviceModel device = resolveModel();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err, "pulse-response: cycle");
        PulseResponse response = PulseResponse.simulate(device, devices, cycles, pulses, rng, progress::update);
        AtomicOutput.write(out, spec.commandLine().getOut(), response::writeCsv);
        long rows = (long) devices * cycles * 2L * pulses;
        err.println("pulse-response: " + rows + " rows, model " + device.modelName() + ", seed " + seed
                + (out == null ? "" : ", written to " + out));
        return 0;
    }

    private PulsedDeviceModel resolveModel() throws IOException {
        if (profile != null) {
            if (model != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --model or --profile, not both");
            }
            return Presets.resolve(profile).requirePulsedUpdate();
        }
        ConductanceRange range;
        try {
            range = new ConductanceRange(gMinSiemens, gMaxSiemens);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--g-min-siemens/--g-max-siemens: " + e.getMessage());
        }
        return PulsedModels.defaults(model == null ? "soft-bounds" : model, range);
    }

    private void requirePositive(String option, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }
}
