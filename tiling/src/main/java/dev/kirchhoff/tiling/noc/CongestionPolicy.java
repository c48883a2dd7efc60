package dev.kirchhoff.tiling.noc;

/**
 * What a router does with a packet whose next FIFO is full (or whose output link has used its
 * bandwidth for this cycle).
 */
public enum CongestionPolicy {
    /**
     * The packet waits at the head of its input FIFO until the next FIFO has room; nothing is
     * ever dropped for congestion and the time step stretches instead (Loihi's mesh is
     * flow-controlled this way). With X-Y routing this cannot deadlock; the argument is in
     * {@link AerMesh}.
     */
    BACKPRESSURE,
    /**
     * SpiNNaker style: a packet blocked at the head of its FIFO for more than
     * {@link RouterParameters#dropTimeoutCycles()} router cycles is dropped and counted per
     * router under {@link DropReason#TIMEOUT} (Furber et al., "The SpiNNaker project",
     * Proc. IEEE 102(5), 2014, doi:10.1109/JPROC.2014.2304638).
     */
    DROP
}
