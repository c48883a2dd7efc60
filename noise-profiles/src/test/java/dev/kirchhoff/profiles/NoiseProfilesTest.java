package dev.kirchhoff.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import dev.kirchhoff.device.inference.ReadNoise;
import dev.kirchhoff.device.inference.StuckAtFaults;
import dev.kirchhoff.device.iv.LinearIv;
import dev.kirchhoff.device.iv.PolynomialIv;
import dev.kirchhoff.device.iv.SinhIv;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoiseProfilesTest {
    private static final ConductanceRange WINDOW = new ConductanceRange(0, 25e-6);
    /** Every section present, so every mapping is exercised. */
    private static final NoiseProfile PROFILE = NoiseProfile.builder("test-pcm", "unit test", WINDOW)
            .pulsedUpdate(SoftBounds.of(new ConductanceRange(1e-6, 25e-6), 0.5e-6, PulseVariability.AIHWKIT_DEFAULT))
            .programmingNoise(ProgrammingNoise.Polynomial.pcmNandakumar2019(25e-6))
            .readNoise(ReadNoise.Pcm.nandakumar2019(25e-6))
            .drift(DriftModel.Pcm.nandakumar2019(25e-6))
            .faults(new StuckAtFaults(0.01, 0.005))
            .levels(16)
            .iv(PolynomialIv.of(1e-6, 2e-6))
            .build();

    @Test
    void loadSaveLoadGivesAnIdenticalProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        NoiseProfiles.write(PROFILE, file);
        NoiseProfile once = NoiseProfiles.read(file);
        // ProgrammingNoise.Polynomial holds an array, so compare the canonical JSON, then the rest.
        assertEquals(NoiseProfiles.toJson(PROFILE), NoiseProfiles.toJson(once));
        assertEquals(PROFILE.readNoise(), once.readNoise());
        assertEquals(PROFILE.pulsedUpdate(), once.pulsedUpdate());
        NoiseProfiles.write(once, file);
        assertEquals(NoiseProfiles.toJson(PROFILE), Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void everyLawOfEverySectionRoundTrips() {
        List<NoiseProfile> profiles = List.of(
                NoiseProfile.builder("a", "s", WINDOW).programmingNoise(new ProgrammingNoise.Independent(1e-6))
                        .readNoise(new ReadNoise.Constant(2e-7)).drift(DriftModel.Constant.of(0.05, 20)).iv(LinearIv.INSTANCE)
                        .build(),
                NoiseProfile.builder("b", "s", WINDOW).programmingNoise(new ProgrammingNoise.Proportional(0.05))
                        .readNoise(new ReadNoise.Proportional(0.01)).iv(SinhIv.STANFORD_PKU).build(),
                NoiseProfile.builder("c", "s", WINDOW).programmingNoise(
                        new ProgrammingNoise.InverseProportional(0.01, 1e-6, 25e-6))
                        .readNoise(new ReadNoise.Polynomial(new double[] {1e-8, 2e-7, -1e-7}, 25e-6))
                        .drift(DriftModel.LogLinear.pcm(25e-6, 20)).build(),
                NoiseProfile.builder("d", "s", new ConductanceRange(50e-6, 225e-6))
                        .programmingNoise(new ProgrammingNoise.MiloRram()).build(),
                NoiseProfile.builder("e", "identity only", WINDOW).build());
        for (NoiseProfile p : profiles) {
            String json = NoiseProfiles.toJson(p);
            NoiseProfile back = NoiseProfiles.parse(json, p.name());
            assertEquals(json, NoiseProfiles.toJson(back), p.name());
            assertEquals(p.sections(), back.sections(), p.name());
        }
    }

    @Test
    void absentSectionsAreOmittedAndReadAsIdeal() {
        NoiseProfile bare = NoiseProfiles.parse("""
                {"schemaVersion": 2, "name": "bare", "source": "s",
                 "conductanceRange": {"gMinSiemens": 1e-6, "gMaxSiemens": 2e-5}}""", "bare.json");
        assertEquals(List.of(), bare.sections());
        assertNull(bare.readNoise());
        assertFalse(NoiseProfiles.toJson(bare).contains("readNoise"));
        assertEquals(ReadNoise.NONE, bare.inferenceModel().readNoise());
        assertEquals(DriftModel.NONE, bare.inferenceModel().drift());
        String msg = assertThrows(IllegalArgumentException.class, bare::requirePulsedUpdate).getMessage();
        assertTrue(msg.contains("has no pulsedUpdate"), msg);
    }

    @Test
    void mergingAddsTheOtherProfilesSections() {
        NoiseProfile read = NoiseProfile.builder("fit", "reads", WINDOW).readNoise(new ReadNoise.Constant(1e-7)).build();
        NoiseProfile drift = NoiseProfile.builder("fit2", "drift", WINDOW).drift(DriftModel.Constant.of(0.04, 1)).build();
        NoiseProfile merged = read.mergedWith(drift);
        assertEquals("fit", merged.name());
        assertEquals(List.of("readNoise", "drift"), merged.sections());
        assertEquals(new ReadNoise.Constant(1e-7), merged.readNoise());
        assertEquals(DriftModel.Constant.of(0.04, 1), merged.drift());
    }

    @Test
    void theModelIsNamedByItsModelField() {
        String json = NoiseProfiles.toJson(PROFILE);
        assertTrue(json.contains("\"model\" : \"soft-bounds\""), json);
        assertTrue(json.contains("\"model\" : \"polynomial\""), json);
        assertTrue(json.contains("\"model\" : \"pcm\""), json);
        assertTrue(json.contains("\"gMinSiemens\""), json);
    }

    private static String mutate(String from, String to) {
        String json = NoiseProfiles.toJson(PROFILE);
        assertTrue(json.contains(from), "fixture must contain " + from);
        return json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
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
        String top = error(mutate("\"levels\" : 16,", "\"levels\" : 16, \"temperatureKelvin\" : 300,"));
        assertTrue(top.contains("unknown field 'temperatureKelvin'"), top);
    }

    @Test
    void aWrongUnitIsRecognisedAsOne() {
        // A field in siemens holding 25 (µS written as S): named, with the unit it expects.
        String msg = error(mutate("\"gMaxSiemens\" : 2.5E-5", "\"gMaxSiemens\" : 25"));
        assertTrue(msg.contains("conductanceRange.gMaxSiemens = 25.0 S is not a device conductance"), msg);
        // A unit spelt into the name that the schema does not use leaves the SI field missing.
        String renamed = error(mutate("\"tReadSeconds\" : 2.5E-7", "\"tReadNanoseconds\" : 250"));
        assertTrue(renamed.contains("$.readNoise.tReadSeconds (line ") && renamed.contains("missing required field"), renamed);
    }

    @Test
    void impossibleValueIsNamedWithParameterAndValue() {
        String msg = error(mutate("\"alphaUpSiemens\" : 5.0E-7", "\"alphaUpSiemens\" : -5.0E-7"));
        assertTrue(msg.contains("$.pulsedUpdate"), msg);
        assertTrue(msg.contains("alphaUpSiemens must be positive and finite, got -5.0E-7"), msg);
        String faults = error(mutate("\"fractionStuckAtMin\" : 0.01", "\"fractionStuckAtMin\" : 1.5"));
        assertTrue(faults.contains("$.faults") && faults.contains("fractionStuckAtMin"), faults);
        String levels = error(mutate("\"levels\" : 16", "\"levels\" : 1"));
        assertTrue(levels.contains("levels must be at least 2"), levels);
        String t0 = error(mutate("\"t0Seconds\" : 20.0", "\"t0Seconds\" : -20.0"));
        assertTrue(t0.contains("t0Seconds"), t0);
    }

    @Test
    void gMinAboveGMaxIsRejected() {
        String msg = error(mutate("\"gMinSiemens\" : 1.0E-6", "\"gMinSiemens\" : 3.0E-5"));
        assertTrue(msg.contains("gMinSiemens must be below gMaxSiemens"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\" : \"test-pcm\",", "\"source\" : \"unit test\",", "\"schemaVersion\" : 2,"})
    void aMissingRequiredTopLevelFieldIsNamed(String field) {
        String msg = error(mutate(field, ""));
        String name = field.substring(1, field.indexOf('"', 1));
        assertTrue(msg.contains(name + ": missing required field"), msg);
    }

    @Test
    void missingFieldUnknownModelWrongVersionNanAndEmptyAreRejected() {
        String missing = error(mutate("\"headroom\" : 0.0,", ""));
        assertTrue(missing.contains("$.pulsedUpdate.headroom (line ") && missing.contains("missing required field"), missing);
        String model = error(mutate("\"soft-bounds\"", "\"hard-bounds\""));
        assertTrue(model.contains("unknown model 'hard-bounds', expected one of soft-bounds, "), model);
        String drift = error(mutate("\"model\" : \"pcm\",\n    \"gMaxSiemens\" : 2.5E-5,\n    \"t0Seconds\"",
                "\"model\" : \"arrhenius\",\n    \"gMaxSiemens\" : 2.5E-5,\n    \"t0Seconds\""));
        assertTrue(drift.contains("unknown model 'arrhenius', expected one of pcm, constant, log-linear"), drift);
        assertTrue(error(mutate("\"schemaVersion\" : 2", "\"schemaVersion\" : 1")).contains("schemaVersion must be 2, got 1"));
        assertFalse(error(mutate("\"headroom\" : 0.0", "\"headroom\" : NaN")).isBlank());
        assertTrue(error("  \n").contains("empty"));
        assertTrue(error(NoiseProfiles.toJson(PROFILE) + "{}").startsWith("p.json: "));
    }
}
