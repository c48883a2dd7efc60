package dev.kirchhoff.tiling.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import dev.kirchhoff.tiling.snn.LifLayer;
import dev.kirchhoff.tiling.snn.LifParameters;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The spiking chip: ideal tiles reproduce the plain network, and every packet, hop and read is accounted. */
class SpikingChipTest {
    private static final ConductanceRange RANGE = new ConductanceRange(1e-6, 25e-6);
    private static final TilingOptions IDEAL = TilingOptions.of(ConstantStep.of(RANGE, RANGE.widthSiemens() / 100,
            PulseVariability.NONE));
    private static final LifParameters NEURON = LifParameters.lif(0.020, 0, 1.0, 0).withSynapticTaus(0.002, 0.002);
    private static final double DT = 1e-3;

    /** A description with small tiles (rows × columns) on a 4×4 mesh and no placements. */
    private static HardwareDescription small(int rows, int columns) {
        HardwareDescription d = HardwareDescriptions.defaultDescription();
        return d.withTile(new HardwareDescription.Tile(rows, columns, d.tile().adcs()))
                .withMesh(new HardwareDescription.Mesh(4, 4)).withPlacements(List.of());
    }

    private static double[] weights(UniformRandomProvider r, int n, double scale) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = scale * (2 * r.nextDouble() - 0.5);
        }
        return w;
    }

    /**
     * Two layers, 150 → 90 → 20, on tiles of 64 rows × 64 columns (differential pairs: 32 outputs
     * per tile), so layer 1 is 3 × 3 tiles with partial sums crossing the mesh and layer 2 is
     * 2 × 1. With ideal crossbars and periphery the chip must fire exactly as the same network
     * computed directly (W·x and the same LIF layers, layer l reading layer l − 1's spikes of the
     * previous step): 100 steps of random input spikes, the same spike totals and every membrane
     * potential equal to rounding at the end.
     */
    @Test
    void idealTilesFireExactlyAsThePlainNetwork() {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(11L);
        double[] w1 = weights(r, 90 * 150, 0.6);
        double[] w2 = weights(r, 20 * 90, 0.8);
        List<SpikingChip.Layer> layers = List.of(new SpikingChip.Layer("hidden", w1, 150, 90, NEURON, 1.0),
                new SpikingChip.Layer("out", w2, 90, 20, NEURON, 1.0));
        SpikingChip chip = SpikingChip.create(small(64, 64), IDEAL, layers, DT, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertEquals(9, chip.synapses(0).tileCount());
        assertEquals(2, chip.synapses(1).tileCount());

        LifLayer h = new LifLayer(NEURON, 90, DT);
        LifLayer o = new LifLayer(NEURON, 20, DT);
        double perUnit = NEURON.tauMembraneSeconds() / NEURON.tauExcitatorySeconds();
        int[] hSpikes = new int[90];
        int hCount = 0;
        int[] hNext = new int[90];
        int[] oSpikes = new int[20];
        long[] hTotal = new long[90];
        long[] oTotal = new long[20];
        UniformRandomProvider in = RandomSource.XO_SHI_RO_256_PP.create(2L);
        int[] inSpikes = new int[150];
        for (int s = 0; s < 100; s++) {
            int nIn = 0;
            for (int i = 0; i < 150; i++) {
                if (in.nextDouble() < 0.1) {
                    inSpikes[nIn++] = i;
                }
            }
            chip.step(inSpikes, nIn, null);
            // reference: layer 2 reads layer 1's spikes of the previous step
            deliver(o, w2, 90, hSpikes, hCount, perUnit);
            deliver(h, w1, 150, inSpikes, nIn, perUnit);
            int hc = h.step(hNext);
            int oc = o.step(oSpikes);
            for (int k = 0; k < hc; k++) {
                hTotal[hNext[k]]++;
            }
            for (int k = 0; k < oc; k++) {
                oTotal[oSpikes[k]]++;
            }
            System.arraycopy(hNext, 0, hSpikes, 0, hc);
            hCount = hc;
        }
        assertTrue(chip.spikeCount(0) > 50, "the hidden layer fires: " + chip.spikeCount(0));
        assertTrue(chip.spikeCount(1) > 5, "the output layer fires: " + chip.spikeCount(1));
        long sumH = 0;
        long sumO = 0;
        for (long c : hTotal) {
            sumH += c;
        }
        for (long c : oTotal) {
            sumO += c;
        }
        assertEquals(sumH, chip.spikeCount(0));
        assertEquals(sumO, chip.spikeCount(1));
        // Every membrane agrees to rounding (the tiles' sums run in another order: 1e-12 V is
        // 1e-12 of the threshold, far above double rounding of sums of ~100 terms of order 1).
        assertArrayEquals(h.membraneVolts(), chip.neurons(0).membraneVolts(), 1e-12);
        assertArrayEquals(o.membraneVolts(), chip.neurons(1).membraneVolts(), 1e-12);
    }

    private static void deliver(LifLayer layer, double[] w, int inputs, int[] spikes, int count, double perUnit) {
        double[] current = layer.excitatoryCurrentVolts();
        for (int j = 0; j < current.length; j++) {
            double y = 0;
            for (int k = 0; k < count; k++) {
                y += w[j * inputs + spikes[k]];
            }
            current[j] += perUnit * y;
        }
    }

    /**
     * One layer, 100 inputs → 40 outputs, tiles 64 × 64 (32 outputs each): 2 row blocks × 2
     * column blocks, auto-placed on cores 0, 1, 2, 3 of a 4×4 mesh, i.e. (0,0) (1,0) (2,0) (3,0),
     * tile (r, c) on core 2r + c. One step with the single input spike i = 70 (row block 1): the
     * input port (core 0) sends one packet to each of tiles (1,0) and (1,1), on cores 2 and 3: 2 + 3
     * = 5 east–west hops. Those tiles send their partial sums, 32 and 8 outputs, to the neuron
     * cores of their column blocks, tiles (0,0) and (0,1) on cores 0 and 1: 32·2 + 8·2 = 80 hops.
     * Packets 2 + 40 = 42; energies are counts × the description's per-event energies; 40 neuron
     * updates. A step without input reads nothing and sends nothing.
     */
    @Test
    void accountsEveryPacketHopAndReadByHand() {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(3L);
        HardwareDescription hw = small(64, 64);
        SpikingChip chip = SpikingChip.create(hw, IDEAL,
                List.of(new SpikingChip.Layer("fc", weights(r, 40 * 100, 0.1), 100, 40, NEURON, 1.0)), DT,
                RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertEquals(0, chip.tileCore(0, 0, 0));
        assertEquals(1, chip.tileCore(0, 0, 1));
        assertEquals(2, chip.tileCore(0, 1, 0));
        assertEquals(3, chip.tileCore(0, 1, 1));
        EnergyLedger ledger = chip.ledger();
        chip.step(new int[0], 0, null);
        assertEquals(0, ledger.count(Component.PACKET));
        assertEquals(0, ledger.count(Component.CELL_READ));
        assertEquals(40, ledger.count(Component.NEURON_UPDATE));
        chip.step(new int[] {70}, 1, null);
        assertEquals(42, ledger.count(Component.PACKET));
        assertEquals(5 + 80, ledger.count(Component.HOP_EAST_WEST));
        assertEquals(0, ledger.count(Component.HOP_NORTH_SOUTH));
        assertEquals(80, ledger.count(Component.NEURON_UPDATE));
        assertTrue(ledger.count(Component.CELL_READ) > 0);
        HardwareDescription.Energy e = hw.energy();
        assertEquals(42 * e.packetJoules(), ledger.energyJoules(Component.PACKET), 1e-24);
        assertEquals(85 * e.hopEastWestJoules(), ledger.energyJoules(Component.HOP_EAST_WEST), 1e-24);
        assertEquals(80 * e.neuronUpdateJoules(), ledger.energyJoules(Component.NEURON_UPDATE), 1e-24);
        // The second step's latency is the spike packets' slowest delivery (3 E-W hops, uncongested)
        // plus the partial sums' (queued on shared links, at least one hop) plus reads and updates:
        // more than three hop latencies.
        assertTrue(ledger.latencySeconds() > 3 * hw.latency().hopEastWestSeconds(), "latency " + ledger.latencySeconds());
    }

    @Test
    void placementMustCoverEveryTileAndLayersMustChain() {
        HardwareDescription hw = small(64, 64).withPlacements(List.of(new HardwareDescription.Placement("fc", 1, 0, 1, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpikingChip.create(hw, IDEAL,
                List.of(new SpikingChip.Layer("fc", new double[40 * 100], 100, 40, NEURON, 1.0)), DT,
                RandomSource.XO_SHI_RO_256_PP.create(1L)));
        assertTrue(e.getMessage().contains("tile (0, 0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikingChip.create(small(64, 64), IDEAL,
                List.of(new SpikingChip.Layer("a", new double[10 * 5], 5, 10, NEURON, 1.0),
                        new SpikingChip.Layer("b", new double[3 * 9], 9, 3, NEURON, 1.0)), DT,
                RandomSource.XO_SHI_RO_256_PP.create(1L)));
        assertTrue(e.getMessage().contains("layers[1].inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpikingChip.Layer("x", new double[3], 2, 2, NEURON, 1.0));
    }
}
