package dev.kirchhoff.training.analog;

import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of analog in-situ training ({@link AnalogSgdTrainer}): the network's shape, the
 * devices and periphery of its tiles, and the SGD schedule.
 *
 * <p>Learning rate. The tiles apply {@code W ← W − η·Σ_k d_k·x_kᵀ} in expectation, with
 * {@code d_k} the gradient of the batch-mean loss (so each sample carries η/B) and η the
 * tile's learning rate in units where one pulse moves a weight by the tile's Δw_min = Δg/s
 * ({@link dev.kirchhoff.crossbar.AnalogTile#weightStep()}). For soft bounds Δg is the largest
 * step (at the far bound); at the symmetry point a pulse moves the weight by
 * {@code α⁺α⁻/(α⁺ + α⁻)/s}, so the realised rate there is η times that over Δw_min (0.375 for
 * the {@code rram-soft-bounds} preset). Epoch e (from 0) uses {@code η·decay^e}. Biases are
 * digital and take plain SGD with the same rate, {@code b ← b − η·Σ_k d_k}.
 *
 * @param layerSizes        neurons per layer, input first: at least two sizes, each ≥ 1 (copied)
 * @param device            the devices' pulsed-update model (e.g. a preset's {@code pulsedUpdate})
 * @param tile              periphery both ways and the pulse-train length BL
 * @param weightMax         w_max &gt; 0: half the conductance window's span in weight units (the
 *                          window holds 2·w_max of weight, placed about the devices' symmetry point)
 * @param learningRate      η ≥ 0, finite
 * @param learningRateDecay per-epoch factor on η, in (0, 1]
 * @param batchSize         B ≥ 1, samples per update
 * @param epochs            ≥ 1
 * @param seed              the one seed every draw derives from
 * @param devicesPerCell    D ≥ 1 devices per weight: 1 is one device against the reference column;
 *                          D &gt; 1 is aihwkit's {@code VectorUnitCell} with the {@code SINGLE_RANDOM}
 *                          update policy ({@link dev.kirchhoff.crossbar.VectorUnitCellMapping}: the
 *                          weight is the sum of D devices, each spanning 1/D of the 2·w_max, and
 *                          each sample's pulses go to one of them chosen at random), as in aihwkit's
 *                          {@code ReRamSB2Preset} and {@code ReRamSB4Preset}; at most
 *                          {@value #MAX_DEVICES_PER_CELL}
 */
public record AnalogSgdConfig(int[] layerSizes, PulsedDeviceModel device, TileConfig tile, double weightMax,
        double learningRate, double learningRateDecay, int batchSize, int epochs, long seed, int devicesPerCell) {

    /** The most devices a cell may have (aihwkit's compound presets use 2 and 4). */
    public static final int MAX_DEVICES_PER_CELL = 64;

    public AnalogSgdConfig {
        Objects.requireNonNull(layerSizes, "layerSizes");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(tile, "tile");
        if (layerSizes.length < 2) {
            throw new IllegalArgumentException("layerSizes must hold at least two sizes (input and output), got "
                    + Arrays.toString(layerSizes));
        }
        layerSizes = layerSizes.clone();
        for (int l = 0; l < layerSizes.length; l++) {
            if (layerSizes[l] < 1) {
                throw new IllegalArgumentException("layerSizes[" + l + "] must be positive, got " + layerSizes[l]);
            }
        }
        requirePositiveFinite("weightMax", weightMax);
        if (!(learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be non-negative and finite, got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("learningRateDecay must be in (0, 1], got " + learningRateDecay);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (devicesPerCell < 1 || devicesPerCell > MAX_DEVICES_PER_CELL) {
            throw new IllegalArgumentException("devicesPerCell must be in [1, " + MAX_DEVICES_PER_CELL + "], got "
                    + devicesPerCell);
        }
    }

    private static void requirePositiveFinite(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    /** aihwkit's analog-SGD tile: {@link TileConfig#AIHWKIT_DEFAULT} with both update managements on. */
    public static final TileConfig AIHWKIT_SGD_TILE = TileConfig.AIHWKIT_DEFAULT.withUpdateManagement(true);

    /**
     * aihwkit's analog-SGD defaults ({@link #AIHWKIT_SGD_TILE}: 7-bit DAC, 9-bit ADC at ±12,
     * output noise 0.06, noise and bound management, BL = 31, update management and train-length
     * management) with w_max = 1, constant η, one device per weight, the given shape, device,
     * rate, batch, epochs and seed.
     */
    public static AnalogSgdConfig aihwkitDefaults(int[] layerSizes, PulsedDeviceModel device, double learningRate,
            int batchSize, int epochs, long seed) {
        return new AnalogSgdConfig(layerSizes, device, AIHWKIT_SGD_TILE, 1.0, learningRate, 1.0, batchSize, epochs,
                seed, 1);
    }

    /**
     * The w_max of a cell of D devices that keeps the cell's write noise, in weight units, at that
     * of one device at {@code singleDeviceWeightMax}: {@code singleDeviceWeightMax·√D}. A cell's
     * noise relative to its span falls by about √D ({@link dev.kirchhoff.crossbar.VectorUnitCellMapping}),
     * and this spends the gain on span, away from the soft bounds. On MNIST-10k with
     * rram-soft-bounds the best single-device w_max was 0.4 and the best of 0.4, 0.6, 0.8 and 1.0
     * at D = 4 was 0.8 = 0.4·√4 (docs/analog-training.md).
     *
     * @param singleDeviceWeightMax w_max for one device per weight, positive and finite
     * @param devicesPerCell        D, 1 to {@value #MAX_DEVICES_PER_CELL}
     */
    public static double cellWeightMax(double singleDeviceWeightMax, int devicesPerCell) {
        requirePositiveFinite("singleDeviceWeightMax", singleDeviceWeightMax);
        if (devicesPerCell < 1 || devicesPerCell > MAX_DEVICES_PER_CELL) {
            throw new IllegalArgumentException("devicesPerCell must be in [1, " + MAX_DEVICES_PER_CELL + "], got "
                    + devicesPerCell);
        }
        return singleDeviceWeightMax * Math.sqrt(devicesPerCell);
    }

    /** Neurons per layer (a copy). */
    @Override
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /** Number of weight layers, {@code layerSizes.length − 1}. */
    public int layers() {
        return layerSizes.length - 1;
    }

    /** Inputs of the network, {@code layerSizes[0]}. */
    public int inputs() {
        return layerSizes[0];
    }

    /** Outputs (classes) of the network, the last size. */
    public int outputs() {
        return layerSizes[layerSizes.length - 1];
    }

    /** η of epoch {@code e} (from 0): {@code learningRate·learningRateDecay^e}. */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(learningRateDecay, epoch);
    }

    public AnalogSgdConfig withLearningRate(double v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, v, learningRateDecay, batchSize, epochs,
                seed, devicesPerCell);
    }

    public AnalogSgdConfig withLearningRateDecay(double v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, learningRate, v, batchSize, epochs, seed,
                devicesPerCell);
    }

    public AnalogSgdConfig withBatchSize(int v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, learningRate, learningRateDecay, v, epochs,
                seed, devicesPerCell);
    }

    public AnalogSgdConfig withEpochs(int v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, learningRate, learningRateDecay, batchSize,
                v, seed, devicesPerCell);
    }

    public AnalogSgdConfig withSeed(long v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, learningRate, learningRateDecay, batchSize,
                epochs, v, devicesPerCell);
    }

    public AnalogSgdConfig withWeightMax(double v) {
        return new AnalogSgdConfig(layerSizes, device, tile, v, learningRate, learningRateDecay, batchSize, epochs,
                seed, devicesPerCell);
    }

    public AnalogSgdConfig withTile(TileConfig v) {
        return new AnalogSgdConfig(layerSizes, device, v, weightMax, learningRate, learningRateDecay, batchSize,
                epochs, seed, devicesPerCell);
    }

    public AnalogSgdConfig withDevicesPerCell(int v) {
        return new AnalogSgdConfig(layerSizes, device, tile, weightMax, learningRate, learningRateDecay, batchSize,
                epochs,
                seed, v);
    }

    public AnalogSgdConfig withDevice(PulsedDeviceModel v) {
        return new AnalogSgdConfig(layerSizes, v, tile, weightMax, learningRate, learningRateDecay, batchSize,
                epochs, seed, devicesPerCell);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalogSgdConfig c && Arrays.equals(layerSizes, c.layerSizes) && device.equals(c.device)
                && tile.equals(c.tile) && Double.compare(weightMax, c.weightMax) == 0
                && Double.compare(learningRate, c.learningRate) == 0
                && Double.compare(learningRateDecay, c.learningRateDecay) == 0 && batchSize == c.batchSize
                && epochs == c.epochs && seed == c.seed && devicesPerCell == c.devicesPerCell;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(layerSizes), device, tile, weightMax, learningRate, learningRateDecay,
                batchSize, epochs, seed, devicesPerCell);
    }

    @Override
    public String toString() {
        return "AnalogSgdConfig[layerSizes=" + Arrays.toString(layerSizes) + ", device=" + device + ", tile=" + tile
                + ", weightMax=" + weightMax + ", learningRate=" + learningRate + ", learningRateDecay="
                + learningRateDecay + ", batchSize=" + batchSize + ", epochs=" + epochs + ", seed=" + seed
                + ", devicesPerCell=" + devicesPerCell + "]";
    }
}
