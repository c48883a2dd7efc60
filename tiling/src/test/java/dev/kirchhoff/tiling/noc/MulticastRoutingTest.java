package dev.kirchhoff.tiling.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SpiNNaker-style key/mask tables: copies, first match wins, default route, drop accounting. */
class MulticastRoutingTest {
    private static final int L = Port.LOCAL.bit();
    private static final int N = Port.NORTH.bit();
    private static final int E = Port.EAST.bit();
    private static final int S = Port.SOUTH.bit();
    private static final int W = Port.WEST.bit();

    /**
     * A hand-built tree on a 3×3 mesh from core 0 to cores 2, 4 and 8 (0→1 E; 1 → E and N; 2 →
     * LOCAL and N; 4 LOCAL; 5 N; 8 LOCAL). Counted by hand: 3 copies (1 injected + 1 split at core
     * 1 + 1 at core 2), each destination exactly one delivery, 2 E/W hops (0→1, 1→2) and 3 N/S
     * hops (1→4, 2→5, 5→8), energy 69.3 + 2·3.0 + 3·4.2 = 87.9 pJ. A key that differs only in bits
     * outside the mask takes the same tree.
     */
    @Test
    void everyMatchingDestinationGetsExactlyOneCopy() {
        MeshTopology mesh = new MeshTopology(3, 3);
        int mask = 0xFFFF_FF00;
        int value = 0x0000_0100;
        MulticastTable t = new MulticastTable(mesh)
                .add(0, value, mask, E).add(1, value, mask, E | N).add(2, value, mask, L | N)
                .add(4, value, mask, L).add(5, value, mask, N).add(8, value, mask, L);
        AerMesh net = AerMesh.multicast(mesh, RouterParameters.LOIHI, t);
        for (int key : new int[] {0x100, 0x1FF, 0x137}) {
            net.inject(0, key, 42, 0);
            StepReport r = net.runStep();
            assertEquals(1, r.injected());
            assertEquals(3, r.sent());
            assertEquals(3, r.delivered());
            assertEquals(0, r.dropped());
            assertEquals(2, r.hopsEastWest());
            assertEquals(3, r.hopsNorthSouth());
            assertEquals(87.9e-12, r.energyJoules(), 1e-12 * 87.9e-12);
            int[] copies = new int[mesh.cores()];
            for (int i = 0; i < net.deliveredCount(); i++) {
                copies[net.deliveredCore(i)]++;
                assertEquals(42, net.deliveredNeuron(i));
                assertEquals(key, net.deliveredKey(i));
            }
            assertEquals(1, copies[2]);
            assertEquals(1, copies[4]);
            assertEquals(1, copies[8]);
            assertEquals(3, copies[2] + copies[4] + copies[8]);
        }
    }

    /**
     * Two entries both match key 0x100; the first added wins. LOCAL first: delivered at core 0
     * with no hop. EAST first: the packet goes east; cores 1 and 2 have no entry, so it goes
     * straight on (default route) and at core 2 the straight-on link would leave the 3×1 mesh,
     * so it is dropped there as NO_ROUTE after 2 E/W hops.
     */
    @Test
    void firstMatchWinsAndTheDefaultRouteGoesStraightOn() {
        MeshTopology mesh = new MeshTopology(3, 1);
        AerMesh localFirst = AerMesh.multicast(mesh, RouterParameters.LOIHI,
                new MulticastTable(mesh).add(0, 0x100, 0xF00, L).add(0, 0x100, 0xFFF, E));
        localFirst.inject(0, 0x100, 1, 0);
        StepReport a = localFirst.runStep();
        assertEquals(1, a.delivered());
        assertEquals(0, a.hops());
        assertEquals(0, localFirst.deliveredCore(0));

        AerMesh eastFirst = AerMesh.multicast(mesh, RouterParameters.LOIHI,
                new MulticastTable(mesh).add(0, 0x100, 0xFFF, E).add(0, 0x100, 0xF00, L));
        eastFirst.inject(0, 0x100, 1, 0);
        StepReport b = eastFirst.runStep();
        assertEquals(0, b.delivered());
        assertEquals(1, b.sent());
        assertEquals(1, b.droppedNoRoute());
        assertEquals(1, b.droppedAt(2, DropReason.NO_ROUTE));
        assertEquals(2, b.hopsEastWest());
    }

