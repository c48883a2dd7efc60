package dev.kirchhoff.cli;

import dev.kirchhoff.profiles.fit.FitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kirchhoff} command. Exit status: 0 on success; 2 on bad usage or bad input, with one
 * line on stderr naming the file, field or option and the problem; 1 on a fit that does not
 * converge (one line saying so) or an internal error.
 */
@Command(name = "kirchhoff", mixinStandardHelpOptions = true, versionProvider = Kirchhoff.Version.class,
        description = "Simulator of analog in-memory computing: memristive devices, crossbars, tiles.",
        subcommands = {DeviceCommand.class, MvmCommand.class, ProfilesCommand.class, FitCommand.class, SnnCommand.class,
            TrainCommand.class, EvaluateCommand.class, ReportCommand.class})
public final class Kirchhoff implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see kirchhoff --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Kirchhoff());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (e instanceof NoSuchFileException f) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + f.getFile() + ": no such file");
                return 2;
            }
            if (e instanceof AccessDeniedException f) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + f.getFile() + ": permission denied");
                return 2;
            }
            if (e instanceof FitException) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": the fit failed: " + oneLine(e.getMessage()));
                return 1;
            }
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
                return 2;
            }
            err.println(commandLine.getCommandName() + ": internal error: " + oneLine(String.valueOf(e)));
            return 1;
        });
        return cmd.execute(args);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Kirchhoff.class.getPackage().getImplementationVersion();
            return new String[] {"kirchhoff " + (v == null ? "development" : v)};
        }
    }
}
