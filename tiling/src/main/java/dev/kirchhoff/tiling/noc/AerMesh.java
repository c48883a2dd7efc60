package dev.kirchhoff.tiling.noc;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cycle-level simulator of address-event packets on a {@code width × height} mesh of routers
 * with five ports each ({@link Port}), finite input FIFOs, a link bandwidth and a congestion
 * policy (MODELS.md §7).
 *
 * <h2>Use</h2>
 * Per time step: {@link #inject} a batch of packets (source core, destination core or multicast
 * key, neuron address, time step, payload), then {@link #runStep()} runs router cycles until
 * every copy is delivered or dropped and returns a {@link StepReport}. The deliveries of the last
 * step ({@link #deliveredCount()}, {@link #deliveredCore(int)}, …) stay readable until the next
 * {@code inject} or {@code runStep} (a {@code runStep} with nothing injected runs an empty step).
 * Not thread-safe: one mesh per thread.
 *
 * <h2>Routing</h2>
 * {@link #xy} meshes route by dimension order (Loihi; Davies et al., IEEE Micro 38(1), 2018,
 * doi:10.1109/MM.2018.112130359): along x to the destination column, then along y, then out of
 * the LOCAL port; a route crosses exactly {@code |Δx| + |Δy|} links. {@link #multicast} meshes
 * route by per-router key/mask tables, first match wins, with SpiNNaker's default route
 * ({@link MulticastTable}).
 *
 * <h2>One router cycle</h2>
 * <ol>
 *   <li>Each core moves up to {@code linkPacketsPerCycle} waiting packets of its batch into its
 *   LOCAL input FIFO while that FIFO has room (packets wait in the core, in injection order,
 *   until then; they are never dropped there).</li>
 *   <li>Routers are visited in index order; each serves its non-empty input FIFOs round-robin,
 *   starting at port {@code (cycle + core) mod 5}. An input FIFO forwards up to
 *   {@code linkPacketsPerCycle} head packets; a head moves to output port {@code o} if link
 *   {@code o} still has bandwidth this cycle and the neighbour's input FIFO has room (the LOCAL
 *   output always has room: cores absorb deliveries, at {@code linkPacketsPerCycle} per cycle).
 *   A packet that arrived in this cycle waits for the next one, so a packet crosses at most one
 *   link per cycle. A multicast head is copied to its ports as they become free; it leaves its
 *   FIFO once all are served.</li>
 *   <li>A head that could not leave is blocked for the cycle. Under
 *   {@link CongestionPolicy#DROP}, a head blocked for more than {@code dropTimeoutCycles} cycles
 *   is dropped; each of its unserved copies counts as one {@link DropReason#TIMEOUT} drop at
 *   that router.</li>
 * </ol>
 * Room freed in a FIFO earlier in a cycle is usable later in the same cycle; the fixed visiting
 * order makes the simulation deterministic (no randomness is involved).
 *
 * <h2>Why X-Y routing with backpressure cannot deadlock</h2>
 * (The channel-ordering argument of Dally and Seitz, "Deadlock-free message routing in
 * multiprocessor interconnection networks", IEEE Trans. Computers C-36(5), 1987,
 * doi:10.1109/TC.1987.1676939.) Rank the input FIFOs: LOCAL injection FIFOs lowest; then
 * FIFOs of eastbound packets (the WEST input port) by increasing x, of westbound packets (EAST
 * input) by decreasing x; then northbound (SOUTH input) by increasing y, southbound (NORTH input)
 * by decreasing y. A packet in an X-Y route only ever asks for a FIFO of strictly higher rank
 * (it never turns from y back to x, nor reverses), or for delivery, which always has room. Take
 * the non-empty FIFO of highest rank: the FIFO its head wants is empty (or it is a delivery), so
 * that head moves within a cycle, unless its link's bandwidth went to another packet in this cycle,
 * which is also progress. Every cycle therefore moves a packet; each packet has finitely many hops
 * left, so every step ends with everything delivered. The code checks this: under
 * BACKPRESSURE a cycle in which nothing moves while packets remain throws
 * {@link IllegalStateException} (it can only happen with cyclic multicast tables, which do not
 * have this ordering), as does a step longer than {@code maxCyclesPerStep} (routing loops).
 *
 * <h2>Data layout</h2>
 * Packets of a batch live in parallel primitive arrays indexed by packet number; a FIFO slot holds
 * one packed {@code long}: the packet number in bits 0–31 and, on X-Y meshes, the destination's x
 * and y in bits 32–47 and 48–63 (an X-Y route crosses exactly |Δx| and |Δy| links, so hops need not
 * be counted), on multicast meshes the copy's east/west and north/south hops. Multicast copies share
 * the packet number. The cycle a copy arrived is kept only where a FIFO can move more than its
 * first head in a cycle (multicast meshes, or more than one packet per link per cycle).
 * FIFOs are fixed ring buffers of {@code fifoPackets} slots, five per router, allocated once.
 * Nothing is allocated per packet or per cycle (per step: the report's three arrays); the batch and
 * delivery arrays grow by doubling. Deliveries are recorded with their cycle, and their latencies
 * computed after the step. A bit mask of non-empty FIFOs per router, a list of cores still
 * injecting and per-link use counters stamped with the cycle ({@code cycle·B + used}, so no
 * per-cycle reset; on X-Y meshes with {@code B = 1} a bit mask of taken links local to the router's
 * visit) mean a cycle reads one int per router and otherwise works only on the FIFOs that hold
 * packets. A FIFO that receives its first packet in a cycle is not visited before the next cycle
 * (its head could not move before; see {@code routerFifoMask}). The X-Y visit decides with few
 * data-dependent branches (mask bits are set and cleared with arithmetic, a delivery is written
 * like a forward into a sink FIFO that stays empty): on random traffic those branches are
 * unpredictable, and removing them gained more than removing loads (docs/performance.md).
 */
public final class AerMesh {
    private static final long EW_HOP = 1L << 32;
    private static final long NS_HOP = 1L << 48;
    /** Added to a packed entry when it leaves through port o: one hop in the right 16-bit field. */
    private static final long[] HOP_INCREMENT = {0, NS_HOP, EW_HOP, NS_HOP, EW_HOP};
    /**
     * X-Y output port by {@code 3·signum(Δx) + signum(Δy) + 4}: any Δx ≠ 0 goes along x first
     * (WEST or EAST), then Δy picks SOUTH, LOCAL or NORTH.
     */
    private static final int[] XY_PORT = {
        Port.WEST.ordinal(), Port.WEST.ordinal(), Port.WEST.ordinal(),
        Port.SOUTH.ordinal(), Port.LOCAL.ordinal(), Port.NORTH.ordinal(),
        Port.EAST.ordinal(), Port.EAST.ordinal(), Port.EAST.ordinal()};
    private static final int HOP_MAX = 0xFFFF;
    private static final int P = Port.COUNT;
    private static final int ALL_PORTS = (1 << P) - 1;
    /**
     * Bit index set in the receiving router's {@link #routerFifoMask} word when a packet leaving
     * through output o is the first in the neighbour's input FIFO (port {@code opposite(o)}): north
     * and east neighbours have higher indices, are visited later in the same pass and take the
     * deferred bit {@code 5 + port}; south and west neighbours were already visited and take bit
     * {@code port}.
     */
    private static final int[] ARRIVAL_SHIFT = {
        0, P + Port.SOUTH.ordinal(), P + Port.WEST.ordinal(), Port.NORTH.ordinal(), Port.EAST.ordinal()};
    private static final int EAST = Port.EAST.ordinal();
    private static final int WEST = Port.WEST.ordinal();

    private final MeshTopology mesh;
    private final RouterParameters params;
    private final int cores;
    private final int cap;
    private final boolean tableRouting;
    private final int[] tableStart;
    private final int[] tableValue;
    private final int[] tableMask;
    private final int[] tablePorts;
    private final int[] coreX;
    private final int[] coreY;
    /**
     * Input FIFO reached through output {@code core·5 + port}, −1 off the mesh. LOCAL leads to the
     * delivery sink, FIFO {@code cores·5}: an X-Y visit writes a delivered copy there like a
     * forwarded one and leaves the sink's count at 0, so delivering takes no branch of its own.
     */
    private final int[] neighborFifo;
    /**
     * Router reached through output {@code core·5 + port}, −1 off the mesh; for LOCAL {@code cores},
     * a mask word no router reads.
     */
    private final int[] neighborRouter;

    /**
     * The packed copy in each FIFO slot: packet number in bits 0–31; then, on X-Y meshes, the
     * destination's x in bits 32–47 and y in 48–63, or, on multicast meshes, the copy's east/west hops
     * in bits 32–47 and north/south hops in 48–63.
     */
    private final long[] slotEntry;
    /**
     * Cycle in which the copy in each slot arrived. Null on X-Y meshes with one packet per link per
     * cycle: there a FIFO moves at most its first head in a cycle, and that head always arrived in
     * an earlier cycle (see {@link #routerFifoMask}).
     */
    private final int[] slotArrival;
    /** Per FIFO (the delivery sink last): slot of the head, relative to the FIFO's first slot. */
    private final int[] fifoHead;
    /** Per FIFO (the delivery sink last, always 0): packets held. */
    private final int[] fifoCount;
    /** Per FIFO (the delivery sink last): peak count in the current step, copied into the report. */
    private final int[] fifoPeak;
    /** Output ports still to serve for each FIFO's head; −1 until the head is routed. */
    private final int[] headPorts;
    private final int[] headBlocked;
    /**
     * Per output: {@code cycle·bandwidth + packets sent in that cycle}, for the last cycle it was
     * used; the link has bandwidth left in cycle k while {@code max(value, k·B) < (k+1)·B}. Null on
     * X-Y meshes with one packet per link per cycle, where a bit mask local to the router's visit
     * (the only one that uses its outputs in a cycle) says which links are taken.
     */
    private final long[] outUsed;
    /** Cores that still hold packets not yet injected, compacted as they empty. */
    private final int[] pendingCores;
    /**
     * Per router, bit p (0–4) set when input FIFO p is non-empty and its head arrived before the
     * current cycle: routers visit only those FIFOs, so the first head of a visited FIFO can always
     * move in this cycle. A FIFO whose first packet comes from a router visited earlier in the pass
     * (the south or west neighbour, lower index) sets bit {@code 5 + p} instead, moved down to bit p
     * when its own router is visited: its head is too young to move in this cycle, so no visit is
     * spent on it. A first packet from a router visited later in the pass (north or east neighbour)
     * sets bit p directly, as does an injection (injected packets may move at once).
     */
    private final int[] routerFifoMask;

    private int batchSize;
    private int[] packetSource = new int[16];
    private int[] packetKey = new int[16];
    private int[] packetNeuron = new int[16];
    private int[] packetTimeStep = new int[16];
    private long[] packetPayload = new long[16];
    private int[] sourceOrder = new int[16];
    private final int[] sourceStart;
    private final int[] sourceNext;

    private int deliveredCount;
    private int[] deliveredCore = new int[16];
    private int[] deliveredPacket = new int[16];
    /** Router cycle of each delivery; the latencies are computed from it after the step. */
    private int[] deliveredCycle = new int[16];
    /** Multicast meshes: hops of each delivered copy, {@code h_EW | h_NS << 16}; null on X-Y meshes. */
    private int[] deliveredHops;
    private double[] deliveredLatency = new double[16];
    private boolean stepRun;
    // Counters of the step being run, shared by runStep and routerPass.
    private long stepSent;
    private long stepDelivered;
    private long stepDroppedTimeout;
    private long stepDroppedNoRoute;
    private int stepInFlight;

    private AerMesh(MeshTopology mesh, RouterParameters params, MulticastTable table) {
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        this.params = Objects.requireNonNull(params, "params");
        this.cores = mesh.cores();
        this.cap = params.fifoPackets();
        long slots = (long) cores * P * cap;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("fifoPackets must keep cores·5·fifoPackets within an int array, got "
                    + cap + " for " + cores + " cores");
        }
        this.tableRouting = table != null;
        if (tableRouting) {
            if (!table.mesh().equals(mesh)) {
                throw new IllegalArgumentException("table must belong to the " + mesh.width() + "×" + mesh.height()
                        + " mesh, got one for " + table.mesh().width() + "×" + table.mesh().height());
            }
            int[][] t = table.compress();
            tableStart = t[0];
            tableValue = t[1];
            tableMask = t[2];
            tablePorts = t[3];
        } else {
            tableStart = tableValue = tableMask = tablePorts = null;
        }
        coreX = new int[cores];
        coreY = new int[cores];
        neighborFifo = new int[cores * P];
        neighborRouter = new int[cores * P];
        for (int c = 0; c < cores; c++) {
            coreX[c] = c % mesh.width();
            coreY[c] = c / mesh.width();
            neighborFifo[c * P] = cores * P;
            neighborRouter[c * P] = cores;
            for (int o = 1; o < P; o++) {
                Port port = Port.of(o);
                int nb = mesh.neighbor(c, port);
                neighborFifo[c * P + o] = nb < 0 ? -1 : nb * P + port.opposite().ordinal();
                neighborRouter[c * P + o] = nb;
            }
        }
        // One more slot, FIFO and mask word: the delivery sink's (see neighborFifo).
        slotEntry = new long[(int) slots + 1];
        slotArrival = tableRouting || params.linkPacketsPerCycle() > 1 ? new int[(int) slots + 1] : null;
        deliveredHops = tableRouting ? new int[deliveredCore.length] : null;
        fifoHead = new int[cores * P + 1];
        fifoCount = new int[cores * P + 1];
        fifoPeak = new int[cores * P + 1];
        headPorts = new int[cores * P];
        headBlocked = new int[cores * P];
        outUsed = tableRouting || params.linkPacketsPerCycle() > 1 ? new long[cores * P] : null;
        pendingCores = new int[cores];
        routerFifoMask = new int[cores + 1];
        sourceStart = new int[cores + 1];
        sourceNext = new int[cores];
    }

    /** A mesh with dimension-order X-Y routing; packets carry a destination core. */
    public static AerMesh xy(MeshTopology mesh, RouterParameters params) {
        return new AerMesh(mesh, params, null);
    }

    /**
     * A mesh routed by multicast key/mask tables (copied now); packets carry a routing key.
     *
     * @throws IllegalArgumentException if {@code table} belongs to another mesh
     */
    public static AerMesh multicast(MeshTopology mesh, RouterParameters params, MulticastTable table) {
        return new AerMesh(mesh, params, Objects.requireNonNull(table, "table"));
    }

    /** The mesh. */
    public MeshTopology mesh() {
        return mesh;
    }

    /** The router parameters. */
    public RouterParameters parameters() {
        return params;
    }

    /** True for table (multicast) routing, false for X-Y. */
    public boolean isMulticast() {
        return tableRouting;
    }

    /** Packets injected for the coming step. */
    public int injectedCount() {
        return stepRun ? 0 : batchSize;
    }

    /** {@link #inject(int, int, int, int, long)} without payload (0). */
    public void inject(int sourceCore, int destinationOrKey, int neuronAddress, int timeStep) {
        inject(sourceCore, destinationOrKey, neuronAddress, timeStep, 0L);
    }

    /**
     * Adds one packet to the coming step's batch. The first call after {@link #runStep()} starts a
     * new batch and forgets the previous step's deliveries.
     *
     * @param sourceCore       injecting core
     * @param destinationOrKey destination core (X-Y routing; must lie in the mesh) or routing key (multicast, any int)
     * @param neuronAddress    address of the spiking neuron in its core (≥ 0)
     * @param timeStep         the time step the spike belongs to (≥ 0)
     * @param payload          optional payload (e.g. a graded spike value), carried unchanged
     * @throws IllegalArgumentException naming the parameter and value if one is out of range
     */
    public void inject(int sourceCore, int destinationOrKey, int neuronAddress, int timeStep, long payload) {
        mesh.checkCore("sourceCore", sourceCore);
        if (!tableRouting) {
            mesh.checkCore("destination", destinationOrKey);
        }
        Checks.nonNegative("neuronAddress", neuronAddress);
        Checks.nonNegative("timeStep", timeStep);
        if (stepRun) {
            batchSize = 0;
            deliveredCount = 0;
            stepRun = false;
        }
        int i = batchSize;
        if (i == packetSource.length) {
            int n = 2 * i;
            packetSource = Arrays.copyOf(packetSource, n);
            packetKey = Arrays.copyOf(packetKey, n);
            packetNeuron = Arrays.copyOf(packetNeuron, n);
            packetTimeStep = Arrays.copyOf(packetTimeStep, n);
            packetPayload = Arrays.copyOf(packetPayload, n);
            sourceOrder = Arrays.copyOf(sourceOrder, n);
        }
        packetSource[i] = sourceCore;
        packetKey[i] = destinationOrKey;
        packetNeuron[i] = neuronAddress;
        packetTimeStep[i] = timeStep;
        packetPayload[i] = payload;
        batchSize = i + 1;
    }

    /**
     * Runs router cycles until every copy of the injected batch is delivered or dropped.
     *
     * @return the step's counters; {@code sent = delivered + dropped} holds (checked here)
     * @throws IllegalStateException if the routes deadlock under backpressure or the step exceeds
     *                               {@code maxCyclesPerStep} or a copy's hop counter (only possible
     *                               with cyclic multicast tables)
     */
    public StepReport runStep() {
        if (stepRun) {
            batchSize = 0;
            deliveredCount = 0;
        }
        stepRun = true;
        final int n = batchSize;
        final int cores = this.cores;
        final int cap = this.cap;
        final int bandwidth = params.linkPacketsPerCycle();
        final boolean drop = params.policy() == CongestionPolicy.DROP;
        final int maxCycles = params.maxCyclesPerStep();
        final long[] slotEntry = this.slotEntry;
        final int[] slotArrival = this.slotArrival;
        final int[] fifoHead = this.fifoHead;
        final int[] fifoCount = this.fifoCount;
        final int[] pendingCores = this.pendingCores;
        final int[] routerFifoMask = this.routerFifoMask;
        final int[] sourceStart = this.sourceStart;
        final int[] sourceNext = this.sourceNext;
        final int[] sourceOrder = this.sourceOrder;
        final int[] packetKey = this.packetKey;
        final int[] coreX = this.coreX;
        final int[] coreY = this.coreY;

        // The core-side queues: packet numbers sorted by source, injection order kept (counting sort).
        Arrays.fill(sourceStart, 0);
        for (int i = 0; i < n; i++) {
            sourceStart[packetSource[i] + 1]++;
        }
        for (int c = 0; c < cores; c++) {
            sourceStart[c + 1] += sourceStart[c];
        }
        System.arraycopy(sourceStart, 0, sourceNext, 0, cores);
        for (int i = 0; i < n; i++) {
            sourceOrder[sourceNext[packetSource[i]]++] = i;
        }
        System.arraycopy(sourceStart, 0, sourceNext, 0, cores);
        if (!tableRouting && deliveredPacket.length < n) {
            // X-Y delivers each packet at most once: room for all deliveries, so the pass checks none.
            growDeliveries(n);
        }

        Arrays.fill(fifoHead, 0);
        Arrays.fill(fifoCount, 0);
        Arrays.fill(headPorts, -1);
        Arrays.fill(headBlocked, 0);
        Arrays.fill(routerFifoMask, 0);
        if (outUsed != null) {
            Arrays.fill(outUsed, 0);
        }
        int pendingCoreCount = 0;
        for (int c = 0; c < cores; c++) {
            if (sourceStart[c + 1] > sourceStart[c]) {
                pendingCores[pendingCoreCount++] = c;
            }
        }
        final int[] peak = this.fifoPeak;
        Arrays.fill(peak, 0);
        final long[] linkPackets = new long[cores * P];
        final long[] droppedByRouter = new long[DropReason.COUNT * cores];

        stepSent = n;
        stepDelivered = 0;
        stepDroppedTimeout = 0;
        stepDroppedNoRoute = 0;
        stepInFlight = 0;
        int pending = n;
        int k = 0;
        while (pending > 0 || stepInFlight > 0) {
            final long kB = (long) k * bandwidth;
            if (k >= maxCycles) {
                throw new IllegalStateException("step needs more than maxCyclesPerStep = " + maxCycles
                        + " cycles (" + stepInFlight + " copies in flight): a routing loop?");
            }
            boolean progress = false;
            if (pending > 0) {
                int kept = 0;
                for (int j = 0; j < pendingCoreCount; j++) {
                    final int c = pendingCores[j];
                    int f = c * P;
                    int end = sourceStart[c + 1];
                    for (int b = bandwidth; b > 0 && sourceNext[c] < end && fifoCount[f] < cap; b--) {
                        int t = fifoHead[f] + fifoCount[f];
                        int slot = f * cap + (t >= cap ? t - cap : t);
                        final int packet = sourceOrder[sourceNext[c]++];
                        if (tableRouting) {
                            slotEntry[slot] = packet;
                        } else {
                            final int d = packetKey[packet];
                            slotEntry[slot] = packet | (long) coreX[d] << 32 | (long) coreY[d] << 48;
                        }
                        if (slotArrival != null) {
                            slotArrival[slot] = k - 1;
                        }
                        int count = ++fifoCount[f];
                        if (count > peak[f]) {
                            peak[f] = count;
                        }
                        routerFifoMask[c] |= 1;
                        pending--;
                        stepInFlight++;
                        progress = true;
                    }
                    if (sourceNext[c] < end) {
                        pendingCores[kept++] = c;
                    }
                }
                pendingCoreCount = kept;
            }
            progress |= tableRouting ? tablePass(k, kB, peak, linkPackets, droppedByRouter)
                    : xyPass(k, kB, peak, linkPackets, droppedByRouter);
            k++;
            if (!progress && !drop) {
                throw new IllegalStateException("deadlock under BACKPRESSURE at cycle " + (k - 1) + ": "
                        + stepInFlight + " copies in flight and " + pending
                        + " waiting in cores, none can move (cyclic multicast routes?)");
            }
        }
        final long sent = stepSent;
        final long delivered = stepDelivered;
        final long droppedTimeout = stepDroppedTimeout;
        final long droppedNoRoute = stepDroppedNoRoute;
        if (sent != delivered + droppedTimeout + droppedNoRoute) {
            throw new IllegalStateException("copy accounting broken: sent " + sent + " != delivered " + delivered
                    + " + dropped " + (droppedTimeout + droppedNoRoute));
        }
        final double latency = deliveryLatencies();
        long hopsEw = 0;
        long hopsNs = 0;
        for (int c = 0; c < cores; c++) {
            hopsEw += linkPackets[c * P + EAST] + linkPackets[c * P + WEST];
            hopsNs += linkPackets[c * P + Port.NORTH.ordinal()] + linkPackets[c * P + Port.SOUTH.ordinal()];
        }
        double energy = n * params.injectionJoules() + hopsEw * params.hopEastWestJoules()
                + hopsNs * params.hopNorthSouthJoules();
        return new StepReport(n, sent, delivered, droppedTimeout, droppedNoRoute, hopsEw, hopsNs, energy, latency, k,
                Arrays.copyOf(peak, cores * P), linkPackets, droppedByRouter);
    }

    /**
     * Fills {@code deliveredLatency} from the delivery records of the step:
     * {@code t = h_EW·hopEastWestSeconds + h_NS·hopNorthSouthSeconds + (k − h_EW − h_NS)·cycleSeconds},
     * with {@code k} the delivery cycle and the hop counts the copy carried (multicast) or, on an X-Y
     * mesh, {@code |Δx|} and {@code |Δy|} between source and destination, which is exactly what an
     * X-Y route crosses.
     *
     * @return the largest latency, 0 if nothing was delivered
     */
    private double deliveryLatencies() {
        final double tEw = params.hopEastWestSeconds();
        final double tNs = params.hopNorthSouthSeconds();
        final double tCycle = params.cycleSeconds();
        double latency = 0;
        for (int i = 0; i < deliveredCount; i++) {
            int ew;
            int ns;
            if (tableRouting) {
                ew = deliveredHops[i] & HOP_MAX;
                ns = deliveredHops[i] >>> 16;
            } else {
                int source = packetSource[deliveredPacket[i]];
                int core = deliveredCore[i];
                ew = Math.abs(coreX[source] - coreX[core]);
                ns = Math.abs(coreY[source] - coreY[core]);
            }
            double t = ew * tEw + ns * tNs + (deliveredCycle[i] - ew - ns) * tCycle;
            deliveredLatency[i] = t;
            if (t > latency) {
                latency = t;
            }
        }
        return latency;
    }

    /**
     * One router cycle's forwarding pass over every router of an X-Y mesh (step 2 and 3 of the class
     * comment). Updates the {@code step*} counters and the delivery records.
     *
     * @return true if any copy moved, was delivered or was dropped
     */
    private boolean xyPass(int k, long kB, int[] peak, long[] linkPackets, long[] droppedByRouter) {
        final int cores = this.cores;
        final int cap = this.cap;
        final int bandwidth = params.linkPacketsPerCycle();
        final boolean drop = params.policy() == CongestionPolicy.DROP;
        final int timeout = params.dropTimeoutCycles();
        final long[] slotEntry = this.slotEntry;
        final int[] slotArrival = this.slotArrival;
        final int[] fifoHead = this.fifoHead;
        final int[] fifoCount = this.fifoCount;
        final int[] headBlocked = this.headBlocked;
        final long[] outUsed = this.outUsed;
        final int[] neighborFifo = this.neighborFifo;
        final int[] neighborRouter = this.neighborRouter;
        final int[] routerFifoMask = this.routerFifoMask;
        final int[] coreX = this.coreX;
        final int[] coreY = this.coreY;
        final int[] deliveredCore = this.deliveredCore;
        final int[] deliveredPacket = this.deliveredPacket;
        final int[] deliveredCycle = this.deliveredCycle;
        final int timeoutBase = DropReason.TIMEOUT.ordinal() * cores;
        int deliveries = deliveredCount;
        long droppedTimeout = stepDroppedTimeout;
        int inFlight = stepInFlight;
        boolean progress = false;
        // (k + r) mod 5 kept incrementally: an integer division per router costs more than the visit's
        // other arithmetic.
        int nextFirst = k % P;
        for (int r = 0; r < cores; r++) {
            final int first = nextFirst;
            nextFirst = first == P - 1 ? 0 : first + 1;
            final int mask = routerFifoMask[r];
            if (mask == 0) {
                continue;
            }
            final int nonEmpty = mask & ALL_PORTS;
            // FIFOs filled earlier in this pass become visible from the next cycle on.
            int live = nonEmpty | mask >>> P;
            final int base = r * P;
            final int xr = coreX[r];
            final int yr = coreY[r];
            // Bit o set once output o has sent `bandwidth` packets in this cycle (only this visit uses it).
            int fullLinks = 0;
            // The non-empty ports, rotated so that port `first` is bit 0 (round-robin order).
            for (int rot = ((nonEmpty >>> first) | (nonEmpty << (P - first))) & ALL_PORTS; rot != 0;
                    rot &= rot - 1) {
                int p = Integer.numberOfTrailingZeros(rot) + first;
                if (p >= P) {
                    p -= P;
                }
                final int f = base + p;
                // The first head of a visited FIFO arrived before this cycle (see routerFifoMask);
                // later ones (bandwidth > 1) are checked.
                for (int moves = 0; ; ) {
                    final int headSlot = f * cap + fifoHead[f];
                    final long e = slotEntry[headSlot];
                    final int o = XY_PORT[3 * Integer.signum(((int) (e >>> 32) & HOP_MAX) - xr)
                            + Integer.signum((int) (e >>> 48) - yr) + 4];
                    final int out = base + o;
                    final int g = neighborFifo[out];
                    final int count = fifoCount[g];
                    if ((fullLinks & 1 << o) == 0 && count < cap) {
                        // A delivery (o = 0) goes to the sink: recorded, sink count unchanged. The record
                        // is written for every move and kept only for a delivery.
                        final int delivery = (o - 1) >>> 31;
                        deliveredCore[deliveries] = r;
                        deliveredPacket[deliveries] = (int) e;
                        deliveredCycle[deliveries] = k;
                        deliveries += delivery;
                        inFlight -= delivery;
                        int t = fifoHead[g] + count;
                        int slot = g * cap + (t >= cap ? t - cap : t);
                        slotEntry[slot] = e;
                        if (slotArrival != null) {
                            slotArrival[slot] = k;
                        }
                        fifoCount[g] = count + 1 - delivery;
                        peak[g] = Math.max(peak[g], count + 1);
                        // Branch-free: the FIFO's bit is set only by its first packet (count was 0).
                        routerFifoMask[neighborRouter[out]] |= ((count - 1) >>> 31) << ARRIVAL_SHIFT[o];
                        if (bandwidth == 1) {
                            fullLinks |= 1 << o;
                        } else {
                            final long used = Math.max(outUsed[out], kB) + 1;
                            outUsed[out] = used;
                            if (used == kB + bandwidth) {
                                fullLinks |= 1 << o;
                            }
                        }
                        linkPackets[out]++;
                        int h = fifoHead[f] + 1;
                        fifoHead[f] = h == cap ? 0 : h;
                        int left = --fifoCount[f];
                        live &= ~(((left - 1) >>> 31) << p);
                        if (drop) {
                            headBlocked[f] = 0;
                        }
                        progress = true;
                        if (++moves == bandwidth || left == 0 || slotArrival[f * cap + (h == cap ? 0 : h)] >= k) {
                            break;
                        }
                        continue;
                    }
                    if (drop && ++headBlocked[f] > timeout) {
                        droppedTimeout++;
                        droppedByRouter[timeoutBase + r]++;
                        int h = fifoHead[f] + 1;
                        fifoHead[f] = h == cap ? 0 : h;
                        if (--fifoCount[f] == 0) {
                            live &= ~(1 << p);
                        }
                        headBlocked[f] = 0;
                        inFlight--;
                        progress = true;
                    }
                    break;
                }
            }
            routerFifoMask[r] = live;
        }
        stepDelivered += deliveries - deliveredCount;
        deliveredCount = deliveries;
        stepDroppedTimeout = droppedTimeout;
        stepInFlight = inFlight;
        return progress;
    }

    /**
     * One router cycle's forwarding pass over every router of a multicast mesh (step 2 and 3 of the
     * class comment). Updates the {@code step*} counters and the delivery records.
     *
     * @return true if any copy moved, was delivered or was dropped
     */
    private boolean tablePass(int k, long kB, int[] peak, long[] linkPackets, long[] droppedByRouter) {
        final int cores = this.cores;
        final int cap = this.cap;
        final int bandwidth = params.linkPacketsPerCycle();
        final boolean drop = params.policy() == CongestionPolicy.DROP;
        final int timeout = params.dropTimeoutCycles();
        final long[] slotEntry = this.slotEntry;
        final int[] slotArrival = this.slotArrival;
        final int[] fifoHead = this.fifoHead;
        final int[] fifoCount = this.fifoCount;
        final int[] headPorts = this.headPorts;
        final int[] headBlocked = this.headBlocked;
        final long[] outUsed = this.outUsed;
        final int[] neighborFifo = this.neighborFifo;
        final int[] neighborRouter = this.neighborRouter;
        final int[] routerFifoMask = this.routerFifoMask;
        final int noRouteBase = DropReason.NO_ROUTE.ordinal() * cores;
        final int timeoutBase = DropReason.TIMEOUT.ordinal() * cores;
        long sent = stepSent;
        long delivered = stepDelivered;
        long droppedTimeout = stepDroppedTimeout;
        long droppedNoRoute = stepDroppedNoRoute;
        int inFlight = stepInFlight;
        boolean progress = false;
        int nextFirst = k % P;
        for (int r = 0; r < cores; r++) {
            final int first = nextFirst;
            nextFirst = first == P - 1 ? 0 : first + 1;
            final int mask = routerFifoMask[r];
            if (mask == 0) {
                continue;
            }
            final int nonEmpty = mask & ALL_PORTS;
            int live = nonEmpty | mask >>> P;
            final int base = r * P;
            for (int rot = ((nonEmpty >>> first) | (nonEmpty << (P - first))) & ALL_PORTS; rot != 0;
                    rot &= rot - 1) {
                int p = Integer.numberOfTrailingZeros(rot) + first;
                if (p >= P) {
                    p -= P;
                }
                final int f = base + p;
                int moves = 0;
                while (moves < bandwidth && fifoCount[f] > 0) {
                    final int headSlot = f * cap + fifoHead[f];
                    if (slotArrival[headSlot] >= k) {
                        break;
                    }
                    final long e = slotEntry[headSlot];
                    int ports = headPorts[f];
                    if (ports < 0) {
                        ports = tableRoute(r, p, (int) e);
                        if (ports == 0) {
                            droppedNoRoute++;
                            droppedByRouter[noRouteBase + r]++;
                            fifoHead[f] = fifoHead[f] + 1 == cap ? 0 : fifoHead[f] + 1;
                            if (--fifoCount[f] == 0) {
                                live &= ~(1 << p);
                            }
                            inFlight--;
                            progress = true;
                            continue;
                        }
                        sent += Integer.bitCount(ports) - 1;
                    }
                    int remaining = ports;
                    for (int bits = ports; bits != 0; bits &= bits - 1) {
                        final int o = Integer.numberOfTrailingZeros(bits);
                        final int out = base + o;
                        final long used = Math.max(outUsed[out], kB);
                        if (used >= kB + bandwidth) {
                            continue;
                        }
                        if (o == 0) {
                            recordDelivery(r, (int) e, k, (int) (e >>> 32));
                            delivered++;
                        } else {
                            final int g = neighborFifo[out];
                            if (fifoCount[g] >= cap) {
                                continue;
                            }
                            if ((o == EAST || o == WEST ? (int) (e >>> 32) & HOP_MAX : (int) (e >>> 48)) == HOP_MAX) {
                                throw hopOverflow(r);
                            }
                            final long moved = e + HOP_INCREMENT[o];
                            int t = fifoHead[g] + fifoCount[g];
                            int slot = g * cap + (t >= cap ? t - cap : t);
                            slotEntry[slot] = moved;
                            slotArrival[slot] = k;
                            int count = ++fifoCount[g];
                            if (count > peak[g]) {
                                peak[g] = count;
                            }
                            if (count == 1) {
                                routerFifoMask[neighborRouter[out]] |= 1 << ARRIVAL_SHIFT[o];
                            }
                            inFlight++;
                        }
                        outUsed[out] = used + 1;
                        linkPackets[out]++;
                        remaining &= ~(1 << o);
                    }
                    if (remaining != ports) {
                        progress = true;
                    }
                    if (remaining == 0) {
                        fifoHead[f] = fifoHead[f] + 1 == cap ? 0 : fifoHead[f] + 1;
                        if (--fifoCount[f] == 0) {
                            live &= ~(1 << p);
                        }
                        inFlight--;
                        headPorts[f] = -1;
                        headBlocked[f] = 0;
                        moves++;
                        continue;
                    }
                    headPorts[f] = remaining;
                    if (drop && ++headBlocked[f] > timeout) {
                        int copies = Integer.bitCount(remaining);
                        droppedTimeout += copies;
                        droppedByRouter[timeoutBase + r] += copies;
                        fifoHead[f] = fifoHead[f] + 1 == cap ? 0 : fifoHead[f] + 1;
                        if (--fifoCount[f] == 0) {
                            live &= ~(1 << p);
                        }
                        inFlight--;
                        headPorts[f] = -1;
                        headBlocked[f] = 0;
                        progress = true;
                    }
                    break;
                }
            }
            routerFifoMask[r] = live;
        }
        stepSent = sent;
        stepDelivered = delivered;
        stepDroppedTimeout = droppedTimeout;
        stepDroppedNoRoute = droppedNoRoute;
        stepInFlight = inFlight;
        return progress;
    }

    /** First matching entry's ports; else straight on if arrived over a link and that link exists; else 0 (drop). */
    private int tableRoute(int r, int inPort, int packet) {
        int key = packetKey[packet];
        for (int i = tableStart[r], end = tableStart[r + 1]; i < end; i++) {
            if ((key & tableMask[i]) == tableValue[i]) {
                return tablePorts[i];
            }
        }
        if (inPort == 0) {
            return 0;
        }
        int straight = inPort <= 2 ? inPort + 2 : inPort - 2;
        return neighborFifo[r * P + straight] < 0 ? 0 : 1 << straight;
    }

    /** Appends a delivery record (multicast meshes); {@code hops} is the copy's {@code h_EW | h_NS << 16}. */
    private void recordDelivery(int core, int packet, int cycle, int hops) {
        int i = deliveredCount;
        if (i == deliveredCore.length) {
            growDeliveries(2 * i);
        }
        deliveredCore[i] = core;
        deliveredPacket[i] = packet;
        deliveredCycle[i] = cycle;
        deliveredHops[i] = hops;
        deliveredCount = i + 1;
    }

    /** Grows the delivery records to {@code n} entries, keeping those recorded. */
    private void growDeliveries(int n) {
        deliveredCore = Arrays.copyOf(deliveredCore, n);
        deliveredPacket = Arrays.copyOf(deliveredPacket, n);
        deliveredCycle = Arrays.copyOf(deliveredCycle, n);
        deliveredLatency = Arrays.copyOf(deliveredLatency, n);
        if (tableRouting) {
            deliveredHops = Arrays.copyOf(deliveredHops, n);
        }
    }

    private static IllegalStateException hopOverflow(int core) {
        return new IllegalStateException("a packet copy crossed " + HOP_MAX + " links in one direction class at core "
                + core + ": a routing loop in the multicast tables");
    }

    /** Copies delivered in the last step, in delivery order. */
    public int deliveredCount() {
        return stepRun ? deliveredCount : 0;
    }

    /** Core that received delivery {@code i}. */
    public int deliveredCore(int i) {
        return deliveredCore[checkDelivery(i)];
    }

    /** Source core of delivery {@code i}. */
    public int deliveredSource(int i) {
        return packetSource[deliveredPacket[checkDelivery(i)]];
    }

    /** Destination core or routing key of delivery {@code i}. */
    public int deliveredKey(int i) {
        return packetKey[deliveredPacket[checkDelivery(i)]];
    }

    /** Neuron address of delivery {@code i}. */
    public int deliveredNeuron(int i) {
        return packetNeuron[deliveredPacket[checkDelivery(i)]];
    }

    /** Time step of delivery {@code i}. */
    public int deliveredTimeStep(int i) {
        return packetTimeStep[deliveredPacket[checkDelivery(i)]];
    }

    /** Payload of delivery {@code i}. */
    public long deliveredPayload(int i) {
        return packetPayload[deliveredPacket[checkDelivery(i)]];
    }

    /** Latency of delivery {@code i} (s), as defined in {@link RouterParameters}. */
    public double deliveredLatencySeconds(int i) {
        return deliveredLatency[checkDelivery(i)];
    }

    private int checkDelivery(int i) {
        if (i < 0 || i >= deliveredCount()) {
            throw new IllegalArgumentException("delivery index must be in [0, " + deliveredCount() + "), got " + i);
        }
        return i;
    }
}
