package dev.kirchhoff.tiling.learning;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulsedDeviceArray;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Synapses that are memristive devices, one per synapse, programmed by pulses through the
 * device model's own update ({@link PulsedDeviceArray#applyPulses}), so that its nonlinearity,
 * up/down asymmetry, device-to-device spread and cycle-to-cycle noise shape learning (Querlioz
 * et al., "Immunity to device variations in a spiking neural network with memristive
 * nanodevices", IEEE Trans. Nanotechnol. 12(3), 288–295, 2013, doi:10.1109/TNANO.2013.2250995).
 *
 * <p>Weight ↔ conductance, on the model's nominal window [G_min, G_max]:
 * <pre>
 *   w = w_min + (w_max − w_min)·(G − G_min)/(G_max − G_min),
 *   Δw_min = (w_max − w_min)·g_step/(G_max − G_min)      (g_step = the model's nominal step)
 * </pre>
 * Requested changes are summed per synapse over a time step; {@link #endStep} turns each sum
 * Δw into {@code n = rounding(|Δw|/Δw_min)} pulses (see {@link PulseRounding}), at most
 * {@code maxPulsesPerStep}, potentiating for Δw &gt; 0 and depressing for Δw &lt; 0, and
 * applies them one round at a time (round k pulses every synapse that still has more than k
 * pulses to go). What each pulse does is the device's business: a soft-bounds device moves by
 * α·(G_max − G)/(G_max − G_min) up, so potentiation slows near the top, and so on. A pre and a
 * post spike in the same step are netted before rounding, as a write circuit that programs the
 * net change of a step would.
 *
 * <p>Cost: {@code endStep} visits only the rows and columns changed in the step, plus one pass
 * of {@link PulsedDeviceArray#applyPulses} over all devices per pulse round, in steps where some
 * synapse gets a pulse (the device API pulses whole arrays). Memory: the device array plus 17
 * bytes per synapse (pending change, pulse count, polarity, pulsed list).
 */
public final class MemristiveSynapses implements PlasticSynapses {
    private final int preCount;
    private final int postCount;
    private final double minWeight;
    private final double maxWeight;
    private final PulsedDeviceArray devices;
    private final PulseRounding rounding;
    private final int maxPulsesPerStep;
    private final double gMinSiemens;
    private final double weightPerSiemens;
    private final double deltaWeightMin;
    private final double[] pending;
    private final int[] pulses;
    private final byte[] polarity;
    private final int[] pulsed;
    private final boolean[] rowTouched;
    private final int[] touchedRows;
    private int touchedRowCount;
    private final boolean[] columnTouched;
    private final int[] touchedColumns;
    private int touchedColumnCount;

    /**
     * Draws one device per synapse; every device starts at its own G_min (weight ≈ w_min).
     *
     * @param preCount         rows, ≥ 1
     * @param postCount        columns, ≥ 1
     * @param model            the device model (its spreads are drawn here)
     * @param minWeight        weight at the nominal G_min, finite
     * @param maxWeight        weight at the nominal G_max, finite, &gt; minWeight
     * @param rounding         how Δw becomes a pulse count
     * @param maxPulsesPerStep most pulses one synapse gets in one step, ≥ 1
     * @param rng              source of the device-to-device draws (advanced)
     */
    public MemristiveSynapses(int preCount, int postCount, PulsedDeviceModel model, double minWeight,
            double maxWeight, PulseRounding rounding, int maxPulsesPerStep, UniformRandomProvider rng) {
        int n = SynapseChecks.size(preCount, postCount);
        SynapseChecks.weightRange(minWeight, maxWeight);
        if (rounding == null) {
            throw new IllegalArgumentException("rounding must not be null");
        }
        Checks.positive("maxPulsesPerStep", maxPulsesPerStep);
        this.preCount = preCount;
        this.postCount = postCount;
        this.minWeight = minWeight;
        this.maxWeight = maxWeight;
        this.rounding = rounding;
        this.maxPulsesPerStep = maxPulsesPerStep;
        ConductanceRange range = model.range();
        this.gMinSiemens = range.gMinSiemens();
        this.weightPerSiemens = (maxWeight - minWeight) / range.widthSiemens();
        this.deltaWeightMin = Checks.positive("model.nominalStepSiemens", model.nominalStepSiemens()) * weightPerSiemens;
        this.devices = model.create(n, rng);
        this.pending = new double[n];
        this.pulses = new int[n];
        this.polarity = new byte[n];
        this.pulsed = new int[n];
        this.rowTouched = new boolean[preCount];
        this.touchedRows = new int[preCount];
        this.columnTouched = new boolean[postCount];
        this.touchedColumns = new int[postCount];
    }

    /** The devices (read them for conductances; pulse them only through this class). */
    public PulsedDeviceArray devices() {
        return devices;
    }

    /** Δw_min: the model's nominal step in weight units. */
    public double deltaWeightMin() {
        return deltaWeightMin;
    }

    /** How changes are rounded to pulses. */
    public PulseRounding rounding() {
        return rounding;
    }

    /** The weight of conductance g (S) under this class's mapping. */
    public double weightOf(double gSiemens) {
        return minWeight + (gSiemens - gMinSiemens) * weightPerSiemens;
    }

    @Override
    public int preCount() {
        return preCount;
    }

    @Override
    public int postCount() {
        return postCount;
    }

    @Override
    public double minWeight() {
        return minWeight;
    }

    @Override
    public double maxWeight() {
        return maxWeight;
    }

    @Override
    public double weight(int pre, int post) {
        SynapseChecks.index("pre", pre, preCount);
        SynapseChecks.index("post", post, postCount);
        return weightOf(devices.conductance(pre * postCount + post));
    }

    @Override
    public void readWeights(double[] out) {
        int n = pending.length;
        SynapseChecks.length("out", out, n);
        devices.read(out);
        for (int i = 0; i < n; i++) {
            out[i] = minWeight + (out[i] - gMinSiemens) * weightPerSiemens;
        }
    }

    /** {@inheritDoc} Each weight is mapped to a conductance and clipped to its device's bounds (and at 0 S). */
    @Override
    public void setWeights(double[] w) {
        int n = pending.length;
        SynapseChecks.finiteWeights(w, n);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.max(gMinSiemens + (w[i] - minWeight) / weightPerSiemens, 0);
        }
        devices.setConductances(g);
        Arrays.fill(pending, 0);
        Arrays.fill(rowTouched, false);
        Arrays.fill(columnTouched, false);
        touchedRowCount = 0;
        touchedColumnCount = 0;
    }

    @Override
    public void changeRow(int pre, double[] values, double scale) {
        SynapseChecks.index("pre", pre, preCount);
        SynapseChecks.length("values", values, postCount);
        Checks.finite("scale", scale);
        int base = pre * postCount;
        for (int j = 0; j < postCount; j++) {
            pending[base + j] += scale * values[j];
        }
        if (!rowTouched[pre]) {
            rowTouched[pre] = true;
            touchedRows[touchedRowCount++] = pre;
        }
    }

    @Override
    public void changeColumn(int post, double[] values, double scale) {
        SynapseChecks.index("post", post, postCount);
        SynapseChecks.length("values", values, preCount);
        Checks.finite("scale", scale);
        for (int i = 0, k = post; i < preCount; i++, k += postCount) {
            pending[k] += scale * values[i];
        }
        if (!columnTouched[post]) {
            columnTouched[post] = true;
            touchedColumns[touchedColumnCount++] = post;
        }
    }

    /**
     * {@inheritDoc} Visits only the rows and columns changed in this step (rows first, each in
     * the order it was first changed, then columns); draws one uniform per visited synapse with
     * a non-zero change (stochastic rounding only), then the device noise of each pulse round.
     */
    @Override
    public void endStep(UniformRandomProvider rng) {
        int pulsedCount = 0;
        int rounds = 0;
        for (int r = 0; r < touchedRowCount; r++) {
            int pre = touchedRows[r];
            rowTouched[pre] = false;
            for (int k = pre * postCount, end = k + postCount; k < end; k++) {
                int c = toPulses(k, rng);
                if (c != 0) {
                    pulsed[pulsedCount++] = k;
                    rounds = Math.max(rounds, Math.abs(c));
                }
            }
        }
        touchedRowCount = 0;
        for (int q = 0; q < touchedColumnCount; q++) {
            int post = touchedColumns[q];
            columnTouched[post] = false;
            for (int k = post; k < pending.length; k += postCount) {
                int c = toPulses(k, rng);
                if (c != 0) {
                    pulsed[pulsedCount++] = k;
                    rounds = Math.max(rounds, Math.abs(c));
                }
            }
        }
        touchedColumnCount = 0;
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < pulsedCount; m++) {
                int k = pulsed[m];
                int p = pulses[k];
                polarity[k] = (byte) (p > round ? 1 : (-p > round ? -1 : 0));
            }
            devices.applyPulses(polarity, rng);
        }
        for (int m = 0; m < pulsedCount; m++) {
            polarity[pulsed[m]] = 0;
            pulses[pulsed[m]] = 0;
        }
    }

    /**
     * Turns synapse k's pending change into a signed pulse count (stored in {@code pulses[k]})
     * and clears the pending change. A synapse already converted in this step has no pending
     * change and keeps its count.
     */
    private int toPulses(int k, UniformRandomProvider rng) {
        double dw = pending[k];
        if (dw == 0) {
            return 0;
        }
        pending[k] = 0;
        double r = Math.abs(dw) / deltaWeightMin;
        double count;
        if (rounding == PulseRounding.STOCHASTIC) {
            double fl = Math.floor(r);
            count = fl + (rng.nextDouble() < r - fl ? 1 : 0);
        } else {
            count = Math.floor(r + 0.5);
        }
        int c = (int) Math.min(count, maxPulsesPerStep);
        pulses[k] = dw > 0 ? c : -c;
        return pulses[k];
    }
}
