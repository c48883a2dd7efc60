package dev.kirchhoff.tiling.noc;

/** Why a packet copy was dropped. Every drop is counted per router and reason, never lost silently. */
public enum DropReason {
    /** Under {@link CongestionPolicy#DROP}: blocked longer than the timeout. */
    TIMEOUT,
    /**
     * Multicast routing found no table entry and the default route does not apply: the packet
     * was injected by the local core (SpiNNaker drops these), or going straight on would leave
     * the mesh.
     */
    NO_ROUTE;

    /** Number of reasons. */
    public static final int COUNT = 2;
}
