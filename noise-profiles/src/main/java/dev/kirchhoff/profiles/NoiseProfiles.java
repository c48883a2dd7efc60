package dev.kirchhoff.profiles;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import dev.kirchhoff.device.inference.ReadNoise;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.iv.LinearIv;
import dev.kirchhoff.device.iv.PolynomialIv;
import dev.kirchhoff.device.iv.SinhIv;
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
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link NoiseProfile}s as strict JSON: an unknown field, a missing field, a
 * value of the wrong type, an unknown model or an impossible value fails with a
 * {@link ProfileFormatException} naming the file, the JSON path and line, and the problem.
 * Writing goes to a temporary file that is renamed into place, so a reader never sees half a profile.
 */
public final class NoiseProfiles {
    private static final ObjectMapper MAPPER = JsonFiles.strictMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addMixIn(PulsedDeviceModel.class, PulsedModelTypes.class)
            .addMixIn(ProgrammingNoise.class, ProgrammingNoiseTypes.class)
            .addMixIn(ReadNoise.class, ReadNoiseTypes.class)
            .addMixIn(DriftModel.class, DriftTypes.class)
            .addMixIn(IvCurve.class, IvTypes.class)
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

    /** Programming-error laws, keyed by their {@code "model"} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ProgrammingNoise.Polynomial.class, name = "polynomial"),
        @JsonSubTypes.Type(value = ProgrammingNoise.Independent.class, name = "independent"),
        @JsonSubTypes.Type(value = ProgrammingNoise.Proportional.class, name = "proportional"),
        @JsonSubTypes.Type(value = ProgrammingNoise.InverseProportional.class, name = "inverse-proportional"),
        @JsonSubTypes.Type(value = ProgrammingNoise.MiloRram.class, name = "milo-rram"),
    })
    private interface ProgrammingNoiseTypes {
    }

    /** Read-noise laws, keyed by their {@code "model"} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ReadNoise.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = ReadNoise.Proportional.class, name = "proportional"),
        @JsonSubTypes.Type(value = ReadNoise.Pcm.class, name = "pcm"),
        @JsonSubTypes.Type(value = ReadNoise.Polynomial.class, name = "polynomial"),
    })
    private interface ReadNoiseTypes {
    }

    /** Drift laws, keyed by their {@code "model"} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = DriftModel.Pcm.class, name = "pcm"),
        @JsonSubTypes.Type(value = DriftModel.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = DriftModel.LogLinear.class, name = "log-linear"),
    })
    private interface DriftTypes {
    }

    /** Read I–V curves, keyed by their {@code "model"} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "model")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = LinearIv.class, name = "linear"),
        @JsonSubTypes.Type(value = SinhIv.class, name = "sinh"),
        @JsonSubTypes.Type(value = PolynomialIv.class, name = "polynomial"),
    })
    private interface IvTypes {
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
        JsonFiles.writeAtomically(file, toJson(profile));
    }

    private static String describe(JsonProcessingException e) {
        StringBuilder where = JsonFiles.jsonPath(e);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(" (line ").append(loc.getLineNr()).append(')');
        }
        return where + ": " + problem(e);
    }

    /** ", expected one of a, b, c" for the interface whose type id was unknown. */
    private static String knownModels(InvalidTypeIdException t) {
        Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
        Class<?> mixin = base == null ? null : MAPPER.findMixInClassFor(base);
        JsonSubTypes sub = mixin == null ? null : mixin.getAnnotation(JsonSubTypes.class);
        if (sub == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(", expected one of ");
        for (int i = 0; i < sub.value().length; i++) {
            b.append(i == 0 ? "" : ", ").append(sub.value()[i].name());
        }
        return b.toString();
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof InvalidTypeIdException t) {
            return "unknown model '" + t.getTypeId() + "'" + knownModels(t);
        }
        return JsonFiles.problem(e);
    }
}
