package dev.kirchhoff.tiling.noc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dimension-order routing of single packets on an otherwise empty 4×3 mesh, every source/destination pair. */
class XyRoutingTest {
    private static final MeshTopology MESH = new MeshTopology(4, 3);
    private static final RouterParameters LOIHI = RouterParameters.LOIHI;

    private static StepReport sendOne(AerMesh net, int src, int dst) {
        net.inject(src, dst, 7, 3, 0x5EL);
        return net.runStep();
    }

    /**
     * An X-Y route crosses |Δx| east/west links and |Δy| north/south links, Manhattan distance in
     * total, and delivers exactly one copy; nothing else is possible on an empty mesh.
     */
    @Test
    void hopCountIsTheManhattanDistanceForEveryPair() {
        AerMesh net = AerMesh.xy(MESH, LOIHI);
        for (int s = 0; s < MESH.cores(); s++) {
            for (int d = 0; d < MESH.cores(); d++) {
                StepReport r = sendOne(net, s, d);
                String pair = s + "->" + d;
                assertEquals(MESH.manhattan(s, d), r.hops(), pair);
                assertEquals(Math.abs(MESH.x(s) - MESH.x(d)), r.hopsEastWest(), pair);
                assertEquals(Math.abs(MESH.y(s) - MESH.y(d)), r.hopsNorthSouth(), pair);
                assertEquals(1, r.sent(), pair);
                assertEquals(1, r.delivered(), pair);
                assertEquals(0, r.dropped(), pair);
                assertEquals(1, net.deliveredCount(), pair);
                assertEquals(d, net.deliveredCore(0), pair);
                assertEquals(s, net.deliveredSource(0), pair);
                assertEquals(7, net.deliveredNeuron(0), pair);
                assertEquals(3, net.deliveredTimeStep(0), pair);
                assertEquals(0x5EL, net.deliveredPayload(0), pair);
            }
        }
    }

    /**
     * The exact set of links used is the X-then-Y path: from (xs, ys) along row ys to column xd,
     * then along column xd to yd, then out of the destination's LOCAL port. Built independently
     * here from the coordinates and compared link by link (index core·5 + port).
     */
    @Test
    void pathGoesAlongXFirstThenAlongY() {
        AerMesh net = AerMesh.xy(MESH, LOIHI);
        for (int s = 0; s < MESH.cores(); s++) {
            for (int d = 0; d < MESH.cores(); d++) {
                long[] expected = new long[MESH.cores() * Port.COUNT];
                int x = MESH.x(s);
                int y = MESH.y(s);
                while (x != MESH.x(d)) {
                    Port p = x < MESH.x(d) ? Port.EAST : Port.WEST;
                    expected[MESH.core(x, y) * Port.COUNT + p.ordinal()]++;
                    x += p.dx();
                }
                while (y != MESH.y(d)) {
                    Port p = y < MESH.y(d) ? Port.NORTH : Port.SOUTH;
                    expected[MESH.core(x, y) * Port.COUNT + p.ordinal()]++;
                    y += p.dy();
                }
                expected[d * Port.COUNT + Port.LOCAL.ordinal()]++;
                assertArrayEquals(expected, sendOne(net, s, d).linkPackets(), s + "->" + d);
            }
        }
    }

    /**
     * E = 69.3 pJ + |Δx|·3.0 pJ + |Δy|·4.2 pJ (Loihi figures); e.g. corner to corner of the 4×3
     * mesh: 69.3 + 9.0 + 8.4 = 86.7 pJ. The simulator sums counted events, so only rounding of a
     * three-term sum separates the two: tolerance 1e-12 relative.
     */
    @Test
    void energyIsInjectionPlusPerHopEnergies() {
        AerMesh net = AerMesh.xy(MESH, LOIHI);
        for (int s = 0; s < MESH.cores(); s++) {
            for (int d = 0; d < MESH.cores(); d++) {
                double expected = 69.3e-12 + Math.abs(MESH.x(s) - MESH.x(d)) * 3.0e-12
                        + Math.abs(MESH.y(s) - MESH.y(d)) * 4.2e-12;
                assertEquals(expected, sendOne(net, s, d).energyJoules(), 1e-12 * expected, s + "->" + d);
            }
        }
        assertEquals(86.7e-12, sendOne(net, 0, 11).energyJoules(), 1e-12 * 86.7e-12);
    }

    /**
     * An uncongested packet never waits, so its latency is |Δx|·4.1 ns + |Δy|·6.5 ns, and the
     * step lasts h + 1 router cycles (one hop per cycle, delivery in cycle h). Tolerance 1e-12
     * relative (rounding of the sum).
     */
    @Test
    void uncongestedLatencyIsTheSumOfPerHopLatencies() {
        AerMesh net = AerMesh.xy(MESH, LOIHI);
        for (int s = 0; s < MESH.cores(); s++) {
            for (int d = 0; d < MESH.cores(); d++) {
                double expected = Math.abs(MESH.x(s) - MESH.x(d)) * 4.1e-9 + Math.abs(MESH.y(s) - MESH.y(d)) * 6.5e-9;
                StepReport r = sendOne(net, s, d);
                assertEquals(expected, r.latencySeconds(), 1e-12 * expected, s + "->" + d);
                assertEquals(expected, net.deliveredLatencySeconds(0), 1e-12 * expected, s + "->" + d);
                assertEquals(MESH.manhattan(s, d) + 1, r.cycles(), s + "->" + d);
            }
        }
    }

    /**
     * Packets whose routes share no link do not slow each other: every core of a row sends one
     * packet one hop north at once (the row's N links are disjoint), so each latency is one N/S
     * hop, 6.5 ns, and all four arrive.
     */
    @Test
    void disjointRoutesDoNotInterfere() {
        AerMesh net = AerMesh.xy(MESH, LOIHI);
        for (int x = 0; x < MESH.width(); x++) {
            net.inject(MESH.core(x, 0), MESH.core(x, 1), x, 0);
        }
        StepReport r = net.runStep();
        assertEquals(4, r.delivered());
        for (int i = 0; i < net.deliveredCount(); i++) {
            assertEquals(6.5e-9, net.deliveredLatencySeconds(i), 1e-12 * 6.5e-9);
        }
    }
}
