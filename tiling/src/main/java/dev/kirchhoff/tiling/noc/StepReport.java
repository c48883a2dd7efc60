package dev.kirchhoff.tiling.noc;

/**
 * Counters of one time step of an {@link AerMesh}. The arrays belong to this report (the mesh
 * does not reuse them).
 *
 * <p>Copies are counted explicitly: every injected packet is one copy; a router that sends a
 * copy to {@code m} output ports turns it into {@code m} copies ({@code m − 1} are added to
 * {@code sent}); a copy ends either delivered to a core or dropped. Hence, always,
 * <pre>
 *   sent = injected + Σ_routing decisions (m − 1) = delivered + droppedTimeout + droppedNoRoute
 * </pre>
 * which {@link AerMesh#runStep()} checks before returning. With X-Y routing {@code m = 1} and
 * {@code sent = injected}.
 *
 * @param injected          packets injected by cores
 * @param sent              packet copies that existed during the step (see above)
 * @param delivered         copies delivered to a core's local port
 * @param droppedTimeout    copies dropped under {@link CongestionPolicy#DROP}
 * @param droppedNoRoute    copies dropped because no table entry or default route applied
 * @param hopsEastWest      east/west link traversals (dropped copies' hops included)
 * @param hopsNorthSouth    north/south link traversals
 * @param energyJoules      injection plus hop energy (J), see {@link RouterParameters}
 * @param latencySeconds    latency of the slowest delivered copy (s); 0 if none was delivered
 * @param cycles            router cycles the step took
 * @param peakFifoPackets   peak occupancy of each input FIFO, index {@code core·5 + port.ordinal()}
 *                          (the FIFO fed by the link arriving at that port; LOCAL is the injection FIFO)
 * @param linkPackets       copies sent through each output port, index {@code core·5 + port.ordinal()}
 *                          (LOCAL counts deliveries)
 * @param droppedByRouter   drops per router and reason, index {@code reason.ordinal()·cores + core}
 */
public record StepReport(long injected, long sent, long delivered, long droppedTimeout, long droppedNoRoute,
        long hopsEastWest, long hopsNorthSouth, double energyJoules, double latencySeconds, long cycles,
        int[] peakFifoPackets, long[] linkPackets, long[] droppedByRouter) {

    /** All dropped copies. */
    public long dropped() {
        return droppedTimeout + droppedNoRoute;
    }

    /** Copies dropped for one reason. */
    public long dropped(DropReason reason) {
        return reason == DropReason.TIMEOUT ? droppedTimeout : droppedNoRoute;
    }

    /** All link traversals. */
    public long hops() {
        return hopsEastWest + hopsNorthSouth;
    }

    /** Copies dropped at router {@code core} for {@code reason}. */
    public long droppedAt(int core, DropReason reason) {
        return droppedByRouter[reason.ordinal() * (droppedByRouter.length / DropReason.COUNT) + core];
    }

    /** Peak occupancy of the input FIFO at {@code port} of router {@code core}. */
    public int peakFifoPackets(int core, Port port) {
        return peakFifoPackets[core * Port.COUNT + port.ordinal()];
    }

    /** Copies that left router {@code core} through {@code port}. */
    public long linkPackets(int core, Port port) {
        return linkPackets[core * Port.COUNT + port.ordinal()];
    }
}
