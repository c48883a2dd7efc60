package dev.kirchhoff.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled noise profiles, each a JSON file in this module's resources
 * ({@code dev/kirchhoff/profiles/presets/NAME.json}) carrying its source:
 * <ul>
 *   <li>{@code pcm-nandakumar-2019}: PCM of Nandakumar et al., ICECS 2019 (IEEE Xplore 8964852)
 *       as in aihwkit's {@code PCMLikeNoiseModel} — programming polynomial, drift and 1/f read
 *       noise on a 0–25 µS window (MODELS.md §3);</li>
 *   <li>{@code rram-wan-2022}: RRAM of Wan et al., Nature 2022 (NeuRRAM,
 *       doi:10.1038/s41586-022-04992-8) as in aihwkit's {@code ReRamWan2022NoiseModel} — the
 *       programming spread 1 s after programming, 0–40 µS;</li>
 *   <li>{@code rram-milo}: RRAM of Milo et al., IRPS 2021 as fitted in Sandia CrossSim —
 *       programming error on its fitted range 50–225 µS (MODELS.md §9);</li>
 *   <li>{@code rram-soft-bounds}: aihwkit's {@code ReRamSBPresetDevice}, a soft-bounds fit to the
 *       RRAM of Gong et al., Nat. Commun. 2018 (doi:10.1038/s41467-018-04485-1), mapped onto a
 *       0–25 µS window by {@link dev.kirchhoff.device.pulsed.AihwkitSoftBounds} — a pulsed update
 *       for analog in-situ training;</li>
 *   <li>the seven NeuroSim devices of the NeuroSim MLP V3.0 manual, Table II (MODELS.md §8):
 *       {@code neurosim-ag-a-si}, {@code neurosim-taox-hfox}, {@code neurosim-pcmo},
 *       {@code neurosim-alox-hfo2}, {@code neurosim-gst-pcm}, {@code neurosim-epiram},
 *       {@code neurosim-hzo-fefet} — pulsed updates with their state counts, nonlinearity and
 *       cycle-to-cycle σ, windows from R_on and the on/off ratio.</li>
 * </ul>
 */
public final class Presets {
    /** Every preset name, in the order {@code kirchhoff profiles} lists them. */
    public static final List<String> NAMES = List.of("pcm-nandakumar-2019", "rram-wan-2022", "rram-milo", "rram-soft-bounds",
            "neurosim-ag-a-si", "neurosim-taox-hfox", "neurosim-pcmo", "neurosim-alox-hfo2", "neurosim-gst-pcm",
            "neurosim-epiram", "neurosim-hzo-fefet");

    private static final String FOLDER = "/dev/kirchhoff/profiles/presets/";

    private Presets() {
    }

    /** The preset's JSON text exactly as bundled. */
    public static String json(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("preset must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
        }
        try (InputStream in = Presets.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the build (" + FOLDER + name + ".json)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bundled preset by name. */
    public static NoiseProfile load(String name) {
        return NoiseProfiles.parse(json(name), "preset " + name);
    }

    /**
     * A preset name or a profile file, as the command line's {@code --profile NAME|FILE}: a
     * known preset name wins; anything else is read as a file.
     *
     * @throws IllegalArgumentException when it is neither a preset nor an existing file ("FILE: no
     *                                  such file" when it looks like a path or ends in .json)
     * @throws ProfileFormatException   when the file is not a valid profile
     */
    public static NoiseProfile resolve(String nameOrFile) throws IOException {
        if (NAMES.contains(nameOrFile)) {
            return load(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            boolean looksLikeFile = nameOrFile.endsWith(".json") || nameOrFile.indexOf('/') >= 0
                    || nameOrFile.indexOf(java.io.File.separatorChar) >= 0;
            throw new IllegalArgumentException(looksLikeFile ? nameOrFile + ": no such file"
                    : "profile '" + nameOrFile + "' is neither a preset (" + String.join(", ", NAMES) + ") nor a file");
        }
        return NoiseProfiles.read(file);
    }
}
