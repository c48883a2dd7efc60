package dev.kirchhoff.tiling.noc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input throws IllegalArgumentException naming the parameter and its value; broken tables fail loudly. */
class BadInputTest {
    private static final RouterParameters P = RouterParameters.LOIHI;
    private static final MeshTopology MESH = new MeshTopology(4, 4);

    private static void assertNames(String name, String value, Executable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void parametersRejectNegativeNanInfiniteAndZero() {
        assertNames("hopEastWestJoules", "-1.0", () -> P.withHopEastWestJoules(-1));
        assertNames("hopEastWestSeconds", "NaN", () -> P.withHopEastWestSeconds(Double.NaN));
        assertNames("hopNorthSouthJoules", "Infinity", () -> P.withHopNorthSouthJoules(Double.POSITIVE_INFINITY));
        assertNames("hopNorthSouthSeconds", "-6.5E-9", () -> P.withHopNorthSouthSeconds(-6.5e-9));
        assertNames("injectionJoules", "NaN", () -> P.withInjectionJoules(Double.NaN));
        assertNames("cycleSeconds", "0.0", () -> P.withCycleSeconds(0));
        assertNames("linkPacketsPerCycle", "0", () -> P.withLinkPacketsPerCycle(0));
        assertNames("fifoPackets", "-2", () -> P.withFifoPackets(-2));
        assertNames("dropTimeoutCycles", "-1", () -> P.withDropTimeoutCycles(-1));
        assertNames("maxCyclesPerStep", "0", () -> P.withMaxCyclesPerStep(0));
    }

    @Test
    void meshRejectsZeroNegativeAndHugeSizes() {
        assertNames("width", "0", () -> new MeshTopology(0, 3));
        assertNames("height", "-3", () -> new MeshTopology(3, -3));
        assertNames("width", "70000", () -> new MeshTopology(70000, 1));
    }

    @Test
    void injectRejectsCoresOutsideTheMesh() {
        AerMesh net = AerMesh.xy(MESH, P);
        assertNames("destination", "16", () -> net.inject(0, 16, 0, 0));
        assertNames("destination", "-1", () -> net.inject(0, -1, 0, 0));
        assertNames("sourceCore", "99", () -> net.inject(99, 0, 0, 0));
        assertNames("neuronAddress", "-4", () -> net.inject(0, 1, -4, 0));
        assertNames("timeStep", "-1", () -> net.inject(0, 1, 0, -1));
    }

    @Test
    void tableRejectsRoutesOffTheMeshAndBadEntries() {
        MulticastTable t = new MulticastTable(MESH);
        assertNames("ports", "WEST", () -> t.add(0, 0, 0, Port.WEST.bit()));
        assertNames("ports", "SOUTH", () -> t.add(1, 0, 0, Port.mask(Port.LOCAL, Port.SOUTH)));
        assertNames("ports", "NORTH", () -> t.add(MESH.core(2, 3), 0, 0, Port.NORTH.bit()));
        assertNames("ports", "EAST", () -> t.add(MESH.core(3, 1), 0, 0, Port.EAST.bit()));
        assertNames("ports", "0", () -> t.add(0, 0, 0, 0));
        assertNames("ports", "32", () -> t.add(0, 0, 0, 32));
        assertNames("core", "16", () -> t.add(16, 0, 0, Port.LOCAL.bit()));
        assertNames("value", "ff", () -> t.add(0, 0xFF, 0xF0, Port.LOCAL.bit()));
        assertNames("entriesPerRouter", "0", () -> new MulticastTable(MESH, 0));
        assertNames("table", "2×2", () -> AerMesh.multicast(MESH, P, new MulticastTable(new MeshTopology(2, 2))));
    }

    /** SpiNNaker 1 holds 1024 entries per router: the 1024th fits, the 1025th throws. */
    @Test
    void tableHoldsDefaultCapacityThenThrows() {
        MulticastTable t = new MulticastTable(MESH);
        for (int i = 0; i < 1024; i++) {
            t.add(3, i, -1, Port.LOCAL.bit());
        }
        assertTrue(t.entries(3) == 1024);
        assertNames("entriesPerRouter", "1024", () -> t.add(3, 5000, -1, Port.LOCAL.bit()));
    }

    /**
     * A ring of table routes round a 2×2 mesh (0 E, 1 N, 3 W, 2 S) with 1-packet FIFOs and one
     * packet per core fills the four ring FIFOs, each head waiting for the next: a true deadlock
     * under backpressure, reported instead of spinning. Under DROP the packets circle forever; the
     * cycle guard reports it.
     */
    @Test
    void cyclicTablesAreReportedNotHung() {
        MeshTopology m = new MeshTopology(2, 2);
        MulticastTable t = new MulticastTable(m).add(0, 1, -1, Port.EAST.bit()).add(1, 1, -1, Port.NORTH.bit())
                .add(3, 1, -1, Port.WEST.bit()).add(2, 1, -1, Port.SOUTH.bit());
        AerMesh bp = AerMesh.multicast(m, P.withFifoPackets(1), t);
        for (int c = 0; c < 4; c++) {
            bp.inject(c, 1, 0, 0);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, bp::runStep);
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());

        AerMesh dr = AerMesh.multicast(m, P.withPolicy(CongestionPolicy.DROP).withMaxCyclesPerStep(1000), t);
        dr.inject(0, 1, 0, 0);
        IllegalStateException f = assertThrows(IllegalStateException.class, dr::runStep);
        assertTrue(f.getMessage().contains("maxCyclesPerStep"), f.getMessage());
    }
}
