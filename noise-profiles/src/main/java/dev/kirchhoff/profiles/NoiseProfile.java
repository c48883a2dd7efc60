package dev.kirchhoff.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.ConductanceLevels;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import dev.kirchhoff.device.inference.ReadNoise;
import dev.kirchhoff.device.inference.StuckAtFaults;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A device noise profile: what a device engineer hands the simulator, and what
 * {@code kirchhoff fit} produces from measurements. Read and written by {@link NoiseProfiles}
 * as strict JSON, documented field by field in docs/profiles.md.
 *
 * <p>Only the identity and the conductance window are required. Every physical section is
 * optional: a profile fitted from repeated reads holds a read-noise law and nothing else, and
 * {@code kirchhoff fit --into} adds sections one fit at a time. An absent section means "not
 * characterised"; {@link #inferenceModel()} treats it as ideal (no noise, no drift, no faults,
 * continuous levels) and {@link #requirePulsedUpdate()} refuses to invent an update model.
 *
 * @param schemaVersion    format version, {@value #SCHEMA_VERSION}
 * @param name             short name, e.g. {@code "my-rram-wafer-3"}
 * @param source           where the numbers come from (paper with DOI, or the measured data set)
 * @param conductanceRange the window weights are mapped into for inference (S)
 * @param pulsedUpdate     the pulsed-update model with its spreads, or null
 * @param programmingNoise the programming error σ(G_T), or null
 * @param readNoise        the read noise, or null
 * @param drift            the drift law and exponent distribution, or null
 * @param faults           stuck-at fractions, or null (none)
 * @param levels           number of programmable levels over the window (≥ 2), or null (continuous)
 * @param iv               the read I–V curve, or null (linear)
 */
@JsonDeserialize(builder = NoiseProfile.Builder.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "name", "source", "conductanceRange", "pulsedUpdate", "programmingNoise",
    "readNoise", "drift", "faults", "levels", "iv"})
public record NoiseProfile(int schemaVersion, String name, String source, ConductanceRange conductanceRange,
        PulsedDeviceModel pulsedUpdate, ProgrammingNoise programmingNoise, ReadNoise readNoise, DriftModel drift,
        StuckAtFaults faults, Integer levels, IvCurve iv) {
    /** The version this code reads and writes. */
    public static final int SCHEMA_VERSION = 2;
    /**
     * Conductances above this (S) are not a memory device's: a value like 25 in a field named
     * {@code ...Siemens} is almost surely µS written as S, and is rejected as a wrong unit.
     */
    public static final double MAX_PLAUSIBLE_SIEMENS = 0.1;

    public NoiseProfile {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION + ", got " + schemaVersion);
        }
        requireText("name", name);
        if (source == null) {
            throw new IllegalArgumentException("source must be given (a paper with its DOI, or the data set), got null");
        }
        if (conductanceRange == null) {
            throw new IllegalArgumentException("conductanceRange must be given, got null");
        }
        requirePlausible("conductanceRange.gMaxSiemens", conductanceRange.gMaxSiemens());
        if (pulsedUpdate != null) {
            requirePlausible("pulsedUpdate.range.gMaxSiemens", pulsedUpdate.range().gMaxSiemens());
        }
        if (levels != null && levels < 2) {
            throw new IllegalArgumentException("levels must be at least 2 (or absent for continuous), got " + levels);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void requirePlausible(String field, double siemens) {
        if (siemens > MAX_PLAUSIBLE_SIEMENS) {
            throw new IllegalArgumentException(field + " = " + siemens + " S is not a device conductance: the field is "
                    + "in siemens (25 µS is 2.5e-5)");
        }
    }

    /** A profile with only its identity and window; add sections with the builder. */
    public static Builder builder(String name, String source, ConductanceRange conductanceRange) {
        return new Builder().schemaVersion(SCHEMA_VERSION).name(name).source(source).conductanceRange(conductanceRange);
    }

    /** A profile of one pulsed-update model, its window taken from the model. */
    public static NoiseProfile of(String name, String source, PulsedDeviceModel pulsedUpdate) {
        return builder(name, source, pulsedUpdate.range()).pulsedUpdate(pulsedUpdate).build();
    }

    /** A builder holding this profile's values. */
    public Builder toBuilder() {
        return new Builder().schemaVersion(schemaVersion).name(name).source(source).conductanceRange(conductanceRange)
                .pulsedUpdate(pulsedUpdate)
                .programmingNoise(programmingNoise).readNoise(readNoise).drift(drift).faults(faults).levels(levels).iv(iv);
    }

    /**
     * This profile with every section that {@code other} has replaced by {@code other}'s (name,
     * source and window stay this profile's unless {@code other} is given a pulsed model, whose
     * window then becomes the profile's). Used to add a fit to an existing profile.
     */
    public NoiseProfile mergedWith(NoiseProfile other) {
        Builder b = toBuilder();
        if (other.pulsedUpdate != null) {
            b.pulsedUpdate(other.pulsedUpdate).conductanceRange(other.conductanceRange);
        }
        if (other.programmingNoise != null) {
            b.programmingNoise(other.programmingNoise);
        }
        if (other.readNoise != null) {
            b.readNoise(other.readNoise);
        }
        if (other.drift != null) {
            b.drift(other.drift);
        }
        if (other.faults != null) {
            b.faults(other.faults);
        }
        if (other.levels != null) {
            b.levels(other.levels);
        }
        if (other.iv != null) {
            b.iv(other.iv);
        }
        return b.build();
    }

    /** The pulsed-update model; fails with a clear message when the profile has none. */
    public PulsedDeviceModel requirePulsedUpdate() {
        if (pulsedUpdate == null) {
            throw new IllegalArgumentException("profile '" + name + "' has no pulsedUpdate section (it holds: "
                    + String.join(", ", sections()) + ")");
        }
        return pulsedUpdate;
    }

    /** The inference-time device: absent sections are ideal (see the class comment). */
    public InferenceDeviceModel inferenceModel() {
        return new InferenceDeviceModel(conductanceRange,
                levels == null ? null : new ConductanceLevels(levels, conductanceRange),
                faults == null ? StuckAtFaults.NONE : faults,
                programmingNoise == null ? ProgrammingNoise.NONE : programmingNoise,
                drift == null ? DriftModel.NONE : drift,
                readNoise == null ? ReadNoise.NONE : readNoise);
    }

    /** The sections this profile holds, in schema order, e.g. {@code [pulsedUpdate, readNoise]}. */
    @JsonIgnore
    public List<String> sections() {
        List<String> s = new ArrayList<>();
        add(s, "pulsedUpdate", pulsedUpdate);
        add(s, "programmingNoise", programmingNoise);
        add(s, "readNoise", readNoise);
        add(s, "drift", drift);
        add(s, "faults", faults);
        add(s, "levels", levels);
        add(s, "iv", iv);
        return s;
    }

    private static void add(List<String> s, String name, Object section) {
        if (section != null) {
            s.add(name);
        }
    }

    /**
     * Builds profiles; also how JSON is read, so that the optional sections may be left out
     * while {@code schemaVersion}, {@code name}, {@code source} and {@code conductanceRange}
     * stay required.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private Integer schemaVersion;
        private String name;
        private String source;
        private ConductanceRange conductanceRange;
        private PulsedDeviceModel pulsedUpdate;
        private ProgrammingNoise programmingNoise;
        private ReadNoise readNoise;
        private DriftModel drift;
        private StuckAtFaults faults;
        private Integer levels;
        private IvCurve iv;

        /** Jackson's entry point: a file must state its version, so none is assumed here. */
        Builder() {
        }

        /** The version; a file must state it. */
        Builder schemaVersion(Integer v) {
            schemaVersion = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder source(String v) {
            source = v;
            return this;
        }

        public Builder conductanceRange(ConductanceRange v) {
            conductanceRange = v;
            return this;
        }

        public Builder pulsedUpdate(PulsedDeviceModel v) {
            pulsedUpdate = v;
            return this;
        }

        public Builder programmingNoise(ProgrammingNoise v) {
            programmingNoise = v;
            return this;
        }

        public Builder readNoise(ReadNoise v) {
            readNoise = v;
            return this;
        }

        public Builder drift(DriftModel v) {
            drift = v;
            return this;
        }

        public Builder faults(StuckAtFaults v) {
            faults = v;
            return this;
        }

        public Builder levels(Integer v) {
            levels = v;
            return this;
        }

        public Builder iv(IvCurve v) {
            iv = v;
            return this;
        }

        public NoiseProfile build() {
            if (schemaVersion == null) {
                throw new IllegalArgumentException("schemaVersion: missing required field (this version reads "
                        + SCHEMA_VERSION + ")");
            }
            if (name == null) {
                throw new IllegalArgumentException("name: missing required field");
            }
            if (source == null) {
                throw new IllegalArgumentException("source: missing required field");
            }
            if (conductanceRange == null) {
                throw new IllegalArgumentException("conductanceRange: missing required field");
            }
            return new NoiseProfile(schemaVersion, name, source, conductanceRange, pulsedUpdate, programmingNoise,
                    readNoise, drift, faults, levels, iv);
        }
    }
}
