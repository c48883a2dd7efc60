package dev.kirchhoff.training.snn;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.chip.SpikingChip;
import dev.kirchhoff.tiling.encode.SpikeEncoder;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.tiling.snn.LifLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A {@link ConvertedNetwork} on the tiled spiking chip ({@link SpikingChip}): crossbar tiles for
 * the synapses, integrate-and-fire {@link LifLayer}s for the neurons, address-event packets on the
 * mesh, energy and latency in the chip's {@link EnergyLedger}.
 *
 * <p><b>Mapping.</b> Layer l becomes a {@link SpikingChip.Layer} "fc(l+1)" holding the normalised
 * W_l (layer 0's multiplied by the coding's spike weight g, {@link InputCoding#spikeWeight()}),
 * voltsPerWeight 1 V, and the converted network's neuron: non-leaky IF, threshold 1 V, reset by
 * subtraction, τ_m = Δt, τ_e = τ_i = Δt/1024. The chip turns a read y_j = Σ_i W_ji·s_i into the
 * current jump J = voltsPerWeight·(τ_m/τ_e)·y_j = 1024·y_j, which decays within the step
 * (e^(−1024) = 0) and moves the membrane by exactly J·2^(−10) = y_j; the bias b_l is the neuron's
 * constant drive, which the non-leaky propagator adds once per step (Δt/τ_m = 1). So each chip
 * neuron runs {@code v ← (v + y_j) + b_j; spike and v ← v − 1 if v > 1}, the CPU simulator's
 * update to the same bits, given the same y. For {@link Readout#MEMBRANE_POTENTIAL} the output
 * layer is the non-spiking integrator (threshold {@link Double#MAX_VALUE}), read as neuron state
 * at the end; for {@link Readout#SPIKE_COUNT} a last layer "counter" with identity weights and
 * non-spiking integrators counts the output spikes (the chip exposes only layer totals), each
 * counter potential being the spike count of its output neuron.
 *
 * <p><b>Timing.</b> The chip pipelines its layers: layer l reads the spikes layer l − 1 emitted in
 * the previous step, so layer l at chip step s does what the CPU simulator's layer l does at step
 * s − l, provided its bias starts with its input. The bias of layer l is therefore switched on
 * for exactly the chip steps [l, l + T): the input is presented in steps [0, T) and the output
 * layer has integrated T steps at the end of chip step T + L − 2, so an inference takes T + L − 1
 * chip steps (one more with the counter layer). Before its window a layer has neither drive nor
 * input and stays silent.
 *
 * <p><b>What is equal.</b> With ideal tiles the only difference from the CPU is y: the tiles
 * compute W·s through conductances (G± = g_min + s_w·W, {@code (I⁺ − I⁻)/s_w}) and add the row
 * blocks' partial sums, so y differs from the CPU's sum in the last bits (relative 1e−15), and a
 * spike differs only if a membrane comes within that of the threshold. The spike trains are
 * identical in practice (tested, with the CPU's closest approach to the threshold checked to be far
 * above the rounding), and the potentials agree to 1e−12 V. Exact bit equality is impossible
 * without changing the tiles' arithmetic.
 *
 * <p><b>Resets.</b> The chip has no reset and keeps the spikes in flight between steps, so
 * {@link #infer} builds a fresh chip for every inference from the same device seed: the same
 * devices, a zero state and an empty ledger, whose totals are then that inference's energy and
 * latency.
 */
public final class SnnOnChip {
    private final ConvertedNetwork network;
    private final InputCoding coding;
    private final Readout readout;
    private final HardwareDescription hardware;
    private final TilingOptions options;
    private final long deviceSeed;
    private final List<SpikingChip.Layer> layers;

    /**
     * @param network    the converted network
     * @param coding     a spike coding (the chip's inputs are spikes)
     * @param readout    how the class is read
     * @param hardware   the chip's description (mesh, tile size, energies, latencies)
     * @param options    tile mapping, devices, periphery ({@link #idealTiles()} for ideal ones)
     * @param deviceSeed seed of the tiles' device draws, the same for every inference
     */
    public SnnOnChip(ConvertedNetwork network, InputCoding coding, Readout readout, HardwareDescription hardware,
            TilingOptions options, long deviceSeed) {
        this.network = Objects.requireNonNull(network, "network");
        this.coding = Objects.requireNonNull(coding, "coding");
        this.readout = Objects.requireNonNull(readout, "readout");
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.options = Objects.requireNonNull(options, "options");
        this.deviceSeed = deviceSeed;
        this.layers = layers(network, coding, readout);
    }

    /**
     * Ideal tiles: 256×256 crossbars of devices without variability on [1, 25] µS (a 100-step
     * constant-step model, programmed exactly by ideal write-verify), differential pairs, ideal
     * crossbars and periphery, exact partial-sum accumulation ({@link TilingOptions#of}).
     */
    public static TilingOptions idealTiles() {
        ConductanceRange range = new ConductanceRange(1e-6, 25e-6);
        return TilingOptions.of(ConstantStep.of(range, range.widthSiemens() / 100, PulseVariability.NONE));
    }

    /**
     * The chip layers of a converted network (see the class comment): "fc1" … "fcL" and, for
     * {@link Readout#SPIKE_COUNT}, "counter".
     *
     * @param coding a spike coding; its spike weight multiplies layer 0's weights
     */
    public static List<SpikingChip.Layer> layers(ConvertedNetwork network, InputCoding coding, Readout readout) {
        if (!coding.spiking()) {
            throw new IllegalArgumentException("coding must be a spike coding on the chip (its inputs are spikes), got "
                    + coding);
        }
        int[] sizes = network.sizes();
        int nl = network.layerCount();
        List<SpikingChip.Layer> list = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            double[] w = network.weights(l);
            if (l == 0) {
                double g = coding.spikeWeight();
                for (int k = 0; k < w.length; k++) {
                    w[k] *= g;
                }
            }
            list.add(new SpikingChip.Layer("fc" + (l + 1), w, sizes[l], sizes[l + 1],
                    l + 1 < nl ? IfNeurons.spiking() : IfNeurons.output(readout), IfNeurons.THRESHOLD_VOLTS));
        }
        if (readout == Readout.SPIKE_COUNT) {
            int n = network.outputs();
            double[] identity = new double[n * n];
            for (int j = 0; j < n; j++) {
                identity[j * n + j] = 1;
            }
            list.add(new SpikingChip.Layer("counter", identity, n, n, IfNeurons.integrator(), IfNeurons.THRESHOLD_VOLTS));
        }
        return List.copyOf(list);
    }

    /** The chip steps of one inference of T steps: T + L − 1, plus one for the counter layer. */
    public int chipSteps(int steps) {
        return steps + network.layerCount() - 1 + (readout == Readout.SPIKE_COUNT ? 1 : 0);
    }

    /**
     * One inference on a fresh chip.
     *
     * @param x     not modified: the input, the network's inputs, values in [0, 1]
     * @param steps T ≥ 1, the steps every layer integrates
     * @param inputRng     source of the input spikes, advanced by the encoder in steps 0 … T−1 in
     *                     the same order as {@link SnnSimulator.Run#step}, so the same stream gives
     *                     the CPU and the chip the same input spikes
     * @param peripheryRng source of the tiles' periphery noise (advanced); may be null when the
     *                     periphery draws nothing (ideal tiles)
     * @return the class, the output scores, the spikes per layer and the chip's ledger
     */
    public Inference infer(double[] x, int steps, UniformRandomProvider inputRng, UniformRandomProvider peripheryRng) {
        Shapes.steps("steps", steps);
        Objects.requireNonNull(inputRng, "inputRng");
        if (x == null || x.length != network.inputs()) {
            throw new IllegalArgumentException("x.length must be the network's inputs " + network.inputs() + ", got "
                    + (x == null ? "null" : String.valueOf(x.length)));
        }
        int nl = network.layerCount();
        SpikingChip chip = SpikingChip.create(hardware, options, layers, IfNeurons.DT_SECONDS,
                RandomSource.XO_SHI_RO_256_PP.create(deviceSeed));
        SpikeEncoder encoder = coding.encoder(network.inputs());
        encoder.reset();
        int[] in = new int[network.inputs()];
        long[] windowSpikes = new long[nl];
        double[] outputPotentials = null;
        int total = chipSteps(steps);
        int outputEnd = steps + nl - 2;
        for (int s = 0; s < total; s++) {
            for (int l = 0; l < nl; l++) {
                if (s == l) {
                    System.arraycopy(network.biasesView(l), 0, chip.neurons(l).driveVolts(), 0, chip.neurons(l).size());
                } else if (s == l + steps) {
                    Arrays.fill(chip.neurons(l).driveVolts(), 0.0);
                }
            }
            int count = s < steps ? encoder.encode(x, s, inputRng, in) : 0;
            chip.step(in, count, peripheryRng);
            for (int l = 0; l < nl; l++) {
                if (s == l + steps - 1) {
                    windowSpikes[l] = chip.spikeCount(l);
                }
            }
            if (s == outputEnd) {
                outputPotentials = chip.neurons(nl - 1).membraneVolts().clone();
            }
        }
        chip.ledger().addInferences(1);
        int[] outputSpikes = new int[network.outputs()];
        if (readout == Readout.SPIKE_COUNT) {
            double[] counter = chip.neurons(nl).membraneVolts();
            for (int j = 0; j < outputSpikes.length; j++) {
                outputSpikes[j] = (int) Math.round(counter[j]);
            }
        }
        int predicted = SnnSimulator.predictedClass(readout, outputSpikes, outputPotentials);
        return new Inference(predicted, outputPotentials, outputSpikes, windowSpikes, total, chip.ledger());
    }

    /**
     * One inference.
     *
     * @param predictedClass   the class read out
     * @param outputPotentials the output membrane potentials after the output layer's T steps (V)
     * @param outputSpikes     the output spike counts read by the counter layer
     *                         ({@link Readout#SPIKE_COUNT}; zeros for the membrane readout)
     * @param layerSpikes      spikes of each layer l = 0 … L−1 within its window of T steps
     * @param chipSteps        chip steps run, {@link #chipSteps(int)}
     * @param ledger           the chip's energy and latency accounts for this inference alone
     */
    public record Inference(int predictedClass, double[] outputPotentials, int[] outputSpikes, long[] layerSpikes,
            int chipSteps, EnergyLedger ledger) {
        /** Energy of the inference (J). */
        public double energyJoules() {
            return ledger.totalEnergyJoules();
        }

        /** Latency of the inference on the chip, Σ over its steps of the slowest layer (s). */
        public double latencySeconds() {
            return ledger.latencySeconds();
        }
    }
}
