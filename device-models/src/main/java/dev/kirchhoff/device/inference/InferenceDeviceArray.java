package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Many programmed devices of one {@link InferenceDeviceModel}, stored as a structure of
 * arrays: programmed conductance, drift exponent ν, read-noise coefficient and fault code per
 * device (25 bytes per device). This class owns that state; {@link #program} replaces it and
 * {@link #readAt} reads it without changing it, so one programming can be read at many times.
 *
 * <p>Until {@link #program} is called every device is healthy at G_min with ν = 0.
 *
 * <p>Randomness: every drawing call takes a {@link UniformRandomProvider}; the work is split by
 * {@link ChunkedParallel}, so a seed gives the same bits on one core or many. Programming draws,
 * per device in order, one uniform (only when faults are possible) and, for a healthy device, two
 * standard normals (programming noise, then ν); a read draws one standard normal per device.
 */
public final class InferenceDeviceArray {
    private final InferenceDeviceModel model;
    private final double[] programmedSiemens;
    private final double[] nu;
    private final double[] readCoefficient;
    private final byte[] fault;

    /**
     * @param model       the device model
     * @param deviceCount number of devices, ≥ 1
     */
    public InferenceDeviceArray(InferenceDeviceModel model, int deviceCount) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null, got null");
        }
        Checks.positive("deviceCount", deviceCount);
        this.model = model;
        programmedSiemens = new double[deviceCount];
        nu = new double[deviceCount];
        readCoefficient = new double[deviceCount];
        fault = new byte[deviceCount];
        double gMin = model.range().gMinSiemens();
        java.util.Arrays.fill(programmedSiemens, gMin);
        java.util.Arrays.fill(readCoefficient, model.readNoise().deviceCoefficient(gMin));
    }

    /** Number of devices. */
    public int size() {
        return programmedSiemens.length;
    }

    /** The model the devices follow. */
    public InferenceDeviceModel model() {
        return model;
    }

    /** Programmed conductance of device {@code i} (S), as at t_inference = 0 without read noise. */
    public double programmed(int i) {
        return programmedSiemens[i];
    }

    /** Drift exponent of device {@code i}. */
    public double nu(int i) {
        return nu[i];
    }

    /** Read-noise device coefficient of device {@code i} (see {@link ReadNoise#deviceCoefficient}). */
    public double readNoiseCoefficient(int i) {
        return readCoefficient[i];
    }

    /** Fault code of device {@code i}: {@link StuckAtFaults#HEALTHY}, {@code STUCK_AT_MIN} or {@code STUCK_AT_MAX}. */
    public byte fault(int i) {
        return fault[i];
    }

    /**
     * Copies the programmed conductances.
     *
     * @param out modified: {@code out[i]} = programmed conductance of device i (S); length ≥ size()
     */
    public void programmedConductances(double[] out) {
        checkOut(out);
        System.arraycopy(programmedSiemens, 0, out, 0, size());
    }

    /**
     * Programs every device: target → clip to the window → nearest level → stuck-at faults →
     * programming noise, and draws each healthy device's drift exponent at its target.
     *
     * @param targetsSiemens not modified: target conductances (S), non-negative and finite, length = size()
     * @param rng            advanced by {@code 4·chunkCount(size())} longs
     */
    public void program(double[] targetsSiemens, UniformRandomProvider rng) {
        if (targetsSiemens.length != size()) {
            throw new IllegalArgumentException("targetsSiemens.length must be " + size() + ", got " + targetsSiemens.length);
        }
        Checks.conductances("targetsSiemens", targetsSiemens);
        final ConductanceRange range = model.range();
        final double gMin = range.gMinSiemens();
        final double gMax = range.gMaxSiemens();
        final ConductanceLevels levels = model.levels();
        final StuckAtFaults faults = model.faults();
        final boolean anyFaults = faults.any();
        final ProgrammingNoise prog = model.programmingNoise();
        final DriftModel drift = model.drift();
        final ReadNoise read = model.readNoise();
        final double[] gp = programmedSiemens;
        final double[] v = nu;
        final double[] c = readCoefficient;
        final byte[] f = fault;
        ChunkedParallel.run(size(), rng, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                double target = Math.min(Math.max(targetsSiemens[i], gMin), gMax);
                if (levels != null) {
                    target = levels.quantize(target);
                }
                byte code = anyFaults ? faults.classify(r.nextDouble()) : StuckAtFaults.HEALTHY;
                double g;
                double nuI;
                if (code == StuckAtFaults.HEALTHY) {
                    g = prog.program(target, gauss.sample());
                    nuI = drift.drawNu(target, gauss.sample());
                } else {
                    g = code == StuckAtFaults.STUCK_AT_MIN ? gMin : gMax;
                    nuI = 0;
                }
                gp[i] = g;
                v[i] = nuI;
                c[i] = read.deviceCoefficient(g);
                f[i] = code;
            }
        });
    }

    /**
     * Reads every device at one inference time, in parallel chunks:
     * <pre>
     *   G(t)    = G_prog·((t + t_0)/t_0)^(−ν)
     *   out[i]  = max(G(t) + σ_i(t)·ξ_i, 0),   σ_i(t) = c_i·f(t)·(relative ? |G(t)| : 1)
     * </pre>
     *
     * @param tInferenceSeconds time since programming (s), ≥ 0 and finite
     * @param rng               advanced by {@code 4·chunkCount(size())} longs
     * @param out               modified: {@code out[i]} = read conductance of device i (S); length ≥ size()
     */
    public void readAt(double tInferenceSeconds, UniformRandomProvider rng, double[] out) {
        readAt(tInferenceSeconds, rng, out, true);
    }

    /**
     * As {@link #readAt(double, UniformRandomProvider, double[])}, with the chunks run on the
     * calling thread only when {@code parallel} is false; the result is the same bits either way.
     */
    public void readAt(double tInferenceSeconds, UniformRandomProvider rng, double[] out, boolean parallel) {
        checkOut(out);
        final DriftModel drift = model.drift();
        final double logRatio = drift.logTimeRatio(tInferenceSeconds);
        final ReadNoise read = model.readNoise();
        final double timeFactor = read.timeFactor(tInferenceSeconds);
        final boolean relative = read.relative();
        final double[] gp = programmedSiemens;
        final double[] v = nu;
        final double[] c = readCoefficient;
        ChunkedParallel.run(size(), rng, parallel, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            if (relative) {
                for (int i = from; i < to; i++) {
                    double g = DriftModel.decay(gp[i], v[i], logRatio);
                    out[i] = Math.max(g + Math.abs(g) * (c[i] * timeFactor) * gauss.sample(), 0);
                }
            } else {
                for (int i = from; i < to; i++) {
                    double g = DriftModel.decay(gp[i], v[i], logRatio);
                    out[i] = Math.max(g + (c[i] * timeFactor) * gauss.sample(), 0);
                }
            }
        });
    }

    /**
     * The deterministic drifted conductances, without read noise:
     * {@code out[i] = G_prog,i·((t + t_0)/t_0)^(−ν_i)}, bit-identical to the mean path of
     * {@link #readAt}.
     *
     * @param tInferenceSeconds time since programming (s), ≥ 0 and finite
     * @param out               modified: drifted conductance of each device (S); length ≥ size()
     */
    public void driftAt(double tInferenceSeconds, double[] out) {
        checkOut(out);
        double logRatio = model.drift().logTimeRatio(tInferenceSeconds);
        for (int i = 0; i < size(); i++) {
            out[i] = DriftModel.decay(programmedSiemens[i], nu[i], logRatio);
        }
    }

    private void checkOut(double[] out) {
        if (out.length < size()) {
            throw new IllegalArgumentException("out.length must be at least " + size() + ", got " + out.length);
        }
    }
}
