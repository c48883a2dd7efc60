package dev.kirchhoff.tiling.noc;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * SpiNNaker-style multicast routing tables, one per router of a mesh (Furber et al., "The
 * SpiNNaker project", Proc. IEEE 102(5), 2014, doi:10.1109/JPROC.2014.2304638).
 *
 * <p>An entry {@code (value, mask, ports)} matches a packet's routing key {@code k} when
 * <pre>
 *   (k &amp; mask) == value
 * </pre>
 * Entries are searched in the order they were added; the first match wins and the packet is
 * copied to every port in {@code ports} (a {@link Port} bit mask that may include
 * {@link Port#LOCAL}). A key that matches no entry follows SpiNNaker's default route: a packet
 * that arrived over a link leaves through the opposite link (it goes straight on); a packet
 * injected by the local core, or one whose straight-on link would leave the mesh, is dropped and
 * counted as {@link DropReason#NO_ROUTE}.
 *
 * <p>This is a mutable builder; {@link AerMesh#multicast} copies it, so later additions do not
 * affect a mesh already built.
 */
public final class MulticastTable {
    /** Entries per router on SpiNNaker 1 (MODELS.md §7). */
    public static final int DEFAULT_ENTRIES_PER_ROUTER = 1024;

    private final MeshTopology mesh;
    private final int entriesPerRouter;
    /** Per router: value, mask, ports of each entry, three ints per entry, in match order. */
    private final int[][] entries;
    private final int[] sizes;

    /** Empty tables with {@link #DEFAULT_ENTRIES_PER_ROUTER} entries per router. */
    public MulticastTable(MeshTopology mesh) {
        this(mesh, DEFAULT_ENTRIES_PER_ROUTER);
    }

    /** Empty tables with room for {@code entriesPerRouter} (&gt; 0) entries per router. */
    public MulticastTable(MeshTopology mesh, int entriesPerRouter) {
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        this.entriesPerRouter = Checks.positive("entriesPerRouter", entriesPerRouter);
        this.entries = new int[mesh.cores()][];
        this.sizes = new int[mesh.cores()];
    }

    /** The mesh these tables belong to. */
    public MeshTopology mesh() {
        return mesh;
    }

    /** Capacity of each router's table. */
    public int entriesPerRouter() {
        return entriesPerRouter;
    }

    /**
     * Appends an entry to {@code core}'s table (it has lower priority than every entry already
     * there).
     *
     * @param core  the router
     * @param value the key bits that must match; may have no bit outside {@code mask} (such an
     *              entry could never match)
     * @param mask  the key bits compared
     * @param ports output port set ({@link Port#mask}); non-empty, and no port may lead off the mesh
     * @return this table
     * @throws IllegalArgumentException naming the parameter and value when the core is outside the
     *                                  mesh, the table is full, the port set is empty or invalid or
     *                                  leads off the mesh, or {@code value} has bits outside {@code mask}
     */
    public MulticastTable add(int core, int value, int mask, int ports) {
        mesh.checkCore("core", core);
        if (sizes[core] >= entriesPerRouter) {
            throw new IllegalArgumentException("core " + core + " already holds entriesPerRouter = " + entriesPerRouter
                    + " entries, cannot add value " + value);
        }
        if (ports <= 0 || ports >= (1 << Port.COUNT)) {
            throw new IllegalArgumentException("ports must be a non-empty Port bit mask in [1, 31], got " + ports);
        }
        for (int p = 1; p < Port.COUNT; p++) {
            if ((ports & (1 << p)) != 0 && mesh.neighbor(core, Port.of(p)) < 0) {
                throw new IllegalArgumentException("ports " + ports + " of core " + core + " include " + Port.of(p)
                        + ", which leads off the " + mesh.width() + "×" + mesh.height() + " mesh");
            }
        }
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("value must have no bits outside mask " + Integer.toHexString(mask)
                    + ", got " + Integer.toHexString(value));
        }
        int n = sizes[core];
        int[] e = entries[core];
        if (e == null) {
            e = new int[3 * 4];
        } else if (3 * n == e.length) {
            e = Arrays.copyOf(e, 2 * e.length);
        }
        e[3 * n] = value;
        e[3 * n + 1] = mask;
        e[3 * n + 2] = ports;
        entries[core] = e;
        sizes[core] = n + 1;
        return this;
    }

    /** Number of entries in {@code core}'s table. */
    public int entries(int core) {
        return sizes[mesh.checkCore("core", core)];
    }

    /**
     * The port set of the first entry of {@code core}'s table that matches {@code key}, or −1 when
     * none matches (the default route then applies).
     */
    public int lookup(int core, int key) {
        int[] e = entries[mesh.checkCore("core", core)];
        for (int i = 0, n = sizes[core]; i < n; i++) {
            if ((key & e[3 * i + 1]) == e[3 * i]) {
                return e[3 * i + 2];
            }
        }
        return -1;
    }

    /**
     * Copies all tables into compressed rows: entries of core {@code c} are at
     * {@code [start[c], start[c+1])} of {@code values}, {@code masks}, {@code ports}. Returns
     * {@code {start, values, masks, ports}}.
     */
    int[][] compress() {
        int n = sizes.length;
        int[] start = new int[n + 1];
        for (int c = 0; c < n; c++) {
            start[c + 1] = start[c] + sizes[c];
        }
        int total = start[n];
        int[] values = new int[total];
        int[] masks = new int[total];
        int[] ports = new int[total];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                values[start[c] + i] = entries[c][3 * i];
                masks[start[c] + i] = entries[c][3 * i + 1];
                ports[start[c] + i] = entries[c][3 * i + 2];
            }
        }
        return new int[][] {start, values, masks, ports};
    }
}
