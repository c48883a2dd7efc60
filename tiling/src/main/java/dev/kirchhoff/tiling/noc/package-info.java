/**
 * Address-event packets on a 2-D mesh network-on-chip (MODELS.md §7): X-Y dimension-order
 * routing as on Loihi, SpiNNaker-style multicast key/mask tables, per-hop energy and latency,
 * finite input FIFOs, link bandwidth, and backpressure or timeout-then-drop congestion, with
 * every copy counted ({@code sent = delivered + dropped}). Start at {@link dev.kirchhoff.tiling.noc.AerMesh}.
 */
package dev.kirchhoff.tiling.noc;
