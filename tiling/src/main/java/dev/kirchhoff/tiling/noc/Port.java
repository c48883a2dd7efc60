package dev.kirchhoff.tiling.noc;

/**
 * The five ports of a mesh router. Core {@code (x, y)} has index {@code y·width + x};
 * {@link #EAST} leads to {@code x + 1}, {@link #WEST} to {@code x − 1}, {@link #NORTH} to
 * {@code y + 1} and {@link #SOUTH} to {@code y − 1}. {@link #LOCAL} is the core attached to the
 * router: as an input it is where the core injects its spikes, as an output it is where packets
 * are delivered.
 *
 * <p>A set of output ports is an {@code int} bit mask with bit {@link #ordinal()} set per port
 * (see {@link #bit()}); the ordinals are fixed (LOCAL 0, NORTH 1, EAST 2, SOUTH 3, WEST 4)
 * because the simulator indexes its FIFOs by {@code core·5 + ordinal}.
 */
public enum Port {
    /** The router's own core: injection (input) and delivery (output). */
    LOCAL(0, 0),
    /** Towards {@code y + 1}. */
    NORTH(0, 1),
    /** Towards {@code x + 1}. */
    EAST(1, 0),
    /** Towards {@code y − 1}. */
    SOUTH(0, -1),
    /** Towards {@code x − 1}. */
    WEST(-1, 0);

    /** Number of ports per router. */
    public static final int COUNT = 5;

    private static final Port[] VALUES = values();

    private final int dx;
    private final int dy;

    Port(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** Step in x when leaving through this port (0 for LOCAL, NORTH, SOUTH). */
    public int dx() {
        return dx;
    }

    /** Step in y when leaving through this port (0 for LOCAL, EAST, WEST). */
    public int dy() {
        return dy;
    }

    /** This port's bit in a port set: {@code 1 << ordinal()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** True for EAST and WEST (the links with the E/W hop energy and latency). */
    public boolean isEastWest() {
        return dx != 0;
    }

    /**
     * The input port at which a packet leaving through this port arrives at the neighbour
     * (EAST ↔ WEST, NORTH ↔ SOUTH); LOCAL maps to itself.
     */
    public Port opposite() {
        return switch (this) {
            case LOCAL -> LOCAL;
            case NORTH -> SOUTH;
            case EAST -> WEST;
            case SOUTH -> NORTH;
            case WEST -> EAST;
        };
    }

    /** The port with this ordinal. */
    public static Port of(int ordinal) {
        if (ordinal < 0 || ordinal >= COUNT) {
            throw new IllegalArgumentException("port ordinal must be in [0, 4], got " + ordinal);
        }
        return VALUES[ordinal];
    }

    /** The bit mask of a set of ports (duplicates allowed, the result is their union). */
    public static int mask(Port... ports) {
        int m = 0;
        for (Port p : ports) {
            m |= p.bit();
        }
        return m;
    }
}
