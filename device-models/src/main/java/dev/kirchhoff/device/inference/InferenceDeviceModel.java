package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;

/**
 * Everything that happens to a device between a target conductance and an inference-time read,
 * applied by {@link InferenceDeviceArray} in this order:
 * <ol>
 *   <li>the target is clipped to {@code range} and, when {@code levels} is not null, rounded to
 *       the nearest level;</li>
 *   <li>a device drawn as stuck by {@code faults} is set to G_min or G_max of {@code range} and
 *       neither takes programming noise nor drifts (ν = 0);</li>
 *   <li>a healthy device takes {@code programmingNoise} and draws its drift exponent from
 *       {@code drift} at the (quantised) target, as aihwkit does;</li>
 *   <li>a read at time t applies {@code drift} and then {@code readNoise}, whose device
 *       coefficient is fixed from the programmed conductance.</li>
 * </ol>
 *
 * @param range            conductance window (S)
 * @param levels           programmable levels, or null for continuous (analog) targets
 * @param faults           stuck-at fractions
 * @param programmingNoise error of programming
 * @param drift            drift law and exponent distribution
 * @param readNoise        noise of each read
 */
public record InferenceDeviceModel(ConductanceRange range, ConductanceLevels levels, StuckAtFaults faults,
        ProgrammingNoise programmingNoise, DriftModel drift, ReadNoise readNoise) {

    public InferenceDeviceModel {
        requireNonNull("range", range);
        requireNonNull("faults", faults);
        requireNonNull("programmingNoise", programmingNoise);
        requireNonNull("drift", drift);
        requireNonNull("readNoise", readNoise);
    }

    /**
     * The PCM model of Nandakumar et al., ICECS 2019 (IEEE Xplore 8964852) as in aihwkit's
     * {@code PCMLikeNoiseModel}: window [0, g_max], continuous targets, no faults, polynomial
     * programming noise, PCM drift with t_0 = 20 s, 1/f read noise with t_read = 250 ns.
     *
     * @param gMaxSiemens g_max (S); 25 µS in the fit
     */
    public static InferenceDeviceModel pcm(double gMaxSiemens) {
        return new InferenceDeviceModel(new ConductanceRange(0, gMaxSiemens), null, StuckAtFaults.NONE,
                ProgrammingNoise.Polynomial.pcmNandakumar2019(gMaxSiemens), DriftModel.Pcm.nandakumar2019(gMaxSiemens),
                ReadNoise.Pcm.nandakumar2019(gMaxSiemens));
    }

    /** An ideal device on {@code range}: continuous, no faults, no noise, no drift. */
    public static InferenceDeviceModel ideal(ConductanceRange range) {
        return new InferenceDeviceModel(range, null, StuckAtFaults.NONE, ProgrammingNoise.NONE, DriftModel.NONE,
                ReadNoise.NONE);
    }

    public InferenceDeviceModel withLevels(ConductanceLevels v) {
        return new InferenceDeviceModel(range, v, faults, programmingNoise, drift, readNoise);
    }

    public InferenceDeviceModel withFaults(StuckAtFaults v) {
        return new InferenceDeviceModel(range, levels, v, programmingNoise, drift, readNoise);
    }

    public InferenceDeviceModel withProgrammingNoise(ProgrammingNoise v) {
        return new InferenceDeviceModel(range, levels, faults, v, drift, readNoise);
    }

    public InferenceDeviceModel withDrift(DriftModel v) {
        return new InferenceDeviceModel(range, levels, faults, programmingNoise, v, readNoise);
    }

    public InferenceDeviceModel withReadNoise(ReadNoise v) {
        return new InferenceDeviceModel(range, levels, faults, programmingNoise, drift, v);
    }

    /**
     * This device with its variability multiplied by {@code scale}: the programming-noise σ, the
     * read-noise σ and the device-to-device spread σ_ν of drift exponents. The window, levels,
     * faults and the mean drift exponent are kept (the mean drift is a systematic decay, which
     * global drift compensation undoes). {@code scale = 0} leaves a device that only drifts by its
     * mean law; {@code scale = 1} is this model. This is the x-axis of accuracy-versus-variability
     * sweeps (as the noise-scale sweeps of Joshi et al., Nat. Commun. 11, 2473 (2020),
     * doi:10.1038/s41467-020-16108-9).
     *
     * @param scale the multiplier, ≥ 0 and finite
     * @throws IllegalArgumentException naming {@code scale} if it is negative, NaN or infinite
     */
    public InferenceDeviceModel withVariabilityScale(double scale) {
        Checks.nonNegative("scale", scale);
        return new InferenceDeviceModel(range, levels, faults, new ProgrammingNoise.Scaled(programmingNoise, scale),
                new DriftModel.SpreadScaled(drift, scale), new ReadNoise.Scaled(readNoise, scale));
    }

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null, got null");
        }
    }
}
