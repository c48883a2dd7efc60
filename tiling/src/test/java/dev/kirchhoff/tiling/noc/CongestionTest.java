package dev.kirchhoff.tiling.noc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Hot-spot and uniform random traffic with tiny FIFOs under both congestion policies. The
 * analytic bounds used: a link (or the delivery port) carries at most {@code B} packets per
 * cycle, so a step lasts at least {@code max_link(packets on it) / B} cycles; and since the
 * cycle (6.5 ns) is longer than the fastest hop (4.1 ns), a copy delivered in cycle k has
 * latency ≥ k·4.1 ns.
 */
class CongestionTest {
    private static final MeshTopology MESH = new MeshTopology(4, 4);
    private static final RouterParameters TINY = RouterParameters.LOIHI.withFifoPackets(2);
    private static final int HOT = 5;

    private static void assertCommon(StepReport r, RouterParameters p) {
        assertEquals(r.sent(), r.delivered() + r.dropped(), "sent = delivered + dropped");
        for (int v : r.peakFifoPackets()) {
            assertTrue(v <= p.fifoPackets(), "FIFO peak " + v + " > " + p.fifoPackets());
        }
        long busiest = 0;
        for (long v : r.linkPackets()) {
            busiest = Math.max(busiest, v);
        }
        assertTrue(r.cycles() * p.linkPacketsPerCycle() >= busiest,
                "cycles " + r.cycles() + " below the bandwidth bound " + busiest);
    }

    /**
     * All-to-one under backpressure: nothing dropped, all 15·p packets delivered, and the
     * destination's delivery port takes one packet per cycle, so the step lasts ≥ 15·p cycles and
     * the last delivery (cycle ≥ 15p − 1) has latency ≥ (15p − 1)·4.1 ns; the latency grows with p,
     * and from 4 packets per core some FIFO on the way is full (peak = capacity).
     */
    @Test
    void hotSpotUnderBackpressureDeliversEverythingAndStretches() {
        AerMesh net = AerMesh.xy(MESH, TINY);
        double previous = 0;
        for (int p : new int[] {1, 2, 4, 8, 16}) {
            Traffic.hotSpot(net, HOT, p, 0);
            StepReport r = net.runStep();
            assertCommon(r, TINY);
            assertEquals(0, r.dropped());
            assertEquals(15L * p, r.delivered());
            assertEquals(15L * p, r.linkPackets(HOT, Port.LOCAL));
            assertTrue(r.cycles() >= 15L * p, "cycles " + r.cycles());
            assertTrue(r.latencySeconds() >= (15 * p - 1) * 4.1e-9 * (1 - 1e-12), "latency " + r.latencySeconds());
            assertTrue(r.latencySeconds() > previous, "latency must grow with load: " + r.latencySeconds());
            if (p >= 4) {
                // Backpressure means full FIFOs upstream of the hot spot: some FIFO reaches capacity.
                int max = 0;
                for (int v : r.peakFifoPackets()) {
                    max = Math.max(max, v);
                }
                assertEquals(TINY.fifoPackets(), max, "p = " + p);
            }
            previous = r.latencySeconds();
        }
    }

    /**
     * Doubling the link bandwidth halves the delivery-port bound: 120 hot-spot packets need ≥ 60
     * cycles with B = 2, and finish sooner than with B = 1 (≥ 120 cycles).
     */
    @Test
    void bandwidthSetsTheHotSpotBound() {
        AerMesh one = AerMesh.xy(MESH, TINY);
        AerMesh two = AerMesh.xy(MESH, TINY.withLinkPacketsPerCycle(2));
        Traffic.hotSpot(one, HOT, 8, 0);
        Traffic.hotSpot(two, HOT, 8, 0);
        StepReport a = one.runStep();
        StepReport b = two.runStep();
        assertCommon(b, TINY.withLinkPacketsPerCycle(2));
        assertEquals(120, b.delivered());
        assertTrue(a.cycles() >= 120);
        assertTrue(b.cycles() >= 60);
        assertTrue(b.cycles() < a.cycles(), b.cycles() + " vs " + a.cycles());
    }

