package dev.kirchhoff.tiling.hw;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kirchhoff.profiles.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link HardwareDescription}s as strict JSON, the way
 * {@code dev.kirchhoff.profiles.NoiseProfiles} reads noise profiles: an unknown field, a missing
 * field, a duplicate key, a value of the wrong type or an impossible value (a negative energy, a
 * zero-size tile, a tile placed on a core outside the mesh) fails with a
 * {@link HardwareFormatException} that names the origin, the JSON path of the field and the
 * problem, e.g. {@code $.energy.adcConversionJoules: must be ≥ 0 and finite, got -1.0}.
 * Writing goes to a temporary file renamed into place.
 */
public final class HardwareDescriptions {
    /** Class-path location of the bundled default description. */
    public static final String DEFAULT_RESOURCE = "/dev/kirchhoff/tiling/hw/default-hardware.json";

    private static final ObjectMapper MAPPER = JsonFiles.strictMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private static final Pattern MISSING = Pattern.compile("Missing creator property '([^']*)'");
    private static final Pattern NOT_INT = Pattern.compile("Cannot coerce Floating-point value \\(([^)]*)\\) to `(int|long)`");

    private HardwareDescriptions() {
    }

    /** The bundled default: ISAAC periphery, Loihi network and neurons, 256×256 tiles on an 8×4 mesh. */
    public static HardwareDescription defaultDescription() {
        try (InputStream in = HardwareDescriptions.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a description from JSON text.
     *
     * @param json   the text
     * @param origin names where it came from, in error messages
     * @throws HardwareFormatException naming the JSON path and the problem
     */
    public static HardwareDescription parse(String json, String origin) {
        if (json.isBlank()) {
            throw new HardwareFormatException(origin + ": the file is empty", null);
        }
        try {
            return MAPPER.readValue(json, HardwareDescription.class);
        } catch (JsonProcessingException e) {
            throw new HardwareFormatException(origin + ": " + describe(e), e);
        }
    }

    /** Reads a description file. */
    public static HardwareDescription read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The description as indented JSON, fields in a fixed order. */
    public static String toJson(HardwareDescription description) {
        try {
            return MAPPER.writeValueAsString(description) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise hardware description " + description.name(), e);
        }
    }

    /** Writes a description atomically: a temporary file beside {@code file}, then a rename. */
    public static void write(HardwareDescription description, Path file) throws IOException {
        JsonFiles.writeAtomically(file, toJson(description));
    }

    /** "$.path.to.field: problem (line n)". */
    private static String describe(JsonProcessingException e) {
        StringBuilder where = JsonFiles.jsonPath(e);
        String problem;
        InvalidFieldException invalid = find(e, InvalidFieldException.class);
        if (e instanceof UnrecognizedPropertyException u) {
            problem = "unknown field '" + u.getPropertyName() + "'";
        } else if (invalid != null) {
            String f = invalid.field();
            where.append(f.startsWith("[") ? "" : ".").append(f);
            problem = invalid.problem();
        } else {
            String msg = e.getOriginalMessage();
            Matcher missing = MISSING.matcher(msg);
            Matcher notInt = NOT_INT.matcher(msg);
            IllegalArgumentException other = find(e, IllegalArgumentException.class);
            if (notInt.find()) {
                problem = "must be an integer, got " + notInt.group(1);
            } else if (missing.find()) {
                String field = "." + missing.group(1);
                if (!where.toString().endsWith(field)) {
                    where.append(field); // older Jackson versions stop the path at the enclosing object
                }
                problem = "missing required field";
            } else if (other != null) {
                problem = String.valueOf(other.getMessage());
            } else {
                int nl = msg.indexOf('\n');
                problem = nl >= 0 ? msg.substring(0, nl) : msg;
            }
        }
        JsonLocation loc = e.getLocation();
        String line = loc != null && loc.getLineNr() > 0 ? " (line " + loc.getLineNr() + ")" : "";
        return where + ": " + problem + line;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
