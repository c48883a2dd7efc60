package dev.kirchhoff.tiling.chip;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.tiling.TiledLayer;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.tiling.noc.AerMesh;
import dev.kirchhoff.tiling.noc.CongestionPolicy;
import dev.kirchhoff.tiling.noc.MeshTopology;
import dev.kirchhoff.tiling.noc.RouterParameters;
import dev.kirchhoff.tiling.noc.StepReport;
import dev.kirchhoff.tiling.snn.LifLayer;
import dev.kirchhoff.tiling.snn.LifParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A feed-forward spiking network on the chip: each layer's synapses are a {@link TiledLayer}
 * (crossbar tiles on cores of a 2-D mesh, placed by the {@link HardwareDescription}), its neurons a
 * {@link LifLayer}, and every spike and partial sum that crosses the chip is an address-event
 * packet routed X-Y through an {@link AerMesh}. Energy and latency go to an {@link EnergyLedger},
 * per layer and per component.
 *
 * <p>One time step, for every layer l in order (layers pipelined: layer l reads the spikes layer
 * l − 1 emitted in the previous step, or the chip's input spikes of this step for l = 0, as Lava's
 * one-step synaptic delay):
 * <ol>
 *   <li><b>Spike packets.</b> A spike of input i goes from its source core to every tile (r(i), c)
 *       of the layer, r(i) the row block holding input i: one unicast packet per destination tile
 *       (sources: the neuron core of the spiking neuron's column block in layer l − 1; the chip's
 *       input port, core (0, 0), for l = 0).</li>
 *   <li><b>Analog read.</b> The input vector x (1 for an input that spiked, 0 otherwise) is read
 *       by the layer's tiles, y = W·x through each tile's periphery; a step without input spikes
 *       reads nothing (event-driven: no spikes, no read).</li>
 *   <li><b>Partial sums.</b> A layer with R &gt; 1 row blocks sends each digitised partial output of
 *       every tile (r, c), r ≥ 1, that read a spike, to the neuron core of column block c (the core
 *       of tile (0, c)), one packet per output, where the digital adder sums them.</li>
 *   <li><b>Neurons.</b> y_j raises neuron j's excitatory current so that a unit weight adds
 *       {@code voltsPerWeight} to its membrane (a jump J into a current of time constant τ_e adds
 *       J·τ_e/τ_m), then every neuron advances one step (exact LIF integration).</li>
 * </ol>
 * Reported per layer: PACKET and HOP_EAST_WEST / HOP_NORTH_SOUTH from the mesh's counts (priced
 * by the description; the mesh itself runs on {@link #routerParameters} of the same description,
 * so both agree); CELL_READ, DAC, ADC and ACCUMULATION from the tiled read; NEURON_UPDATE (every
 * neuron, every step) and SPIKE. Busy time of a layer in a step: the spike packets' slowest
 * delivery + the tiles' read + the partial sums' slowest delivery + its neuron updates (a column
 * block's neurons updated one after the other on their core: n_c·t_update + spikes·t_spike);
 * the step's latency is the slowest layer ({@link EnergyLedger#endStep}).
 *
 * <p>Placement: a layer whose tiles the description places is put where it says (every tile must
 * be placed); a layer it does not mention is placed automatically, its tiles in row-major order
 * on consecutive cores (core index = y·width + x) after the last core used, wrapping around the
 * mesh.
 */
public final class SpikingChip {
    /**
     * One layer.
     *
     * @param name           the layer's name (its tiles' placements and its ledger account)
     * @param weights        W, outputs × inputs, row-major, in units of voltsPerWeight; not modified
     * @param inputs         M ≥ 1
     * @param outputs        N ≥ 1
     * @param neuron         the layer's LIF neurons
     * @param voltsPerWeight membrane jump of a unit weight (V, &gt; 0)
     */
    public record Layer(String name, double[] weights, int inputs, int outputs, LifParameters neuron,
            double voltsPerWeight) {
        /** Validates the fields. */
        public Layer {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, got " + name);
            }
            Checks.positive("inputs", inputs);
            Checks.positive("outputs", outputs);
            Objects.requireNonNull(weights, "weights");
            if (weights.length != (long) inputs * outputs) {
                throw new IllegalArgumentException("weights.length must be inputs·outputs = " + (long) inputs * outputs
                        + ", got " + weights.length);
            }
            Objects.requireNonNull(neuron, "neuron");
            Checks.positive("voltsPerWeight", voltsPerWeight);
        }
    }

    private final HardwareDescription hardware;
    private final MeshTopology mesh;
    private final AerMesh noc;
    private final EnergyLedger ledger;
    private final TiledLayer[] synapses;
    private final LifLayer[] neurons;
    private final int[] account;
    private final int[][] tileCore;
    private final double[] currentPerUnit;
    private final double[][] x;
    private final double[][] y;
    private final int[][] spikes;
    private final int[] spikeCount;
    private final int[][] nextSpikes;
    private final int[] nextSpikeCount;
    private final long[] spikeTotals;
    private final boolean[] tileRead;
    private final int[][] rowBlockOf;
    private final int[][] columnBlockOf;
    private int step;

    private SpikingChip(HardwareDescription hardware, TiledLayer[] synapses, LifLayer[] neurons, int[][] tileCore,
            double[] currentPerUnit) {
        this.hardware = hardware;
        this.mesh = new MeshTopology(hardware.mesh().width(), hardware.mesh().height());
        this.noc = AerMesh.xy(mesh, routerParameters(hardware));
        this.ledger = new EnergyLedger(hardware);
        this.synapses = synapses;
        this.neurons = neurons;
        this.tileCore = tileCore;
        this.currentPerUnit = currentPerUnit;
        int n = synapses.length;
        account = new int[n];
        x = new double[n][];
        y = new double[n][];
        spikes = new int[n][];
        spikeCount = new int[n];
        nextSpikes = new int[n][];
        nextSpikeCount = new int[n];
        spikeTotals = new long[n];
        int maxTiles = 0;
        for (int l = 0; l < n; l++) {
            account[l] = ledger.layer(synapses[l].name());
            x[l] = new double[synapses[l].inputs()];
            y[l] = new double[synapses[l].outputs()];
            spikes[l] = new int[synapses[l].outputs()];
            nextSpikes[l] = new int[synapses[l].outputs()];
            maxTiles = Math.max(maxTiles, synapses[l].tileCount());
        }
        tileRead = new boolean[maxTiles];
        rowBlockOf = new int[n][];
        columnBlockOf = new int[n][];
        for (int l = 0; l < n; l++) {
            TiledLayer t = synapses[l];
            rowBlockOf[l] = blocks(t.inputs(), t.tileRowCount(), t::rowBlockStart);
            columnBlockOf[l] = blocks(t.outputs(), t.tileColumnCount(), t::columnBlockStart);
        }
    }

    /**
     * Builds the chip: tiles every layer with {@code options} (tile size from the description),
     * places the tiles, and draws every tile's devices.
     *
     * @param hardware the description (mesh, placements, energies, latencies)
     * @param options  tile mapping, devices, engine, periphery, accumulator; its tile size is
     *                 replaced by the description's
     * @param layers    the layers, input first; layer l + 1's inputs must equal layer l's outputs
     * @param dtSeconds the time step (s), e.g. 1 ms, a typical neuromorphic step
     * @param rng       source of the device draws (advanced)
     */
    public static SpikingChip create(HardwareDescription hardware, TilingOptions options, List<Layer> layers,
            double dtSeconds, UniformRandomProvider rng) {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(options, "options");
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers must not be empty");
        }
        TilingOptions sized = options.withTileSize(hardware.tile());
        int n = layers.size();
        TiledLayer[] synapses = new TiledLayer[n];
        LifLayer[] neurons = new LifLayer[n];
        int[][] tileCore = new int[n][];
        double[] perUnit = new double[n];
        List<String> names = new ArrayList<>();
        int nextCore = 0;
        int cores = hardware.mesh().width() * hardware.mesh().height();
        for (int l = 0; l < n; l++) {
            Layer spec = layers.get(l);
            if (names.contains(spec.name())) {
                throw new IllegalArgumentException("layers[" + l + "].name '" + spec.name() + "' is used twice");
            }
            names.add(spec.name());
            if (l > 0 && spec.inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layers[" + l + "].inputs must equal layers[" + (l - 1) + "].outputs ("
                        + layers.get(l - 1).outputs() + "), got " + spec.inputs());
            }
            TiledLayer t = TiledLayer.create(spec.name(), spec.weights(), spec.inputs(), spec.outputs(), sized, rng);
            synapses[l] = t;
            neurons[l] = new LifLayer(spec.neuron(), spec.outputs(), dtSeconds);
            perUnit[l] = spec.voltsPerWeight() * spec.neuron().tauMembraneSeconds() / spec.neuron().tauExcitatorySeconds();
            int[] core = new int[t.tileCount()];
            boolean placed = hardware.placements().stream().anyMatch(p -> p.layer().equals(spec.name()));
            for (int r = 0; r < t.tileRowCount(); r++) {
                for (int c = 0; c < t.tileColumnCount(); c++) {
                    int k = r * t.tileColumnCount() + c;
                    if (placed) {
                        int[] xy = hardware.coreOf(spec.name(), r, c);
                        if (xy == null) {
                            throw new IllegalArgumentException("the hardware description places layer '" + spec.name()
                                    + "' but not its tile (" + r + ", " + c + ")");
                        }
                        core[k] = xy[1] * hardware.mesh().width() + xy[0];
                    } else {
                        core[k] = nextCore;
                        nextCore = (nextCore + 1) % cores;
                    }
                }
            }
            tileCore[l] = core;
        }
        return new SpikingChip(hardware, synapses, neurons, tileCore, perUnit);
    }

    /**
     * The router parameters of the description: its hop energies and latencies, its packet energy
     * as the injection energy; a router cycle of the slower hop's latency (so one hop per cycle is
     * possible on every link), one packet per link per cycle, 16-packet FIFOs and backpressure
     * (the figures of {@link RouterParameters#LOIHI}).
     */
    public static RouterParameters routerParameters(HardwareDescription hw) {
        HardwareDescription.Energy e = hw.energy();
        HardwareDescription.Latency t = hw.latency();
        double cycle = Math.max(Math.max(t.hopEastWestSeconds(), t.hopNorthSouthSeconds()), 1e-12);
        RouterParameters loihi = RouterParameters.LOIHI;
        return new RouterParameters(e.hopEastWestJoules(), t.hopEastWestSeconds(), e.hopNorthSouthJoules(),
                t.hopNorthSouthSeconds(), e.packetJoules(), cycle, loihi.linkPacketsPerCycle(), loihi.fifoPackets(),
                CongestionPolicy.BACKPRESSURE, loihi.dropTimeoutCycles(), loihi.maxCyclesPerStep());
    }

    /** The energy and latency accounts. */
    public EnergyLedger ledger() {
        return ledger;
    }

    /** Layer l's synapses. */
    public TiledLayer synapses(int l) {
        return synapses[l];
    }

    /** Layer l's neurons. */
    public LifLayer neurons(int l) {
        return neurons[l];
    }

    /** Number of layers. */
    public int layerCount() {
        return synapses.length;
    }

    /** The core (index y·width + x) holding tile (r, c) of layer l. */
    public int tileCore(int l, int tileRow, int tileColumn) {
        return tileCore[l][tileRow * synapses[l].tileColumnCount() + tileColumn];
    }

    /** Spikes layer l has emitted so far. */
    public long spikeCount(int l) {
        return spikeTotals[l];
    }

    /** Steps run so far. */
    public int stepCount() {
        return step;
    }

    /**
     * Runs one time step.
     *
     * @param inputSpikes not modified: indices of the chip's inputs that spike in this step
     * @param inputCount  how many of them
     * @param rng         source of the tiles' periphery noise (advanced), or null when it draws nothing
     */
    public void step(int[] inputSpikes, int inputCount, UniformRandomProvider rng) {
        Checks.nonNegative("inputCount", inputCount);
        int n = synapses.length;
        for (int l = 0; l < n; l++) {
            int[] in = l == 0 ? inputSpikes : spikes[l - 1];
            int count = l == 0 ? inputCount : spikeCount[l - 1];
            nextSpikeCount[l] = layerStep(l, in, count, rng);
        }
        for (int l = 0; l < n; l++) {
            int[] t = spikes[l];
            spikes[l] = nextSpikes[l];
            nextSpikes[l] = t;
            spikeCount[l] = nextSpikeCount[l];
            spikeTotals[l] += spikeCount[l];
        }
        ledger.endStep();
        step++;
    }

    /** For every index in [0, size), the block holding it, from the blocks' start indices. */
    private static int[] blocks(int size, int count, IntUnaryOperator start) {
        int[] of = new int[size];
        for (int b = 0; b < count; b++) {
            int end = b + 1 < count ? start.applyAsInt(b + 1) : size;
            Arrays.fill(of, start.applyAsInt(b), end, b);
        }
        return of;
    }

    /** Layer l's step; writes its spikes to nextSpikes[l] and returns their number. */
    private int layerStep(int l, int[] in, int count, UniformRandomProvider rng) {
        TiledLayer t = synapses[l];
        int a = account[l];
        int rows = t.tileRowCount();
        int cols = t.tileColumnCount();
        if (count > 0) {
            Arrays.fill(tileRead, 0, t.tileCount(), false);
            for (int k = 0; k < count; k++) {
                int i = in[k];
                if (i < 0 || i >= t.inputs()) {
                    throw new IllegalArgumentException("spike index must be in [0, " + t.inputs() + "), got " + i);
                }
                int source = l == 0 ? 0 : tileCore[l - 1][columnBlockOf[l - 1][i]];
                int r = rowBlockOf[l][i];
                for (int c = 0; c < cols; c++) {
                    noc.inject(source, tileCore[l][r * cols + c], i, step);
                    tileRead[r * cols + c] = true;
                }
                x[l][i] = 1;
            }
            account(a, noc.runStep());
            t.forward(x[l], 1, y[l], rng, ledger);
            for (int k = 0; k < count; k++) {
                x[l][in[k]] = 0;
            }
            boolean partialSums = false;
            for (int r = 1; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (tileRead[r * cols + c]) {
                        int from = tileCore[l][r * cols + c];
                        int to = tileCore[l][c];
                        int end = c + 1 < cols ? t.columnBlockStart(c + 1) : t.outputs();
                        for (int j = t.columnBlockStart(c); j < end; j++) {
                            noc.inject(from, to, j, step);
                        }
                        partialSums = true;
                    }
                }
            }
            if (partialSums) {
                account(a, noc.runStep());
            }
            double[] currentE = neurons[l].excitatoryCurrentVolts();
            double scale = currentPerUnit[l];
            double[] out = y[l];
            for (int j = 0; j < out.length; j++) {
                currentE[j] += scale * out[j];
            }
        }
        int fired = neurons[l].step(nextSpikes[l]);
        int widest = 0;
        for (int c = 0; c < cols; c++) {
            int end = c + 1 < cols ? t.columnBlockStart(c + 1) : t.outputs();
            widest = Math.max(widest, end - t.columnBlockStart(c));
        }
        HardwareDescription.Latency lat = hardware.latency();
        ledger.add(a, Component.NEURON_UPDATE, t.outputs());
        ledger.add(a, Component.SPIKE, fired);
        ledger.addBusy(a, widest * lat.neuronUpdateSeconds() + fired * lat.spikeSeconds());
        return fired;
    }

    /** Reports one mesh step: packets and hops priced by the description, and its slowest delivery as busy time. */
    private void account(int a, StepReport report) {
        if (report.dropped() != 0) {
            throw new IllegalStateException("the chip's mesh dropped " + report.dropped() + " packets under backpressure");
        }
        ledger.add(a, Component.PACKET, report.injected());
        ledger.add(a, Component.HOP_EAST_WEST, report.hopsEastWest());
        ledger.add(a, Component.HOP_NORTH_SOUTH, report.hopsNorthSouth());
        ledger.addBusy(a, report.latencySeconds());
    }
}
