package dev.kirchhoff.tiling.noc;

import dev.kirchhoff.device.Checks;

/**
 * A {@code width × height} 2-D mesh of cores, each with one router. Core {@code (x, y)} has index
 * {@code y·width + x}; the port directions are those of {@link Port}.
 *
 * @param width  cores along x, in [1, 65535]
 * @param height cores along y, in [1, 65535]; {@code width·height} must fit in an {@code int}
 */
public record MeshTopology(int width, int height) {

    /** Largest side: hop counters are 16-bit fields in the simulator's packed packet words. */
    public static final int MAX_SIDE = 0xFFFF;

    public MeshTopology {
        Checks.positive("width", width);
        Checks.positive("height", height);
        if (width > MAX_SIDE) {
            throw new IllegalArgumentException("width must be at most " + MAX_SIDE + ", got " + width);
        }
        if (height > MAX_SIDE) {
            throw new IllegalArgumentException("height must be at most " + MAX_SIDE + ", got " + height);
        }
        if ((long) width * height > Integer.MAX_VALUE / Port.COUNT) {
            throw new IllegalArgumentException("width·height must be at most " + Integer.MAX_VALUE / Port.COUNT
                    + ", got " + width + "·" + height);
        }
    }

    /** Number of cores, {@code width·height}. */
    public int cores() {
        return width * height;
    }

    /** Index of core {@code (x, y)}; throws if it lies outside the mesh. */
    public int core(int x, int y) {
        if (x < 0 || x >= width) {
            throw new IllegalArgumentException("x must be in [0, " + (width - 1) + "], got " + x);
        }
        if (y < 0 || y >= height) {
            throw new IllegalArgumentException("y must be in [0, " + (height - 1) + "], got " + y);
        }
        return y * width + x;
    }

    /** Column of a core. */
    public int x(int core) {
        return checkCore("core", core) % width;
    }

    /** Row of a core. */
    public int y(int core) {
        return checkCore("core", core) / width;
    }

    /** The neighbour reached through {@code port}, or −1 if that port leads off the mesh (LOCAL gives the core itself). */
    public int neighbor(int core, Port port) {
        int x = x(core) + port.dx();
        int y = y(core) + port.dy();
        if (x < 0 || x >= width || y < 0 || y >= height) {
            return -1;
        }
        return y * width + x;
    }

    /** Manhattan distance |Δx| + |Δy| between two cores: the hop count of a dimension-order route. */
    public int manhattan(int a, int b) {
        return Math.abs(x(a) - x(b)) + Math.abs(y(a) - y(b));
    }

    /** Requires {@code 0 ≤ core < cores()}; returns it. The message names {@code name}. */
    public int checkCore(String name, int core) {
        if (core < 0 || core >= width * height) {
            throw new IllegalArgumentException(name + " must be a core of the " + width + "×" + height
                    + " mesh, in [0, " + (width * height - 1) + "], got " + core);
        }
        return core;
    }
}
