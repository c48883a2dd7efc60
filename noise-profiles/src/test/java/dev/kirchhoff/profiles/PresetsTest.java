package dev.kirchhoff.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import dev.kirchhoff.device.inference.ReadNoise;
import dev.kirchhoff.device.pulsed.AihwkitSoftBounds;
import dev.kirchhoff.device.pulsed.NeuroSimDevices;
import dev.kirchhoff.device.pulsed.NeuroSimNonlinear;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceArray;
import dev.kirchhoff.device.pulsed.PulsedModels;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled presets carry the published numbers: each JSON file equals the profile built from
 * the device-models factories (which are tested against MODELS.md and the papers), and the
 * NeuroSim presets, loaded from JSON, reproduce their state counts and curve shapes.
 */
class PresetsTest {
    static Stream<String> names() {
        return Presets.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachPresetLoadsWithItsNameAndASource(String name) {
        NoiseProfile p = Presets.load(name);
        assertEquals(name, p.name());
        assertTrue(p.source().length() > 20, name + " cites its source");
        assertEquals(Presets.json(name), NoiseProfiles.toJson(p), name + " is stored in canonical form");
    }

    @Test
    void inferencePresetsHoldThePublishedLaws() {
        assertEquals(NoiseProfiles.toJson(NoiseProfile.builder("pcm-nandakumar-2019", Presets.load("pcm-nandakumar-2019").source(),
                        new ConductanceRange(0, 25e-6))
                .programmingNoise(ProgrammingNoise.Polynomial.pcmNandakumar2019(25e-6))
                .readNoise(ReadNoise.Pcm.nandakumar2019(25e-6))
                .drift(DriftModel.Pcm.nandakumar2019(25e-6)).build()), Presets.json("pcm-nandakumar-2019"));
        NoiseProfile wan = Presets.load("rram-wan-2022");
        assertEquals(new ConductanceRange(0, 40e-6), wan.conductanceRange());
        // At g_max = 40 µS the polynomial is evaluated at its reference: σ(G_T = g_max) = Σ c_k µS.
        double sum = 0.348 + 16.030 - 43.853 + 45.393 - 16.815;
        assertEquals(sum * 1e-6, wan.programmingNoise().sigmaSiemens(40e-6), 1e-15);
        NoiseProfile milo = Presets.load("rram-milo");
        // Milo (CrossSim): σ(100 µS) = −0.009107·100 + 4.782 = 3.8713 µS.
        assertEquals(3.8713e-6, milo.programmingNoise().sigmaSiemens(100e-6), 1e-12);
    }

    /**
     * The soft-bounds RRAM preset is aihwkit's ReRamSBPresetDevice through AihwkitSoftBounds on
     * 0–25 µS (the mapping itself is tested in device-models): the file equals that model, and a
     * few numbers are spelled out — steps 25 µS·0.002/1.25 and /0.75, symmetry point at aihwkit's
     * w = 0 (0.75/2 of the window), write noise 56·dw_min = 0.112 weight units = 1.4 µS.
     */
    @Test
    void softBoundsRramPresetIsAihwkitsReRamSb() {
        NoiseProfile p = Presets.load("rram-soft-bounds");
        ConductanceRange window = new ConductanceRange(0, 25e-6);
        assertEquals(NoiseProfiles.toJson(NoiseProfile.of("rram-soft-bounds", p.source(),
                AihwkitSoftBounds.RERAM_SB_PRESET.toModel(window))), Presets.json("rram-soft-bounds"));
        SoftBounds m = (SoftBounds) p.requirePulsedUpdate();
        assertEquals(4e-8, m.alphaUpSiemens(), 1e-20);
        assertEquals(25e-6 * 0.002 / 0.75, m.alphaDownSiemens(), 1e-20);
        assertEquals(9.375e-6, m.symmetryPointSiemens(), 1e-15);
        assertEquals(1.4e-6, m.variability().writeNoiseStd() * m.nominalStepSiemens(), 1e-15);
        assertTrue(p.source().contains("ReRamSBPresetDevice") && p.source().contains("10.1038/s41467-018-04485-1"));
    }

    @ParameterizedTest
    @EnumSource(NeuroSimDevices.class)
    void neuroSimPresetsCarryTheTable(NeuroSimDevices d) {
        NoiseProfile p = Presets.load(PulsedModels.presetName(d));
        assertEquals(NoiseProfiles.toJson(NoiseProfile.of(p.name(), d.source(), d.model())), NoiseProfiles.toJson(p));
        NeuroSimNonlinear m = (NeuroSimNonlinear) p.requirePulsedUpdate();
        assertEquals(d.c2cStd(), m.variability().c2cStd(), 0.0);
        assertEquals(1 / d.rOnOhm(), m.range().gMaxSiemens(), 1e-12 / d.rOnOhm());
        assertEquals(d.onOffRatio(), m.range().gMaxSiemens() / m.range().gMinSiemens(), 1e-9 * d.onOffRatio());
    }

    /**
     * Noise-free, a preset read from JSON needs exactly its table state count of pulses from
     * gMin to gMax and back, and every step lands on the closed form
     * {@code G(P) = B(1 − e^(−P/A)) + gMin} with A from the table's nonlinearity label
     * (relative error ≤ 1e−12 of the window: only rounding).
     */
    @ParameterizedTest
    @EnumSource(NeuroSimDevices.class)
    void neuroSimPresetsReproduceStateCountsAndCurves(NeuroSimDevices d) {
        NeuroSimNonlinear m = (NeuroSimNonlinear) Presets.load(PulsedModels.presetName(d)).requirePulsedUpdate()
                .withVariability(PulseVariability.NONE);
        NeuroSimNonlinear table = NeuroSimNonlinear.fromLabels(d.range(), d.states(), d.states(), d.nlLtp(), d.nlLtd(),
                PulseVariability.NONE);
        int states = d.states();
        double[] up = sweep(m, +1, states + 5);
        double[] down = sweep(m, -1, states + 5);
        double window = m.range().widthSiemens();
        for (int p = 0; p <= states; p++) {
            assertEquals(table.ltpConductance(p), up[p], 1e-12 * window, d + " LTP after " + p);
            assertEquals(table.ltdConductance(p), down[p], 1e-12 * window, d + " LTD after " + p);
        }
        assertTrue(up[states - 1] < m.range().gMaxSiemens() && up[states] == m.range().gMaxSiemens(), d + " LTP states");
        assertTrue(down[states - 1] > m.range().gMinSiemens() && down[states] == m.range().gMinSiemens(), d + " LTD states");
        assertEquals(d.nlLtp(), NeuroSimNonlinear.nonlinearityLabel(m.normalizedALtp()), 0.01, d + " LTP label");
        assertEquals(d.nlLtd(), NeuroSimNonlinear.nonlinearityLabel(m.normalizedALtd()), 0.01, d + " LTD label");
    }

    private static double[] sweep(NeuroSimNonlinear m, int polarity, int pulses) {
        PulsedDeviceArray a = m.create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        a.fill(polarity > 0 ? m.range().gMinSiemens() : m.range().gMaxSiemens());
        double[] g = new double[pulses + 1];
        g[0] = a.conductance(0);
        for (int p = 1; p <= pulses; p++) {
            a.applyPulse(polarity, RandomSource.XO_SHI_RO_256_PP.create(2L));
            g[p] = a.conductance(0);
        }
        return g;
    }

    @Test
    void resolveTakesAPresetNameOrAFile(@TempDir Path dir) throws Exception {
        assertEquals("rram-milo", Presets.resolve("rram-milo").name());
        Path file = dir.resolve("mine.json");
        NoiseProfiles.write(Presets.load("neurosim-epiram").toBuilder().name("mine").build(), file);
        assertEquals("mine", Presets.resolve(file.toString()).name());
        String msg = assertThrows(IllegalArgumentException.class, () -> Presets.resolve("rram-mil0")).getMessage();
        assertTrue(msg.contains("'rram-mil0' is neither a preset (pcm-nandakumar-2019, ") && msg.endsWith("nor a file"), msg);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> Presets.resolve(dir.resolve("nope.json").toString())).getMessage();
        assertTrue(missing.endsWith("nope.json: no such file"), missing);
        Files.writeString(file, "{}");
        assertThrows(ProfileFormatException.class, () -> Presets.resolve(file.toString()));
    }
}
