package dev.kirchhoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kirchhoff device …}: experiments on single devices. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Simulate experiments on memristive devices.",
        subcommands = {PulseResponseCommand.class, IvSweepCommand.class, PulseTrainCommand.class})
final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a device command is required");
    }
}