    /**
     * SpiNNaker's default route carries a packet through routers without entries: on a 4×1 mesh
     * with entries only at the ends it crosses 3 links and is delivered at core 3. A key that
     * matches nothing at its source is dropped there as NO_ROUTE (a locally injected packet has
     * no "straight on").
     */
    @Test
    void defaultRouteAndUnroutableLocalKeys() {
        MeshTopology mesh = new MeshTopology(4, 1);
        MulticastTable t = new MulticastTable(mesh).add(0, 0x7, 0xF, E).add(3, 0x7, 0xF, L);
        AerMesh net = AerMesh.multicast(mesh, RouterParameters.LOIHI, t);
        net.inject(0, 0x7, 0, 0);
        net.inject(0, 0x8, 0, 0);
        StepReport r = net.runStep();
        assertEquals(2, r.sent());
        assertEquals(1, r.delivered());
        assertEquals(3, net.deliveredCore(0));
        assertEquals(3, r.hopsEastWest());
        assertEquals(1, r.droppedAt(0, DropReason.NO_ROUTE));
        assertEquals(0, r.droppedTimeout());
    }

    /**
     * Broadcast trees in X-Y order (along the source row, then up and down every column): every
     * core broadcasts on a 4×4 mesh with 1-packet FIFOs. Under backpressure every one of the 16·16
     * (source, destination) pairs is delivered exactly once and sent = 256 copies (each tree has
     * 16 leaves). Under DROP with timeout 0, copies are lost, none is delivered twice, and
     * sent = delivered + dropped, where sent counts copies made before their drop.
     */
    @Test
    void broadcastCopiesAreCountedUnderBothPolicies() {
        MeshTopology mesh = new MeshTopology(4, 4);
        MulticastTable t = new MulticastTable(mesh);
        for (int s = 0; s < mesh.cores(); s++) {
            int xs = mesh.x(s);
            int ys = mesh.y(s);
            for (int c = 0; c < mesh.cores(); c++) {
                int x = mesh.x(c);
                int y = mesh.y(c);
                int ports = L;
                if (y == ys) {
                    if (x >= xs && x + 1 < mesh.width()) {
                        ports |= E;
                    }
                    if (x <= xs && x > 0) {
                        ports |= W;
                    }
                }
                if (y >= ys && y + 1 < mesh.height()) {
                    ports |= N;
                }
                if (y <= ys && y > 0) {
                    ports |= S;
                }
                t.add(c, s, -1, ports);
            }
        }
        RouterParameters tiny = RouterParameters.LOIHI.withFifoPackets(1);
        AerMesh bp = AerMesh.multicast(mesh, tiny, t);
        for (int s = 0; s < mesh.cores(); s++) {
            bp.inject(s, s, s, 0);
        }
        StepReport r = bp.runStep();
        assertEquals(256, r.sent());
        assertEquals(256, r.delivered());
        assertEquals(0, r.dropped());
        int[][] got = new int[16][16];
        for (int i = 0; i < bp.deliveredCount(); i++) {
            got[bp.deliveredSource(i)][bp.deliveredCore(i)]++;
        }
        for (int s = 0; s < 16; s++) {
            for (int d = 0; d < 16; d++) {
                assertEquals(1, got[s][d], s + "->" + d);
            }
        }
        for (int v : r.peakFifoPackets()) {
            assertTrue(v <= 1, "peak " + v);
        }

        AerMesh dr = AerMesh.multicast(mesh,
                tiny.withPolicy(CongestionPolicy.DROP).withDropTimeoutCycles(0), t);
        for (int rep = 0; rep < 4; rep++) {
            for (int s = 0; s < mesh.cores(); s++) {
                dr.inject(s, s, rep, 0);
            }
        }
        StepReport q = dr.runStep();
        assertEquals(q.sent(), q.delivered() + q.dropped());
        assertTrue(q.droppedTimeout() > 0, "drops " + q.droppedTimeout());
        long perRouter = 0;
        for (int c = 0; c < mesh.cores(); c++) {
            perRouter += q.droppedAt(c, DropReason.TIMEOUT);
        }
        assertEquals(q.droppedTimeout(), perRouter);
        int[][][] seen = new int[4][16][16];
        for (int i = 0; i < dr.deliveredCount(); i++) {
            int c = ++seen[dr.deliveredNeuron(i)][dr.deliveredSource(i)][dr.deliveredCore(i)];
            assertEquals(1, c, "duplicate delivery");
        }
    }
}
