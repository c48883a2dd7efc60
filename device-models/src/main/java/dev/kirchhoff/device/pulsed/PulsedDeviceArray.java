package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The state of many pulsed devices of one model, stored as a structure of arrays: one
 * {@code double[]} per quantity, indexed by device. This class owns the conductance state,
 * the per-device bounds and the per-device up/down step scales drawn from
 * {@link PulseVariability}; subclasses hold the model's own per-device parameters and define
 * one pulse in {@link #next}.
 *
 * <p>Memory: 40 bytes per device here (conductance, gMin, gMax, upScale, downScale), plus 8
 * when write noise is on, plus what a subclass adds.
 *
 * <p>Pulses. The dense path ({@link #applyPulse}, {@link #applyPulses(byte[], UniformRandomProvider)})
 * visits every device; the sparse path ({@link #applyPulses(int[], byte[], int, UniformRandomProvider)})
 * visits only a list of devices. Both run one kernel per pulsed device, so every subclass
 * supports both by defining {@link #next}:
 * <pre>
 *   ξ ~ N(0, 1) (drawn only when c2cStd &gt; 0),   G_i ← clip(next(i, G_i, p, ξ), gMin_i, gMax_i),
 *   n_i ← writeNoiseStd·Δg·ξ' (ξ' drawn only when write noise is on; the read is G_i + n_i)
 * </pre>
 *
 * <p>Randomness: every call that draws takes a {@link UniformRandomProvider}. The dense path is
 * split by {@link ChunkedParallel}, so a seed gives the same bits on one core or two; the sparse
 * path draws from the caller's provider in list order on the calling thread (see its comment).
 */
public abstract class PulsedDeviceArray {
    /** Conductance state (S). */
    protected final double[] conductanceSiemens;
    /** Per-device lower bound (S). */
    protected final double[] gMinSiemens;
    /** Per-device upper bound (S). */
    protected final double[] gMaxSiemens;
    /** Per-device factor on the potentiation step, {@code up_bias + gain_i + r_i ≥ 0}. */
    protected final double[] upScale;
    /** Per-device factor on the depression step, {@code down_bias + gain_i − r_i ≥ 0}. */
    protected final double[] downScale;
    /** Write noise currently on each device's read (S), or null when write noise is off. */
    private final double[] writeNoiseSiemens;

    private final ConductanceRange nominalRange;
    private final PulseVariability variability;
    private final double writeNoiseSigmaSiemens;

    /**
     * Draws the shared device-to-device parameters.
     *
     * @param model       the model: its nominal window, spreads, and nominal step (the unit of the write noise)
     * @param deviceCount number of devices, ≥ 1
     * @param rng         advanced by the draws
     */
    protected PulsedDeviceArray(PulsedDeviceModel model, int deviceCount, UniformRandomProvider rng) {
        Checks.positive("deviceCount", deviceCount);
        ConductanceRange range = model.range();
        PulseVariability variability = model.variability();
        double nominalStepSiemens = model.nominalStepSiemens();
        this.nominalRange = range;
        this.variability = variability;
        this.writeNoiseSigmaSiemens = variability.writeNoiseStd() * Checks.nonNegative("nominalStepSiemens", nominalStepSiemens);
        conductanceSiemens = new double[deviceCount];
        gMinSiemens = new double[deviceCount];
        gMaxSiemens = new double[deviceCount];
        upScale = new double[deviceCount];
        downScale = new double[deviceCount];
        writeNoiseSiemens = writeNoiseSigmaSiemens > 0 ? new double[deviceCount] : null;
        double upBias = Math.min(variability.upDown(), 0);
        double downBias = -Math.max(variability.upDown(), 0);
        ChunkedParallel.run(deviceCount, rng, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                double gMin = range.gMinSiemens() * (1 + variability.boundsDtod() * gauss.sample());
                double gMax = range.gMaxSiemens() * (1 + variability.boundsDtod() * gauss.sample());
                gMin = Math.max(gMin, 0);
                if (!(gMax > gMin)) {
                    // A spread so wide that the window closed: keep a window of 1% of the nominal width.
                    gMax = gMin + 0.01 * range.widthSiemens();
                }
                double xiGain = gauss.sample();
                double gain = variability.logNormalStep()
                        ? Math.exp(variability.stepDtod() * xiGain)
                        : 1 + variability.stepDtod() * xiGain;
                double asym = variability.upDownDtod() * gauss.sample();
                gMinSiemens[i] = gMin;
                gMaxSiemens[i] = gMax;
                upScale[i] = Math.max(upBias + gain + asym, 0);
                downScale[i] = Math.max(downBias + gain - asym, 0);
                conductanceSiemens[i] = gMin;
            }
        });
    }

    /** Number of devices. */
    public final int size() {
        return conductanceSiemens.length;
    }

    /** Nominal window the devices were drawn around. */
    public final ConductanceRange nominalRange() {
        return nominalRange;
    }

    /** The spreads the devices were drawn with. */
    public final PulseVariability variability() {
        return variability;
    }

    /** Conductance state of device {@code i} (S), without write noise. */
    public final double conductance(int i) {
        return conductanceSiemens[i];
    }

    /** Device {@code i}'s own lower bound (S). */
    public final double gMin(int i) {
        return gMinSiemens[i];
    }

    /** Device {@code i}'s own upper bound (S). */
    public final double gMax(int i) {
        return gMaxSiemens[i];
    }

    /** Device {@code i}'s factor on the potentiation step. */
    public final double upScale(int i) {
        return upScale[i];
    }

    /** Device {@code i}'s factor on the depression step. */
    public final double downScale(int i) {
        return downScale[i];
    }

    /**
     * Reads every device: state plus the write noise of its last pulse, floored at 0 (a
     * conductance is never negative: {@code max(G_i + n_i, 0)}).
     *
     * @param out modified: {@code out[i]} = read conductance of device i (S); length ≥ size()
     */
    public final void read(double[] out) {
        int n = size();
        if (out.length < n) {
            throw new IllegalArgumentException("out.length must be at least " + n + ", got " + out.length);
        }
        if (writeNoiseSiemens == null) {
            System.arraycopy(conductanceSiemens, 0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(conductanceSiemens[i] + writeNoiseSiemens[i], 0);
            }
        }
    }

    /**
     * Sets every device's state, clipped to its own bounds (programming by an ideal write-verify).
     *
     * @param gSiemens not modified: target conductances (S), non-negative and finite, length = size()
     */
    public final void setConductances(double[] gSiemens) {
        if (gSiemens.length != size()) {
            throw new IllegalArgumentException("gSiemens.length must be " + size() + ", got " + gSiemens.length);
        }
        Checks.conductances("gSiemens", gSiemens);
        for (int i = 0; i < gSiemens.length; i++) {
            conductanceSiemens[i] = Math.min(Math.max(gSiemens[i], gMinSiemens[i]), gMaxSiemens[i]);
        }
        if (writeNoiseSiemens != null) {
            java.util.Arrays.fill(writeNoiseSiemens, 0);
        }
    }

    /** Sets every device to the same target conductance, clipped to its own bounds. */
    public final void fill(double gSiemens) {
        Checks.nonNegative("gSiemens", gSiemens);
        for (int i = 0; i < size(); i++) {
            conductanceSiemens[i] = Math.min(Math.max(gSiemens, gMinSiemens[i]), gMaxSiemens[i]);
        }
        if (writeNoiseSiemens != null) {
            java.util.Arrays.fill(writeNoiseSiemens, 0);
        }
    }

    /**
     * Applies one pulse of the same polarity to every device.
     *
     * @param polarity +1 potentiation, −1 depression, 0 no pulse
     * @param rng      source of the cycle-to-cycle and write noise (advanced)
     */
    public final void applyPulse(int polarity, UniformRandomProvider rng) {
        if (polarity < -1 || polarity > 1) {
            throw new IllegalArgumentException("polarity must be -1, 0 or +1, got " + polarity);
        }
        pulse(null, polarity, rng);
    }

    /**
     * Applies at most one pulse to each device.
     *
     * @param polarity not modified: per device +1 potentiation, −1 depression, 0 no pulse; length = size()
     * @param rng      source of the cycle-to-cycle and write noise (advanced)
     */
    public final void applyPulses(byte[] polarity, UniformRandomProvider rng) {
        if (polarity.length != size()) {
            throw new IllegalArgumentException("polarity.length must be " + size() + ", got " + polarity.length);
        }
        pulse(polarity, 0, rng);
    }

    /**
     * Applies one pulse to each listed device: entry k pulses device {@code devices[k]} with
     * polarity {@code polarities[k]}, for k = 0 … count−1 in that order. The sparse counterpart
     * of {@link #applyPulses(byte[], UniformRandomProvider)}: the same per-device physics (the
     * model's {@link #next} step, the clip to the device's own bounds, the cycle-to-cycle and
     * write-noise laws), at a cost of O(count) instead of O(size()), for callers that pulse a
     * few devices of a large array (a tile's coincidences in one pulse slot).
     *
     * <p>Randomness and draw order: the draws come from {@code rng} itself, on the calling
     * thread, through one {@link ZigguratSampler.NormalizedGaussian} made for this call. For
     * each entry in list order whose polarity is not 0: first the cycle-to-cycle normal ξ (only
     * when c2cStd &gt; 0), then the write-noise normal (only when write noise is on). Entries of
     * polarity 0 draw nothing. So a seed gives the same bits on any number of threads. The dense
     * path draws by the same per-device rule, in increasing device order, from each chunk's
     * stream ({@link ChunkedParallel}); on an array of at most {@link ChunkedParallel#CHUNK}
     * devices, a list sorted by device index given that chunk's stream reproduces the dense
     * path bit for bit. A device listed twice is pulsed twice, in list order.
     *
     * @param devices    not modified: device indices, each in [0, size()), for entries [0, count)
     * @param polarities not modified: +1 potentiation, −1 depression, 0 no pulse, for entries [0, count)
     * @param count      number of entries, 0 ≤ count ≤ min(devices.length, polarities.length)
     * @param rng        source of the cycle-to-cycle and write noise (advanced as above)
     * @throws IllegalArgumentException naming the first bad entry; then no device was touched
     */
    public final void applyPulses(int[] devices, byte[] polarities, int count, UniformRandomProvider rng) {
        if (count < 0 || count > devices.length || count > polarities.length) {
            throw new IllegalArgumentException("count must be in [0, min(devices.length, polarities.length)] = [0, "
                    + Math.min(devices.length, polarities.length) + "], got " + count);
        }
        int n = size();
        for (int k = 0; k < count; k++) {
            int d = devices[k];
            if (d < 0 || d >= n) {
                throw new IllegalArgumentException("devices[" + k + "] must be in [0, " + n + "), got " + d);
            }
            int p = polarities[k];
            if (p < -1 || p > 1) {
                throw new IllegalArgumentException("polarities[" + k + "] must be -1, 0 or +1, got " + p);
            }
        }
        if (count == 0) {
            return;
        }
        final double c2c = variability.c2cStd();
        final double[] wn = writeNoiseSiemens;
        final double[] g = conductanceSiemens;
        ZigguratSampler.NormalizedGaussian gauss = c2c > 0 || wn != null
                ? ZigguratSampler.NormalizedGaussian.of(rng) : null;
        for (int k = 0; k < count; k++) {
            int p = polarities[k];
            if (p != 0) {
                pulseOne(devices[k], p, c2c, gauss, g, wn);
            }
        }
    }

    /**
     * One pulse on device i, the kernel both paths share: the c2c draw (when c2c &gt; 0), the
     * model's step, the clip to [gMin_i, gMax_i], then the write-noise draw (when on).
     */
    private void pulseOne(int i, int p, double c2c, ZigguratSampler.NormalizedGaussian gauss, double[] g,
            double[] wn) {
        double xi = c2c > 0 ? gauss.sample() : 0;
        double next = next(i, g[i], p, xi);
        g[i] = Math.min(Math.max(next, gMinSiemens[i]), gMaxSiemens[i]);
        if (wn != null) {
            wn[i] = writeNoiseSigmaSiemens * gauss.sample();
        }
    }

    private void pulse(byte[] polarity, int uniformPolarity, UniformRandomProvider rng) {
        final double c2c = variability.c2cStd();
        final double[] wn = writeNoiseSiemens;
        final double[] g = conductanceSiemens;
        ChunkedParallel.run(size(), rng, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                int p = polarity == null ? uniformPolarity : polarity[i];
                if (p != 0) {
                    pulseOne(i, p, c2c, gauss, g, wn);
                }
            }
        });
    }

    /**
     * One pulse on device {@code i}, before clipping to its bounds. Called from the hot loop:
     * allocate nothing.
     *
     * @param i        device index
     * @param g        its conductance before the pulse (S)
     * @param polarity +1 or −1
     * @param xi       a standard normal draw for the cycle-to-cycle noise (0 when c2cStd is 0)
     * @return the conductance after the pulse (S), to be clipped by the caller
     */
    protected abstract double next(int i, double g, int polarity, double xi);
}
