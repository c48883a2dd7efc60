package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.ConductanceRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pulsed-update models by name, each with default parameters scaled to a conductance window:
 * the entry point of the command line's {@code --model}. Defaults take aihwkit's spreads
 * ({@link PulseVariability#AIHWKIT_DEFAULT}) and a nominal step of 1/100 of the window, so a
 * potentiation run of about 100–200 pulses spans it.
 */
public final class PulsedModels {
    /** Window used when none is given: 1–25 µS (aihwkit's PCM g_max of 25 µS). */
    public static final ConductanceRange DEFAULT_RANGE = new ConductanceRange(1e-6, 25e-6);

    private static final Map<String, Function<ConductanceRange, PulsedDeviceModel>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(SoftBounds.NAME, r -> SoftBounds.of(r, r.widthSiemens() / 100, PulseVariability.AIHWKIT_DEFAULT));
    }

    private PulsedModels() {
    }

    /** The names {@link #defaults} accepts, in a stable order. */
    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /**
     * The named model with its default parameters on {@code range}.
     *
     * @throws IllegalArgumentException naming the model when it is unknown
     */
    public static PulsedDeviceModel defaults(String name, ConductanceRange range) {
        Function<ConductanceRange, PulsedDeviceModel> f = DEFAULTS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("model must be one of " + names() + ", got '" + name + "'");
        }
        return f.apply(range);
    }
}
