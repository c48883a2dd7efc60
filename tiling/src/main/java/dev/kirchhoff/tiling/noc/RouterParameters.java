package dev.kirchhoff.tiling.noc;

import dev.kirchhoff.device.Checks;
import java.util.Objects;

/**
 * Timing, energy, buffering and congestion policy of every router of an {@link AerMesh}.
 *
 * <p>Energy of one time step (exact sums over counted events):
 * <pre>
 *   E = injected·injectionJoules + hopsEastWest·hopEastWestJoules + hopsNorthSouth·hopNorthSouthJoules
 * </pre>
 * Latency of one delivered packet copy that crossed {@code h_EW} east/west and {@code h_NS}
 * north/south links and was delivered in router cycle {@code k} (all packets of a step are
 * ready at cycle 0; an unhindered packet moves one hop per cycle, so {@code k − h} is the
 * number of cycles it spent waiting for a FIFO, a link or its turn to be injected):
 * <pre>
 *   t = h_EW·hopEastWestSeconds + h_NS·hopNorthSouthSeconds + (k − h_EW − h_NS)·cycleSeconds
 * </pre>
 * so an uncongested packet's latency is exactly the sum of its per-hop latencies.
 *
 * <p>Defaults ({@link #LOIHI}): hop and injection figures from Loihi's SPICE estimates (Davies
 * et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning", IEEE Micro 38(1),
 * 2018, doi:10.1109/MM.2018.112130359) as tabulated in SANA-FE's {@code arch/loihi.yaml}: hop
 * E/W 3.0 pJ and 4.1 ns, hop N/S 4.2 pJ and 6.5 ns, spike out 69.3 pJ; 16-packet link buffers
 * ({@code link_buffer_size: 16} in the same file). Not from a publication, our choices: a router
 * cycle of 6.5 ns (the slower link, so one hop per cycle is physically possible on every link),
 * one packet per link per cycle, backpressure, a 64-cycle drop timeout (used only under DROP)
 * and a guard of 2²⁴ cycles per step.
 *
 * @param hopEastWestJoules    energy of one packet crossing an east or west link (J, ≥ 0)
 * @param hopEastWestSeconds   latency of that hop (s, ≥ 0)
 * @param hopNorthSouthJoules  energy of one packet crossing a north or south link (J, ≥ 0)
 * @param hopNorthSouthSeconds latency of that hop (s, ≥ 0)
 * @param injectionJoules      energy of sending one spike packet out of a core (J, ≥ 0)
 * @param cycleSeconds         duration of one router cycle, charged for every cycle a packet waits (s, &gt; 0)
 * @param linkPacketsPerCycle  bandwidth: packets each output link (and each input FIFO, and the
 *                             delivery port) can move per router cycle (&gt; 0)
 * @param fifoPackets          capacity of each input FIFO, five per router (&gt; 0)
 * @param policy               what happens when the next FIFO is full
 * @param dropTimeoutCycles    under DROP, a packet blocked at a FIFO head for more than this many
 *                             cycles is dropped (≥ 0; 0 drops at the first blocked cycle)
 * @param maxCyclesPerStep     guard against routing loops in hand-written multicast tables: a
 *                             step that needs more cycles throws {@link IllegalStateException} (&gt; 0)
 */
public record RouterParameters(double hopEastWestJoules, double hopEastWestSeconds, double hopNorthSouthJoules,
        double hopNorthSouthSeconds, double injectionJoules, double cycleSeconds, int linkPacketsPerCycle,
        int fifoPackets, CongestionPolicy policy, int dropTimeoutCycles, int maxCyclesPerStep) {

    /** Loihi figures (see the class comment), backpressure, 16-packet FIFOs, one packet per link per cycle. */
    public static final RouterParameters LOIHI = new RouterParameters(3.0e-12, 4.1e-9, 4.2e-12, 6.5e-9, 69.3e-12,
            6.5e-9, 1, 16, CongestionPolicy.BACKPRESSURE, 64, 1 << 24);

    public RouterParameters {
        Checks.nonNegative("hopEastWestJoules", hopEastWestJoules);
        Checks.nonNegative("hopEastWestSeconds", hopEastWestSeconds);
        Checks.nonNegative("hopNorthSouthJoules", hopNorthSouthJoules);
        Checks.nonNegative("hopNorthSouthSeconds", hopNorthSouthSeconds);
        Checks.nonNegative("injectionJoules", injectionJoules);
        Checks.positive("cycleSeconds", cycleSeconds);
        Checks.positive("linkPacketsPerCycle", linkPacketsPerCycle);
        Checks.positive("fifoPackets", fifoPackets);
        Objects.requireNonNull(policy, "policy");
        Checks.nonNegative("dropTimeoutCycles", dropTimeoutCycles);
        Checks.positive("maxCyclesPerStep", maxCyclesPerStep);
    }

    /** Copy with another E/W hop energy (J). */
    public RouterParameters withHopEastWestJoules(double v) {
        return new RouterParameters(v, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds, injectionJoules,
                cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another E/W hop latency (s). */
    public RouterParameters withHopEastWestSeconds(double v) {
        return new RouterParameters(hopEastWestJoules, v, hopNorthSouthJoules, hopNorthSouthSeconds, injectionJoules,
                cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another N/S hop energy (J). */
    public RouterParameters withHopNorthSouthJoules(double v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, v, hopNorthSouthSeconds, injectionJoules,
                cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another N/S hop latency (s). */
    public RouterParameters withHopNorthSouthSeconds(double v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, v, injectionJoules,
                cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another injection (spike out) energy (J). */
    public RouterParameters withInjectionJoules(double v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds, v,
                cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another router cycle (s). */
    public RouterParameters withCycleSeconds(double v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, v, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another link bandwidth (packets per link per cycle). */
    public RouterParameters withLinkPacketsPerCycle(int v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, cycleSeconds, v, fifoPackets, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another FIFO capacity (packets). */
    public RouterParameters withFifoPackets(int v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, cycleSeconds, linkPacketsPerCycle, v, policy, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another congestion policy. */
    public RouterParameters withPolicy(CongestionPolicy v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, cycleSeconds, linkPacketsPerCycle, fifoPackets, v, dropTimeoutCycles, maxCyclesPerStep);
    }

    /** Copy with another drop timeout (cycles). */
    public RouterParameters withDropTimeoutCycles(int v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, v, maxCyclesPerStep);
    }

    /** Copy with another cycle guard per step. */
    public RouterParameters withMaxCyclesPerStep(int v) {
        return new RouterParameters(hopEastWestJoules, hopEastWestSeconds, hopNorthSouthJoules, hopNorthSouthSeconds,
                injectionJoules, cycleSeconds, linkPacketsPerCycle, fifoPackets, policy, dropTimeoutCycles, v);
    }
}
