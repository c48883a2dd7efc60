package dev.kirchhoff.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.pulsed.PulsedModels;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model the command line can name can be written to a profile and read back identical. */
class EveryModelRoundTripTest {
    static Stream<String> modelNames() {
        return PulsedModels.names().stream();
    }

    @ParameterizedTest
    @MethodSource("modelNames")
    void jsonRoundTripIsIdentical(String name) {
        NoiseProfile p = NoiseProfile.of(name + "-defaults", "PulsedModels defaults",
                PulsedModels.defaults(name, PulsedModels.DEFAULT_RANGE));
        String json = NoiseProfiles.toJson(p);
        NoiseProfile back = NoiseProfiles.parse(json, name);
        assertEquals(p, back);
        assertEquals(json, NoiseProfiles.toJson(back));
    }

    /** A linear NeuroSim curve has A = ∞; the profile must still round-trip. */
    @org.junit.jupiter.api.Test
    void linearNeuroSimRoundTrips() {
        NoiseProfile p = NoiseProfile.of("linear", "test", dev.kirchhoff.device.pulsed.NeuroSimNonlinear.linear(
                PulsedModels.DEFAULT_RANGE, 64, dev.kirchhoff.device.pulsed.PulseVariability.NONE));
        assertEquals(p, NoiseProfiles.parse(NoiseProfiles.toJson(p), "linear"));
    }
}
