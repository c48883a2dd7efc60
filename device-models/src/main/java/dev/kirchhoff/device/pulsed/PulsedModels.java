package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.ConductanceRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pulsed-update models by name, each with default parameters scaled to a conductance window:
 * the entry point of the command line's {@code --model}. Defaults take aihwkit's spreads
 * ({@link PulseVariability#AIHWKIT_DEFAULT}) and shapes (each model's {@code defaults}), but a
 * nominal step of 1/100 of the window instead of aihwkit's 1/1200, so that a potentiation run of
 * about 100–200 pulses spans it, as in a typical measured device. {@code pow-step} uses γ = 2
 * (aihwkit's default γ = 1 is soft bounds) and {@code piecewise-step} a saturating node table.
 * The {@code neurosim-*} names are NeuroSim's measured devices ({@link NeuroSimDevices}), which
 * carry their own conductance window and ignore the one given.
 */
public final class PulsedModels {
    /** Window used when none is given: 1–25 µS (aihwkit's PCM g_max of 25 µS). */
    public static final ConductanceRange DEFAULT_RANGE = new ConductanceRange(1e-6, 25e-6);

    private static final Map<String, Function<ConductanceRange, PulsedDeviceModel>> DEFAULTS = new LinkedHashMap<>();

    static {
        PulseVariability spreads = PulseVariability.AIHWKIT_DEFAULT;
        DEFAULTS.put(SoftBounds.NAME, r -> SoftBounds.of(r, step(r), spreads));
        DEFAULTS.put(ConstantStep.NAME, r -> ConstantStep.of(r, step(r), spreads));
        DEFAULTS.put(LinearStep.NAME, r -> LinearStep.defaults(r).withStep(step(r)));
        DEFAULTS.put(ExpStep.NAME, r -> ExpStep.defaults(r, step(r)));
        DEFAULTS.put(PowStep.NAME, r -> PowStep.of(r, step(r), 2.0, spreads.withExponentDtod(0.1)));
        // A saturating table, as measured devices show: up steps shrink towards gMax, down steps towards gMin.
        DEFAULTS.put(PiecewiseStep.NAME, r -> PiecewiseStep.of(r, step(r), new double[] {1.6, 1.3, 1.0, 0.7, 0.4},
                new double[] {0.4, 0.7, 1.0, 1.3, 1.6}, spreads));
        // NeuroSim's pulse-number model: 100 states, moderate nonlinearity both ways, 2% additive c2c.
        DEFAULTS.put(NeuroSimNonlinear.NAME, r -> NeuroSimNonlinear.fromLabels(r, 100, 100, 1.0, -1.0,
                PulseVariability.NONE.withC2cStd(0.02).withStepDtod(0.1).withUpDownDtod(0.01)));
        // The measured devices of NeuroSim's table carry their own window: the range is not used.
        for (NeuroSimDevices d : NeuroSimDevices.values()) {
            DEFAULTS.put(presetName(d), r -> d.model());
        }
    }

    private PulsedModels() {
    }

    /** Command-line name of a NeuroSim preset, e.g. {@code neurosim-ag-a-si} for {@code AG_A_SI}. */
    public static String presetName(NeuroSimDevices d) {
        return NeuroSimNonlinear.NAME + "-" + d.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Default nominal step: 1/100 of the window. */
    private static double step(ConductanceRange r) {
        return r.widthSiemens() / 100;
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
