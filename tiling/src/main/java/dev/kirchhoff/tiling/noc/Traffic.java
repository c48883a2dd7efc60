package dev.kirchhoff.tiling.noc;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Synthetic traffic patterns for X-Y meshes (the usual network-on-chip test loads, e.g. Dally
 * and Towles, "Principles and Practices of Interconnection Networks", Morgan Kaufmann, 2004).
 */
public final class Traffic {
    private Traffic() {
    }

    /**
     * Uniform random traffic: every core injects {@code packetsPerCore} packets, each to a
     * destination drawn uniformly from the other cores ({@code rng.nextInt(cores − 1)}, shifted
     * past the source), with neuron address {@code 0, 1, …} per core. Same seed, same packets.
     *
     * @param mesh           an X-Y mesh with at least two cores; modified (packets injected)
     * @param packetsPerCore packets per core (≥ 0)
     * @param timeStep       time step written into every packet (≥ 0)
     * @param rng            source of the destinations
     */
    public static void uniformRandom(AerMesh mesh, int packetsPerCore, int timeStep, UniformRandomProvider rng) {
        int cores = requireXy(mesh).mesh().cores();
        Checks.nonNegative("packetsPerCore", packetsPerCore);
        if (cores < 2) {
            throw new IllegalArgumentException("uniform random traffic needs at least 2 cores, got " + cores);
        }
        for (int j = 0; j < packetsPerCore; j++) {
            for (int c = 0; c < cores; c++) {
                int d = rng.nextInt(cores - 1);
                mesh.inject(c, d >= c ? d + 1 : d, j, timeStep);
            }
        }
    }

    /**
     * Hot spot (all-to-one): every core except {@code destination} injects {@code packetsPerCore}
     * packets to {@code destination}.
     *
     * @param mesh an X-Y mesh; modified (packets injected)
     */
    public static void hotSpot(AerMesh mesh, int destination, int packetsPerCore, int timeStep) {
        int cores = requireXy(mesh).mesh().cores();
        mesh.mesh().checkCore("destination", destination);
        Checks.nonNegative("packetsPerCore", packetsPerCore);
        for (int j = 0; j < packetsPerCore; j++) {
            for (int c = 0; c < cores; c++) {
                if (c != destination) {
                    mesh.inject(c, destination, j, timeStep);
                }
            }
        }
    }

    private static AerMesh requireXy(AerMesh mesh) {
        if (mesh.isMulticast()) {
            throw new IllegalArgumentException("mesh must use X-Y routing (destination cores), got a multicast mesh");
        }
        return mesh;
    }
}
