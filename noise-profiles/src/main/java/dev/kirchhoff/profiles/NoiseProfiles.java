package dev.kirchhoff.profiles;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.ExpStep;
import dev.kirchhoff.device.pulsed.LinearStep;
import dev.kirchhoff.device.pulsed.NeuroSimNonlinear;
import dev.kirchhoff.device.pulsed.PiecewiseStep;
import dev.kirchhoff.device.pulsed.PowStep;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link NoiseProfile}s as strict JSON: an unknown field, a missing field, a
 * value of the wrong type, an unknown model or an impossible value fails with a
 * {@link ProfileFormatException} naming the file, the JSON path and line, and the problem.
 * Writing goes to a temporary file that is renamed into place, so a reader never sees half a profile.
 */
public final class NoiseProfiles {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(PulsedDeviceModel.class, PulsedModelTypes.class)
            .build();

    private NoiseProfiles() {
    }

    /** The pulsed-update models a profile can name, keyed by their {@code "model"} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SoftBounds.class, name = SoftBounds.NAME),
        @JsonSubTypes.Type(value = ConstantStep.class, name = ConstantStep.NAME),
        @JsonSubTypes.Type(value = LinearStep.class, name = LinearStep.NAME),
        @JsonSubTypes.Type(value = ExpStep.class, name = ExpStep.NAME),
        @JsonSubTypes.Type(value = PowStep.class, name = PowStep.NAME),
        @JsonSubTypes.Type(value = PiecewiseStep.class, name = PiecewiseStep.NAME),
        @JsonSubTypes.Type(value = NeuroSimNonlinear.class, name = NeuroSimNonlinear.NAME),
    })
    private interface PulsedModelTypes {
    }

    /** Parses a profile from JSON text; {@code origin} names where it came from in error messages. */
    public static NoiseProfile parse(String json, String origin) {
        if (json.isBlank()) {
            throw new ProfileFormatException(origin + ": the file is empty", null);
        }
        try {
            return MAPPER.readValue(json, NoiseProfile.class);
        } catch (JsonProcessingException e) {
            throw new ProfileFormatException(origin + ": " + describe(e), e);
        }
    }

    /** Reads a profile file. */
    public static NoiseProfile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The profile as indented JSON. */
    public static String toJson(NoiseProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise profile " + profile.name(), e);
        }
    }

    /** Writes a profile atomically: a temporary file beside {@code file}, then a rename. */
    public static void write(NoiseProfile profile, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toJson(profile), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder("$");
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(" (line ").append(loc.getLineNr()).append(')');
        }
        return where + ": " + problem(e);
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidTypeIdException t) {
            return "unknown model '" + t.getTypeId() + "'";
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException || c instanceof NullPointerException) {
                return String.valueOf(c.getMessage());
            }
        }
        String msg = e.getOriginalMessage();
        if (msg.startsWith("Missing creator property")) {
            return "missing required field";
        }
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }
}
