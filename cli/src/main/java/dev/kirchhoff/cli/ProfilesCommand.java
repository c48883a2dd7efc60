package dev.kirchhoff.cli;

import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.Presets;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kirchhoff profiles}: the bundled noise profiles, one per line (name, window, sections,
 * source); {@code kirchhoff profiles show NAME|FILE} prints one as JSON.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the bundled noise profiles: name, conductance window, the sections each holds, its source.",
            "Any command taking --profile accepts these names or a profile file (JSON, docs/profiles.md)."},
        subcommands = ProfilesCommand.Show.class)
final class ProfilesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "%-22s %-17s %-42s %s", "name", "window (µS)", "sections", "source"));
        for (String name : Presets.NAMES) {
            NoiseProfile p = Presets.load(name);
            out.println(String.format(Locale.ROOT, "%-22s %-17s %-42s %s", name, window(p), String.join(",", p.sections()),
                    p.source()));
        }
        out.flush();
        return 0;
    }

    /** The window in µS with up to four significant digits, e.g. {@code 0.003077–0.03846}. */
    static String window(NoiseProfile p) {
        return String.format(Locale.ROOT, "%.4g–%.4g", p.conductanceRange().gMinSiemens() * 1e6,
                p.conductanceRange().gMaxSiemens() * 1e6).replaceAll("\\.?0+(?=–|$)", "");
    }

    /** {@code kirchhoff profiles show NAME|FILE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a bundled profile (or check and print a profile file) as JSON.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME|FILE", description = "A preset name (see kirchhoff profiles) or a profile file.")
        String profile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            out.print(NoiseProfiles.toJson(Presets.resolve(profile)));
            out.flush();
            return 0;
        }
    }
}
