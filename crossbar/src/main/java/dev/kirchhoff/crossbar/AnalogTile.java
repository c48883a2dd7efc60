package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.pulsed.PulsedDeviceArray;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RecursiveAction;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An analog tile: an M-input, N-output weight matrix held by pulsed devices on one crossbar
 * (a {@link ConductanceMapping}), read through a {@link CrossbarEngine} and a {@link Periphery},
 * and trained in place by stochastic pulse trains. After aihwkit's analog tile (Rasch et al.,
 * AICAS 2021, doi:10.1109/AICAS51828.2021.9458494) and the resistive processing unit of Gokmen
 * &amp; Vlasov (Front. Neurosci. 2016, doi:10.3389/fnins.2016.00333).
 *
 * <p>Devices. One {@link PulsedDeviceArray} holds all M×C devices of the crossbar, device
 * {@code i·C + c} at row i and physical column c; the roles (G⁺, G⁻, reference, slice) are sets
 * of columns given by the mapping. One array rather than one per role keeps the physical layout
 * (the devices of one weight share their word line, which matters under IR drop) and lets one
 * engine call read every role.
 *
 * <p>Reads. {@link #forward} computes {@code y = W·x} for a batch through the forward periphery:
 * rows are driven at {@code V = x̂·V_read}, the engine gives the column currents, the mapping
 * turns them into weights-domain outputs, and the ADC converts them (see {@link Periphery} for
 * the equations, the output unit and the management schemes). {@link #backward} computes
 * {@code Wᵀ·d} by the transposed read with the backward periphery. The engine is built from the
 * devices' read conductances by the factory on the first read after the devices changed, so
 * the work that depends only on G is done once per batch and an IR-drop engine plugs in as
 * well as the ideal one. Periphery work is O(K·(M + C)) per batch and allocates nothing per
 * element; Gaussians come from {@link ZigguratSampler.NormalizedGaussian}.
 *
 * <p>Update. {@link #update} applies {@code W ← W − lr·Σ_k d_k·x_kᵀ} by the parallel
 * stochastic update of Gokmen &amp; Vlasov 2016, sample by sample: in each of BL slots, input i
 * fires with probability {@code min(B|x_i|, 1)} and output j with {@code min(A|d_j|, 1)},
 * {@code A = B = √(lr/(Δw_min·BL))}, where {@code Δw_min = Δg/s} is the device's nominal step
 * in weight units. Each coincidence sends one pulse to the device of (i, j) that the mapping
 * names for the sign of the change, {@code sign(Δw_ij) = −sign(x_i·d_j)} (SGD descends the
 * gradient d·xᵀ). So {@code E[Δw_ij] = BL·B|x_i|·A|d_j|·Δw_min·(−sign(x_i d_j)) = −lr·d_j·x_i}
 * for a device whose steps are Δw_min on average and far from its bounds. aihwkit's update
 * managements ({@link TileConfig#updateManagement()}, {@link TileConfig#updateBlManagement()};
 * Gokmen &amp; Vlasov 2016 §"update management") keep this expectation and change only how it
 * is reached, per sample with {@code x_m = max_i|x_i|}, {@code d_m = max_j|d_j|}:
 * <pre>
 *   BL_k = min(⌈lr·x_m·d_m/Δw_min⌉, BL)   (train-length management; else BL_k = BL)
 *   B = √(lr/(Δw_min·BL_k))·√(d_m/x_m),   A = √(lr/(Δw_min·BL_k))·√(x_m/d_m)   (probability management; else both √(lr/(Δw_min·BL_k)))
 * </pre>
 * so A·B·BL_k·Δw_min = lr still, and the largest probabilities, B·x_m = A·d_m =
 * √(lr·x_m·d_m/(Δw_min·BL_k)), reach 1 only when a change of lr·x_m·d_m needs more than
 * BL_k pulses (without management one side saturates as soon as lr/(Δw_min·BL)·x_m² &gt; 1,
 * and the clip min(·, 1) then biases the update). The pulses go through
 * the devices' own model by its sparse path
 * ({@link PulsedDeviceArray#applyPulses(int[], byte[], int, UniformRandomProvider)}): each slot
 * lists its n_x·n_d coincidences (n_x inputs and n_d outputs fired) and pulses only those
 * devices, so the work is O(K·BL·(M + N) + number of pulses) rather than O(K·BL·M·C) for a
 * dense polarity mask per slot.
 *
 * <p>Unit cells. When the mapping holds each weight on D &gt; 1 devices
 * ({@link ConductanceMapping#devicesPerCell()}, e.g. {@link VectorUnitCellMapping}), each sample's
 * pulses all go to one device of every cell, chosen uniformly at random per sample, the same for
 * the whole tile: aihwkit's {@code VectorUnitCell} with update policy {@code SINGLE_RANDOM}
 * ({@code VectorRPUDevice::initUpdateCycle}). Δw_min is then the cell's step Δg/s.
 *
 * <p>Randomness: every method that draws takes a {@link UniformRandomProvider}. A read seeds one
 * stream per batch row and pass from it, row by row in batch order before the rows run in
 * parallel (see {@code read}); an update draws on the calling thread (order in {@link #update}),
 * so a seed gives the same result on any number of threads. Periphery stages over large batches run on the ForkJoinPool of the calling thread (the
 * common pool from outside a pool). Not thread-safe: a tile owns its scratch buffers.
 */
public final class AnalogTile {
    private final ConductanceMapping mapping;
    private final int m;
    private final int n;
    private final int c;
    private final PulsedDeviceArray devices;
    private final double nominalStepSiemens;
    private final Function<ConductanceMatrix, CrossbarEngine> engineFactory;
    private final TileConfig config;

    private final double[] g;
    /** D, devices per cell ({@link ConductanceMapping#devicesPerCell()}). */
    private final int cellDevices;
    /** Update columns per cell device and output: entry {@code k·N + j} for device k of output j. */
    private final int[] columnUp;
    private final int[] columnDown;
    private final byte polarityUp;
    private final byte polarityDown;

    private CrossbarEngine engine;
    private double[] outputBounds;
    private long boundRepeats;

    // Scratch, grown on demand with the batch.
    private int capacity;
    private double[] drive;
    private double[] columnDrive;
    private double[] currents;
    private double[] analog;
    private double[] alpha;
    private double[] beta;
    private int[] halvings;
    private int[] pending;
    private int[] next;
    // Update scratch: one slot's coincidences (device index and polarity), grown on demand.
    private int[] pulseDevices = new int[0];
    private byte[] pulsePolarities = new byte[0];

    private AnalogTile(ConductanceMapping mapping, PulsedDeviceArray devices, double nominalStepSiemens,
            Function<ConductanceMatrix, CrossbarEngine> engineFactory, TileConfig config) {
        this.mapping = mapping;
        this.m = mapping.inputs();
        this.n = mapping.outputs();
        this.c = mapping.columns();
        this.devices = devices;
        this.nominalStepSiemens = nominalStepSiemens;
        this.engineFactory = engineFactory;
        this.config = config;
        this.g = new double[m * c];
        this.cellDevices = mapping.devicesPerCell();
        if (cellDevices < 1) {
            throw new IllegalArgumentException("mapping.devicesPerCell() must be positive, got " + cellDevices);
        }
        this.columnUp = new int[cellDevices * n];
        this.columnDown = new int[cellDevices * n];
        for (int k = 0; k < cellDevices; k++) {
            for (int j = 0; j < n; j++) {
                columnUp[k * n + j] = mapping.updateColumn(j, true, k);
                columnDown[k * n + j] = mapping.updateColumn(j, false, k);
            }
        }
        this.polarityUp = mapping.updatePolarity(true);
        this.polarityDown = mapping.updatePolarity(false);
    }

    /**
     * A tile with all weights programmed to zero.
     *
     * @param mapping            weights to conductances, fixes M, N and C
     * @param model              the devices' model; {@code model.create(M·C, deviceRng)} draws them, and
     *                           its nominal step Δg sets the weight step Δw_min = Δg/s
     * @param engineFactory      builds the engine for the current conductances (e.g. {@code IdealCrossbar::new})
     * @param config             periphery, read voltage, pulse-train length
     * @param deviceRng          source of the device-to-device draws (advanced)
     */
    public static AnalogTile create(ConductanceMapping mapping, PulsedDeviceModel model,
            Function<ConductanceMatrix, CrossbarEngine> engineFactory, TileConfig config,
            UniformRandomProvider deviceRng) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engineFactory, "engineFactory");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deviceRng, "deviceRng");
        long size = (long) mapping.inputs() * mapping.columns();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("inputs·columns must fit an int, got " + size);
        }
        PulsedDeviceArray devices = model.create((int) size, deviceRng);
        AnalogTile tile = new AnalogTile(mapping, devices, model.nominalStepSiemens(), engineFactory, config);
        tile.programWeights(new double[mapping.outputs() * mapping.inputs()]);
        return tile;
    }

    /** M, the number of inputs. */
    public int inputs() {
        return m;
    }

    /** N, the number of outputs. */
    public int outputs() {
        return n;
    }

    /** The weight-to-conductance mapping. */
    public ConductanceMapping mapping() {
        return mapping;
    }

    /** The periphery and update settings. */
    public TileConfig config() {
        return config;
    }

    /** Δw_min = Δg/s, the nominal device step in weight units (of the whole cell when D devices hold a weight). */
    public double weightStep() {
        return nominalStepSiemens / mapping.weightScaleSiemens();
    }

    /** Batch rows re-read by bound management since the tile was made (a diagnostic). */
    public long boundManagementRepeats() {
        return boundRepeats;
    }

    /**
     * Programs W by an ideal write-verify: each device is set to its target, clipped to its own
     * bounds ({@link PulsedDeviceArray#setConductances}).
     *
     * @param weights not modified: N×M row-major, finite
     */
    public void programWeights(double[] weights) {
        mapping.targetConductances(weights, g);
        devices.setConductances(g);
        engine = null;
    }

    /**
     * The weights the devices hold now, from their read conductances.
     *
     * @param wOut modified: N×M row-major
     */
    public void readWeights(double[] wOut) {
        devices.read(g);
        mapping.weightsOf(g, wOut);
    }

    /**
     * The read conductances of the crossbar.
     *
     * @param gOut modified: M×C row-major (S)
     */
    public void readConductances(double[] gOut) {
        ConductanceMapping.requireLength("gOut", gOut, (long) m * c);
        devices.read(g);
        System.arraycopy(g, 0, gOut, 0, m * c);
    }

    /**
     * Reads the weights and programs them again: resets a differential pair to one active
     * device per weight, re-encodes bit slices (carry), clips to ±w_max.
     */
    public void refresh() {
        double[] w = new double[n * m];
        readWeights(w);
        programWeights(w);
    }

    /**
     * Forward read, {@code y_k ≈ W·x_k} through the forward periphery.
     *
     * @param x     not modified: K×M inputs (weights domain), finite
     * @param batch K ≥ 1
     * @param yOut  modified: K×N outputs
     * @param rng   source of the periphery's noise (advanced); may be null when it draws nothing
     * @throws IllegalStateException when the ADC is PERCENTILE-calibrated and not yet calibrated
     */
    public void forward(double[] x, int batch, double[] yOut, UniformRandomProvider rng) {
        read(true, x, batch, yOut, rng, false);
    }

    /**
     * Transposed read, {@code z_k ≈ Wᵀ·d_k} through the backward periphery.
     *
     * @param d     not modified: K×N inputs (weights domain), finite
     * @param batch K ≥ 1
     * @param zOut  modified: K×M outputs
     * @param rng   source of the periphery's noise (advanced); may be null when it draws nothing
     */
    public void backward(double[] d, int batch, double[] zOut, UniformRandomProvider rng) {
        read(false, d, batch, zOut, rng, false);
    }

    /**
     * Calibrates the forward ADC's PERCENTILE bounds: the forward periphery's noise management
     * and noise are applied to {@code x}, the ADC is left out, and B is set to the
     * {@link Adc#percentile()}-th percentile of the |u| so obtained, over the whole batch (one
     * bound) or per column ({@link Adc#perColumn()}). A bound of 0 (all outputs zero) is replaced
     * by the smallest positive double.
     *
     * @param x     not modified: K×M calibration inputs
     * @param batch K ≥ 1
     * @param rng   source of the periphery's noise; may be null when it draws nothing
     */
    public void calibrateOutputBounds(double[] x, int batch, UniformRandomProvider rng) {
        double[] u = new double[batch * n];
        read(true, x, batch, u, rng, true);
        Adc adc = config.forward().adc();
        double[] bounds;
        if (adc.perColumn()) {
            bounds = new double[n];
            double[] col = new double[batch];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < batch; k++) {
                    col[k] = Math.abs(u[k * n + j]);
                }
                bounds[j] = percentile(col, adc.percentile());
            }
        } else {
            for (int k = 0; k < u.length; k++) {
                u[k] = Math.abs(u[k]);
            }
            bounds = new double[] {percentile(u, adc.percentile())};
        }
        outputBounds = bounds;
    }

    /** The calibrated ADC bounds (one, or one per column), or null before calibration. */
    public double[] outputBounds() {
        return outputBounds == null ? null : outputBounds.clone();
    }

    private static double percentile(double[] values, double p) {
        Arrays.sort(values);
        int idx = (int) Math.ceil(p / 100 * values.length) - 1;
        double b = values[Math.max(0, Math.min(values.length - 1, idx))];
        return b > 0 ? b : Double.MIN_VALUE;
    }

    /**
     * One stochastic pulse-train update per sample, {@code W ← W − lr·d_k·x_kᵀ} in expectation
     * (see the class comment for the scheme and its sign convention).
     *
     * <p>Draw order, for each sample k in batch order whose x_k and d_k both have a non-zero
     * entry: when the mapping has D &gt; 1 devices per cell, first {@code rng.nextInt(D)}, the
     * device of every cell that the sample's pulses go to (aihwkit's {@code SINGLE_RANDOM}; class
     * comment); then for each of its BL_k slots: one uniform per input i with {@code p_i > 0}, in
     * increasing i; one uniform per output j with {@code q_j > 0}, in increasing j; then, when
     * both fired, the devices' noise for the slot's coincidences, listed input-major (for each
     * fired i in increasing order, each fired j in increasing order), as
     * {@link PulsedDeviceArray#applyPulses(int[], byte[], int, UniformRandomProvider)} draws it.
     * Everything runs on the calling thread.
     *
     * @param x            not modified: K×M inputs of the forward pass, finite
     * @param d            not modified: K×N errors at the outputs, finite
     * @param batch        K ≥ 1
     * @param learningRate lr ≥ 0; 0 leaves the devices and rng untouched
     * @param rng          source of the pulse trains and the devices' noise (advanced)
     */
    public void update(double[] x, double[] d, int batch, double learningRate, UniformRandomProvider rng) {
        Checks.positive("batch", batch);
        ConductanceMapping.requireLength("x", x, (long) batch * m);
        ConductanceMapping.requireLength("d", d, (long) batch * n);
        Checks.nonNegative("learningRate", learningRate);
        requireFinite("x", x, batch * m);
        requireFinite("d", d, batch * n);
        if (learningRate == 0) {
            return;
        }
        Objects.requireNonNull(rng, "rng");
        int maxSlots = config.pulseSlots();
        double dwMin = weightStep();
        double[] px = new double[m];
        double[] pd = new double[n];
        int[] activeI = new int[m];
        int[] activeJ = new int[n];
        int[] firedI = new int[m];
        int[] firedJ = new int[n];
        boolean changed = false;
        for (int k = 0; k < batch; k++) {
            double xMax = 0;
            for (int i = 0; i < m; i++) {
                xMax = Math.max(xMax, Math.abs(x[k * m + i]));
            }
            double dMax = 0;
            for (int j = 0; j < n; j++) {
                dMax = Math.max(dMax, Math.abs(d[k * n + j]));
            }
            if (xMax == 0 || dMax == 0) {
                continue;
            }
            int cellOffset = cellDevices == 1 ? 0 : rng.nextInt(cellDevices) * n;
            int slots = maxSlots;
            if (config.updateBlManagement()) {
                double needed = Math.ceil(learningRate * xMax * dMax / dwMin);
                slots = needed < maxSlots ? (int) Math.max(needed, 1) : maxSlots;
            }
            double base = Math.sqrt(learningRate / (dwMin * slots));
            double scaleX = base;
            double scaleD = base;
            if (config.updateManagement()) {
                double balance = Math.sqrt(dMax / xMax);
                scaleX = base * balance;
                scaleD = base / balance;
            }
            // Only inputs and outputs with a non-zero probability draw (MNIST rows are mostly zero).
            int na = 0;
            for (int i = 0; i < m; i++) {
                px[i] = Math.min(scaleX * Math.abs(x[k * m + i]), 1);
                if (px[i] > 0) {
                    activeI[na++] = i;
                }
            }
            int nd = 0;
            for (int j = 0; j < n; j++) {
                pd[j] = Math.min(scaleD * Math.abs(d[k * n + j]), 1);
                if (pd[j] > 0) {
                    activeJ[nd++] = j;
                }
            }
            if (na == 0 || nd == 0) {
                continue;
            }
            for (int t = 0; t < slots; t++) {
                int ni = 0;
                for (int a = 0; a < na; a++) {
                    int i = activeI[a];
                    if (rng.nextDouble() < px[i]) {
                        firedI[ni++] = i;
                    }
                }
                int nj = 0;
                for (int b = 0; b < nd; b++) {
                    int j = activeJ[b];
                    if (rng.nextDouble() < pd[j]) {
                        firedJ[nj++] = j;
                    }
                }
                if (ni == 0 || nj == 0) {
                    continue;
                }
                int count = listCoincidences(x, d, k, cellOffset, firedI, ni, firedJ, nj);
                devices.applyPulses(pulseDevices, pulsePolarities, count, rng);
                changed = true;
            }
        }
        if (changed) {
            engine = null;
        }
    }

    /**
     * Lists the coincidences of one slot, input-major, into the pulse scratch: device
     * {@code i·C + col} with the polarity that moves W[j][i] by {@code −sign(x_i·d_j)}, col being
     * the column of the chosen cell device ({@code cellOffset = k·N} for device k).
     *
     * @return the number of entries, ni·nj
     */
    private int listCoincidences(double[] x, double[] d, int k, int cellOffset, int[] firedI, int ni, int[] firedJ,
            int nj) {
        int count = ni * nj;
        if (pulseDevices.length < count) {
            int grown = Math.min(Math.max(count, 2 * pulseDevices.length), m * n);
            pulseDevices = new int[grown];
            pulsePolarities = new byte[grown];
        }
        int e = 0;
        for (int a = 0; a < ni; a++) {
            int i = firedI[a];
            boolean xPositive = x[k * m + i] > 0;
            int row = i * c;
            for (int b = 0; b < nj; b++) {
                int j = firedJ[b];
                // Δw = −lr·d·x: the weight increases when x and d have opposite signs.
                boolean increase = xPositive != (d[k * n + j] > 0);
                pulseDevices[e] = row + (increase ? columnUp[cellOffset + j] : columnDown[cellOffset + j]);
                pulsePolarities[e++] = increase ? polarityUp : polarityDown;
            }
        }
        return count;
    }

    private static void requireFinite(String name, double[] a, int len) {
        for (int k = 0; k < len; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite, got " + a[k]);
            }
        }
    }

    private CrossbarEngine engine() {
        if (engine == null) {
            devices.read(g);
            engine = engineFactory.apply(ConductanceMatrix.of(m, c, g));
            if (engine.rows() != m || engine.cols() != c) {
                throw new IllegalStateException("engineFactory must return an engine of " + m + "×" + c + ", got "
                        + engine.rows() + "×" + engine.cols());
            }
        }
        return engine;
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        int wide = Math.max(Math.max(m, n), c);
        drive = new double[batch * Math.max(m, n)];
        columnDrive = new double[batch * c];
        currents = new double[batch * wide];
        analog = new double[batch * Math.max(m, n)];
        alpha = new double[batch];
        beta = new double[batch];
        halvings = new int[batch];
        pending = new int[batch];
        next = new int[batch];
    }

    /** Below this many elements (rows × width) a periphery stage runs on the calling thread. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 15;

    /** Work on one row of a periphery stage. */
    @FunctionalInterface
    private interface RowWork {
        void run(int r);
    }

    /** Rows [r0, r1) of a periphery stage, split in halves down to the grain; rows are independent. */
    private static final class Rows extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int r0;
        private final int r1;
        private final int grain;
        private final transient RowWork work;

        Rows(int r0, int r1, int grain, RowWork work) {
            this.r0 = r0;
            this.r1 = r1;
            this.grain = grain;
            this.work = work;
        }

        @Override
        protected void compute() {
            if (r1 - r0 > grain) {
                int rm = (r0 + r1) >>> 1;
                invokeAll(new Rows(r0, rm, grain, work), new Rows(rm, r1, grain, work));
            } else {
                for (int r = r0; r < r1; r++) {
                    work.run(r);
                }
            }
        }
    }

    /**
     * Runs {@code work} for rows 0 … count−1, on the ForkJoinPool of the calling thread when the
     * stage is large (the common pool from outside a pool). Each row touches only its own data,
     * so the result does not depend on the split.
     */
    private static void forRows(int count, int width, RowWork work) {
        long elements = (long) count * width;
        if (count < 2 || elements < PARALLEL_MIN_ELEMENTS) {
            for (int r = 0; r < count; r++) {
                work.run(r);
            }
        } else {
            int grain = Math.max(1, Math.max(PARALLEL_MIN_ELEMENTS / 2 / width, (count + 7) / 8));
            new Rows(0, count, grain, work).invoke();
        }
    }

    /** Index of the first element of a[from, to) that is not finite, or −1. */
    private static int firstNonFinite(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The periphery pipeline of one direction (class comment of {@link Periphery}). With
     * {@code calibrate}, u before the ADC is written to {@code out} and bound management is off.
     *
     * <p>Randomness: on each pass (the first read, then each bound-management re-read), every
     * batch row read in that pass gets its own stream ({@code XoShiRo256PlusPlus}), seeded from
     * four longs drawn from {@code rng} row by row in increasing batch order before any work
     * starts; the row's stochastic rounding, input noise (element by element) and then output
     * noise (element by element) draw from it. Rows then run in parallel, and a seed gives the
     * same bits on any number of threads. {@code rng} is not used when the periphery draws
     * nothing.
     */
    private void read(boolean forward, double[] in, int batch, double[] out, UniformRandomProvider rng,
            boolean calibrate) {
        Checks.positive("batch", batch);
        int inLen = forward ? m : n;
        int outLen = forward ? n : m;
        ConductanceMapping.requireLength(forward ? "x" : "d", in, (long) batch * inLen);
        ConductanceMapping.requireLength(forward ? "yOut" : "zOut", out, (long) batch * outLen);
        Periphery io = forward ? config.forward() : config.backward();
        Adc adc = io.adc();
        double[] bounds = null;
        if (!calibrate && adc.mode() == Adc.RangeMode.PERCENTILE) {
            if (outputBounds == null) {
                throw new IllegalStateException("the forward ADC is PERCENTILE-calibrated: call calibrateOutputBounds first");
            }
            bounds = outputBounds;
        }
        boolean random = io.random();
        if (random) {
            Objects.requireNonNull(rng, "rng");
        }
        CrossbarEngine eng = engine();
        ensureCapacity(batch);

        // Finiteness and noise management (rows in parallel), then the rows to read.
        boolean noiseManagement = io.noiseManagement();
        double[] rowMaxIn = alpha;
        forRows(batch, inLen, k -> {
            int o = k * inLen;
            double a = 0;
            for (int i = 0; i < inLen; i++) {
                a = Math.max(a, Math.abs(in[o + i])); // NaN and ∞ propagate
            }
            rowMaxIn[k] = a;
        });
        int count = 0;
        for (int k = 0; k < batch; k++) {
            double a = alpha[k];
            if (!(a < Double.POSITIVE_INFINITY)) {
                int bad = firstNonFinite(in, k * inLen, (k + 1) * inLen);
                throw new IllegalArgumentException((forward ? "x[" : "d[") + bad + "] must be finite, got " + in[bad]);
            }
            if (!noiseManagement) {
                a = 1;
            }
            alpha[k] = a;
            beta[k] = 1;
            halvings[k] = 0;
            if (a == 0) {
                Arrays.fill(out, k * outLen, (k + 1) * outLen, 0.0);
            } else {
                pending[count++] = k;
            }
        }
        boolean manageBounds = forward && !calibrate && io.boundManagement() && adc.mode() != Adc.RangeMode.MAX;
        Dac dac = io.dac();
        boolean stochastic = dac.stochasticRounding() && dac.bits() > 0;
        int dacBits = dac.bits();
        double dacBound = dac.bound();
        double dacStep = dac.step();
        double inNoise = io.inputNoiseStd();
        double outNoise = io.outputNoiseStd();
        double vRead = config.readVoltageVolts();
        double wMax = mapping.weightMax();
        double unit = 1 / (vRead * wMax);
        Adc.RangeMode mode = adc.mode();
        int adcBits = adc.bits();
        double relStep = adc.relativeStep();
        double[] perColumn = bounds != null && bounds.length > 1 ? bounds : null;
        double fixedBound = bounds == null ? adc.bound() : bounds[0];
        int maxHalvings = io.maxBoundHalvings();
        double[] driveBuf = drive;
        double[] analogBuf = analog;
        boolean[] clipped = new boolean[batch];
        while (count > 0) {
            int[] rowsRead = pending;
            UniformRandomProvider[] streams = null;
            ZigguratSampler.NormalizedGaussian[] gauss = null;
            if (random) {
                streams = new UniformRandomProvider[count];
                gauss = new ZigguratSampler.NormalizedGaussian[count];
                for (int r = 0; r < count; r++) {
                    long[] seed = {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong()};
                    if ((seed[0] | seed[1] | seed[2] | seed[3]) == 0) {
                        seed[0] = 0x9E3779B97F4A7C15L; // xoshiro's all-zero state is forbidden
                    }
                    streams[r] = new XoShiRo256PlusPlus(seed);
                    gauss[r] = ZigguratSampler.NormalizedGaussian.of(streams[r]);
                }
            }
            UniformRandomProvider[] rowRng = streams;
            ZigguratSampler.NormalizedGaussian[] rowGauss = gauss;
            // DAC: x̂ = DAC(β·x/α) + σ_in·ξ, rows at x̂·V_read.
            forRows(count, inLen, r -> {
                int k = rowsRead[r];
                double f = beta[k] / alpha[k];
                int o = k * inLen;
                int p = r * inLen;
                if (stochastic) {
                    UniformRandomProvider s = rowRng[r];
                    for (int i = 0; i < inLen; i++) {
                        driveBuf[p + i] = dac.convert(in[o + i] * f, s);
                    }
                } else if (inNoise > 0 || dacBits == 0) {
                    for (int i = 0; i < inLen; i++) {
                        driveBuf[p + i] = dac.convert(in[o + i] * f);
                    }
                } else {
                    // Dac.convert(v)·V_read, inlined (the common case: no input noise).
                    for (int i = 0; i < inLen; i++) {
                        double cv = Math.min(Math.max(in[o + i] * f, -dacBound), dacBound);
                        driveBuf[p + i] = Math.min(Math.max(Math.rint(cv / dacStep) * dacStep, -dacBound), dacBound) * vRead;
                    }
                    return;
                }
                if (inNoise > 0) {
                    ZigguratSampler.NormalizedGaussian g = rowGauss[r];
                    for (int i = 0; i < inLen; i++) {
                        driveBuf[p + i] = (driveBuf[p + i] + inNoise * g.sample()) * vRead;
                    }
                } else {
                    for (int i = 0; i < inLen; i++) {
                        driveBuf[p + i] *= vRead;
                    }
                }
            });
            // The analog read; the mapping's read-out (analog = W·x̂·V_read, weights domain) runs
            // per row inside the output pass below, while the row is in cache.
            if (forward) {
                eng.forward(driveBuf, count, currents);
            } else {
                mapping.backwardDrive(driveBuf, count, columnDrive);
                eng.backward(columnDrive, count, currents);
            }
            double[] currentsBuf = currents;
            // Read-out, output noise, ADC, undo the scaling; mark the rows that clipped.
            forRows(count, outLen, r -> {
                if (forward) {
                    mapping.forwardOutputs(currentsBuf, r, r + 1, analogBuf);
                } else {
                    mapping.backwardOutputs(currentsBuf, r, r + 1, analogBuf);
                }
                int k = rowsRead[r];
                int p = r * outLen;
                int o = k * outLen;
                double rowMax = 0;
                if (outNoise > 0) {
                    ZigguratSampler.NormalizedGaussian g = rowGauss[r];
                    for (int j = 0; j < outLen; j++) {
                        double u = analogBuf[p + j] * unit + outNoise * g.sample();
                        analogBuf[p + j] = u;
                        rowMax = Math.max(rowMax, Math.abs(u));
                    }
                } else {
                    for (int j = 0; j < outLen; j++) {
                        double u = analogBuf[p + j] * unit;
                        analogBuf[p + j] = u;
                        rowMax = Math.max(rowMax, Math.abs(u));
                    }
                }
                if (calibrate) {
                    System.arraycopy(analogBuf, p, out, o, outLen);
                    return;
                }
                double back = wMax * alpha[k] / beta[k];
                boolean clip = false;
                if (perColumn == null) {
                    // Adc.convert(u, b), inlined: one bound for the row.
                    double b = mode == Adc.RangeMode.MAX ? (rowMax > 0 ? rowMax : Double.MIN_VALUE) : fixedBound;
                    clip = mode != Adc.RangeMode.MAX && rowMax > b;
                    if (adcBits == 0) {
                        for (int j = 0; j < outLen; j++) {
                            out[o + j] = Math.min(Math.max(analogBuf[p + j], -b), b) * back;
                        }
                    } else {
                        double step = b * relStep;
                        for (int j = 0; j < outLen; j++) {
                            double cu = Math.min(Math.max(analogBuf[p + j], -b), b);
                            out[o + j] = Math.min(Math.max(Math.rint(cu / step) * step, -b), b) * back;
                        }
                    }
                } else {
                    for (int j = 0; j < outLen; j++) {
                        double u = analogBuf[p + j];
                        clip |= Math.abs(u) > perColumn[j];
                        out[o + j] = adc.convert(u, perColumn[j]) * back;
                    }
                }
                clipped[r] = clip;
            });
            if (calibrate) {
                break;
            }
            // Bound management: the rows that clipped, in batch order, are read again at half scale.
            int nextCount = 0;
            for (int r = 0; r < count; r++) {
                int k = rowsRead[r];
                if (clipped[r] && manageBounds && halvings[k] < maxHalvings) {
                    halvings[k]++;
                    beta[k] *= 0.5;
                    next[nextCount++] = k;
                }
            }
            boundRepeats += nextCount;
            int[] swap = pending;
            pending = next;
            next = swap;
            count = nextCount;
        }
    }
}
