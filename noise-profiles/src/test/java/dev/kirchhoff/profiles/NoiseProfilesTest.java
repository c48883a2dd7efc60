package dev.kirchhoff.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseProfilesTest {
    private static final NoiseProfile PROFILE = NoiseProfile.of("test-rram", "unit test",
            SoftBounds.of(new ConductanceRange(1e-6, 25e-6), 0.5e-6, PulseVariability.AIHWKIT_DEFAULT));

    @Test
    void loadSaveLoadGivesAnIdenticalProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        NoiseProfiles.write(PROFILE, file);
        NoiseProfile once = NoiseProfiles.read(file);
        assertEquals(PROFILE, once);
        NoiseProfiles.write(once, file);
        assertEquals(PROFILE, NoiseProfiles.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theModelIsNamedByItsModelField() {
        String json = NoiseProfiles.toJson(PROFILE);
        assertTrue(json.contains("\"model\" : \"soft-bounds\""), json);
        assertTrue(json.contains("\"gMinSiemens\""), json);
    }

    private static String mutate(String from, String to) {
        String json = NoiseProfiles.toJson(PROFILE);
        assertTrue(json.contains(from), "fixture must contain " + from);
        return json.replace(from, to);
    }

    private static String error(String json) {
        return assertThrows(ProfileFormatException.class, () -> NoiseProfiles.parse(json, "p.json")).getMessage();
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        String msg = error(mutate("\"headroom\" : 0.0,", "\"headroom\" : 0.0, \"headRoom\" : 0.0,"));
        assertTrue(msg.startsWith("p.json: $.pulsedUpdate"), msg);
        assertTrue(msg.contains("unknown field 'headRoom'"), msg);
        assertTrue(msg.contains("line "), msg);
    }

    @Test
    void impossibleValueIsNamedWithParameterAndValue() {
        String msg = error(mutate("\"alphaUpSiemens\" : 5.0E-7", "\"alphaUpSiemens\" : -5.0E-7"));
        assertTrue(msg.contains("$.pulsedUpdate"), msg);
        assertTrue(msg.contains("alphaUpSiemens must be positive and finite, got -5.0E-7"), msg);
    }

    @Test
    void gMinAboveGMaxIsRejected() {
        String msg = error(mutate("\"gMinSiemens\" : 1.0E-6", "\"gMinSiemens\" : 3.0E-5"));
        assertTrue(msg.contains("gMinSiemens must be below gMaxSiemens"), msg);
    }

    @Test
    void missingFieldUnknownModelWrongVersionNanAndEmptyAreRejected() {
        assertTrue(error(mutate("\"headroom\" : 0.0,", "")).contains("$.pulsedUpdate.headroom (line 24): missing required field"));
        assertTrue(error(mutate("\"soft-bounds\"", "\"hard-bounds\"")).contains("unknown model 'hard-bounds'"));
        assertTrue(error(mutate("\"schemaVersion\" : 1", "\"schemaVersion\" : 2")).contains("schemaVersion must be 1"));
        assertFalse(error(mutate("\"headroom\" : 0.0", "\"headroom\" : NaN")).isBlank());
        assertTrue(error("  \n").contains("empty"));
        assertTrue(error(NoiseProfiles.toJson(PROFILE) + "{}").startsWith("p.json: "));
    }
}