    /**
     * All-to-one under DROP with a 2-cycle timeout: packets are lost (the delivery port drains
     * one per cycle while 15 sources push), every loss is counted, per router and in total, and
     * sent = delivered + dropped.
     */
    @Test
    void hotSpotUnderDropLosesPacketsAndCountsThem() {
        RouterParameters drop = TINY.withPolicy(CongestionPolicy.DROP).withDropTimeoutCycles(2);
        AerMesh net = AerMesh.xy(MESH, drop);
        Traffic.hotSpot(net, HOT, 8, 0);
        StepReport r = net.runStep();
        assertCommon(r, drop);
        assertEquals(120, r.sent());
        assertTrue(r.droppedTimeout() > 0, "drops " + r.droppedTimeout());
        assertTrue(r.delivered() > 0, "delivered " + r.delivered());
        assertEquals(0, r.droppedNoRoute());
        long perRouter = 0;
        for (int c = 0; c < MESH.cores(); c++) {
            perRouter += r.droppedAt(c, DropReason.TIMEOUT);
        }
        assertEquals(r.droppedTimeout(), perRouter);
        assertEquals(r.delivered(), net.deliveredCount());
    }

    /**
     * Uniform random traffic, 8 packets per core, 1-packet FIFOs, seeds 1..10. Backpressure:
     * everything delivered, nothing dropped. DROP with timeout 1: losses in every seed, all
     * counted. Both: FIFO peaks within capacity and the bandwidth bound on the step length.
     */
    @Test
    void uniformRandomTrafficOverSeeds() {
        RouterParameters bp = RouterParameters.LOIHI.withFifoPackets(1);
        RouterParameters drop = bp.withPolicy(CongestionPolicy.DROP).withDropTimeoutCycles(1);
        AerMesh a = AerMesh.xy(MESH, bp);
        AerMesh b = AerMesh.xy(MESH, drop);
        for (long seed = 1; seed <= 10; seed++) {
            Traffic.uniformRandom(a, 8, 0, RandomSource.XO_SHI_RO_256_PP.create(seed));
            Traffic.uniformRandom(b, 8, 0, RandomSource.XO_SHI_RO_256_PP.create(seed));
            StepReport ra = a.runStep();
            StepReport rb = b.runStep();
            assertCommon(ra, bp);
            assertCommon(rb, drop);
            assertEquals(128, ra.delivered(), "seed " + seed);
            assertEquals(0, ra.dropped(), "seed " + seed);
            assertEquals(128, rb.sent(), "seed " + seed);
            assertTrue(rb.droppedTimeout() > 0, "seed " + seed + ": no drops");
        }
    }

    /**
     * Under backpressure the step stretches with load: the mean (over 5 seeds) step latency of
     * uniform random traffic grows strictly from 1 to 4 to 16 to 64 packets per core, and each
     * step obeys the bandwidth bound.
     */
    @Test
    void uniformRandomLatencyGrowsWithLoad() {
        AerMesh net = AerMesh.xy(MESH, TINY);
        double previous = 0;
        for (int load : new int[] {1, 4, 16, 64}) {
            double sum = 0;
            for (long seed = 1; seed <= 5; seed++) {
                Traffic.uniformRandom(net, load, 0, RandomSource.XO_SHI_RO_256_PP.create(seed));
                StepReport r = net.runStep();
                assertCommon(r, TINY);
                assertEquals(16L * load, r.delivered());
                sum += r.latencySeconds();
            }
            double mean = sum / 5;
            assertTrue(mean > previous, "load " + load + ": mean latency " + mean + " <= " + previous);
            previous = mean;
        }
    }

    /** The same seed gives the same traffic and, the simulator being deterministic, the same report. */
    @Test
    void sameSeedSameReport() {
        RouterParameters drop = TINY.withPolicy(CongestionPolicy.DROP).withDropTimeoutCycles(1);
        StepReport[] r = new StepReport[2];
        for (int i = 0; i < 2; i++) {
            AerMesh net = AerMesh.xy(MESH, drop);
            UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(new long[] {7, 8, 9, 10});
            Traffic.uniformRandom(net, 16, 0, rng);
            r[i] = net.runStep();
        }
        assertEquals(r[0].delivered(), r[1].delivered());
        assertEquals(r[0].droppedTimeout(), r[1].droppedTimeout());
        assertEquals(r[0].cycles(), r[1].cycles());
        assertEquals(Double.doubleToLongBits(r[0].latencySeconds()), Double.doubleToLongBits(r[1].latencySeconds()));
        assertArrayEquals(r[0].linkPackets(), r[1].linkPackets());
        assertArrayEquals(r[0].droppedByRouter(), r[1].droppedByRouter());
        assertArrayEquals(r[0].peakFifoPackets(), r[1].peakFifoPackets());
    }
}
