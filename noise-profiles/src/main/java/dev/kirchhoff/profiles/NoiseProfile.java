package dev.kirchhoff.profiles;

import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.Objects;

/**
 * A device noise profile: what a device engineer hands the simulator. Version 1 carries the
 * pulsed-update model with its spreads; later versions add programming noise, read noise,
 * drift and faults. Read and written by {@link NoiseProfiles} as strict JSON (docs/profiles.md).
 *
 * @param schemaVersion format version, {@value #SCHEMA_VERSION}
 * @param name          short name, e.g. {@code "my-rram-wafer-3"}
 * @param source        where the numbers come from (paper with DOI, or the measured data set)
 * @param pulsedUpdate  the pulsed-update model and its parameters
 */
public record NoiseProfile(int schemaVersion, String name, String source, PulsedDeviceModel pulsedUpdate) {
    /** The version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public NoiseProfile {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION + ", got " + schemaVersion);
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pulsedUpdate, "pulsedUpdate");
    }

    /** A version-{@value #SCHEMA_VERSION} profile. */
    public static NoiseProfile of(String name, String source, PulsedDeviceModel pulsedUpdate) {
        return new NoiseProfile(SCHEMA_VERSION, name, source, pulsedUpdate);
    }
}
