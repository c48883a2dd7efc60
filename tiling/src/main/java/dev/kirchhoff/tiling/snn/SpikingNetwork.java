package dev.kirchhoff.tiling.snn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Event-driven simulation of one {@link LifLayer} with recurrent {@link Synapses} and an optional
 * external {@link PoissonInput}, in fixed steps of h.
 *
 * <p>One step t: (1) every neuron is advanced by the exact propagator and the spikes of step t
 * detected ({@link LifLayer}); (2) the spikes of step t are delivered through the recurrent
 * synapses, adding their weights to the targets' synaptic currents, and then the Poisson sources
 * drawn for step t deliver theirs. The currents so raised drive the membranes from step t+1 on: a
 * spike at step t reaches its targets' v at step t+1 (a one-step synaptic delay, as Lava's Dense
 * process, or Brian2 with {@code on_pre} updates and no extra delay), so a neuron can respond at
 * step t+1 at the earliest.
 *
 * <p>Work: neuron updates O(N) per step on primitive arrays; synaptic work proportional to
 * spikes × fan-out (CSR rows), never N × fan-in. Counters: spikes, synaptic events (one per
 * synapse per delivered spike, recurrent and input counted apart), spikes per neuron.
 *
 * <p>Threads: with {@code threads = 2} the neuron update is split into fixed chunks of
 * {@value #CHUNK} neurons, claimed one at a time by the calling thread (from the low end) and a
 * worker thread (from the high end, so each thread mostly keeps its neurons' cache lines) that
 * {@link #run} starts and stops before it returns (the caller takes every chunk the worker has
 * not claimed, so a worker slow to wake costs little; one descheduled while it holds a chunk
 * stalls the step until it runs again); the chunks' spike lists are joined in
 * index order and delivered by the calling thread. Each neuron's arithmetic and the order of every
 * floating-point sum are independent of the thread count, so the results are bit-identical on one
 * thread or two. All random draws (Poisson input) are made by the calling thread.
 *
 * <p>Not thread-safe: call from one thread at a time.
 */
public final class SpikingNetwork {
    /** Receives the spikes of every step (for rasters and tests). */
    @FunctionalInterface
    public interface SpikeListener {
        /**
         * @param step   index of the step (0-based, counted over the network's life)
         * @param spikes indices of the neurons that spiked, ascending; only the first {@code count} are valid. Must not be modified.
         */
        void onSpikes(long step, int[] spikes, int count);
    }

    /** Progress of {@link #run}. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} steps of the current run are complete. */
        void update(int done, int total);
    }

    /** Neurons per chunk of the two-thread neuron update (fixed, so chunks depend only on N). */
    static final int CHUNK = 1024;

    /** Smallest layer for which {@link #defaultThreads} chooses two threads. */
    public static final int PARALLEL_MIN_NEURONS = 65_536;

    /** Steps between progress reports and cancellation checks. */
    static final int CHECK_EVERY = 256;

    private final LifLayer layer;
    private final Synapses recurrent;
    private final PoissonInput input;
    private final int size;
    private final int[] spikes;
    private final int chunkCount;
    private final int[] chunkSpikes;
    private final int[] chunkSpikeCount;
    /** Unclaimed chunks of the current step, {@code [lo, hi)} packed as lo·2^32 + hi; empty between steps. */
    private final AtomicLong unclaimed = new AtomicLong(0);
    private final AtomicInteger finishedChunks = new AtomicInteger();
    private final long[] spikeCounts;
    private int threads = 1;
    private SpikeListener listener;

    private long step;
    private long spikeCount;
    private long recurrentEvents;
    private long inputSpikeCount;
    private long inputEvents;

    /**
     * @param layer     the neurons (state owned and modified by this network)
     * @param recurrent synapses from the layer onto itself (sourceCount = targetCount = layer size)
     * @param input     external Poisson population onto the layer, or null
     */
    public SpikingNetwork(LifLayer layer, Synapses recurrent, PoissonInput input) {
        if (layer == null || recurrent == null) {
            throw new IllegalArgumentException("layer and recurrent must not be null");
        }
        size = layer.size();
        if (recurrent.sourceCount() != size || recurrent.targetCount() != size) {
            throw new IllegalArgumentException("recurrent synapses must be " + size + " x " + size + ", got "
                    + recurrent.sourceCount() + " x " + recurrent.targetCount());
        }
        if (input != null && input.synapses().targetCount() != size) {
            throw new IllegalArgumentException("input synapses must target " + size + " neurons, got "
                    + input.synapses().targetCount());
        }
        this.layer = layer;
        this.recurrent = recurrent;
        this.input = input;
        spikes = new int[size];
        chunkCount = (size + CHUNK - 1) / CHUNK;
        chunkSpikes = new int[size];
        chunkSpikeCount = new int[chunkCount];
        spikeCounts = new long[size];
    }

    /**
     * Sets the number of threads of the neuron update: 1, or 2 (the layer split in two fixed
     * halves). Results are bit-identical either way. Returns this network.
     */
    public SpikingNetwork threads(int threads) {
        if (threads != 1 && threads != 2) {
            throw new IllegalArgumentException("threads must be 1 or 2, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * A thread count for this machine and layer: 2 when N ≥ {@value #PARALLEL_MIN_NEURONS} and
     * there are ≥ 2 cores, else 1. Below that size the per-step hand-over costs more than half a
     * step: CUBA at N = 4000 measured 38.9 M synaptic events/s on one thread and 23.9 M/s on two
     * (JMH {@code SnnBenchmark.cuba}, a 2-core machine shared with other jobs).
     */
    public static int defaultThreads(int neurons) {
        return neurons >= PARALLEL_MIN_NEURONS && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
    }

    /** Sets the listener called with the spikes of every step (null for none). Returns this network. */
    public SpikingNetwork listener(SpikeListener listener) {
        this.listener = listener;
        return this;
    }

    /** Advances the network by one step on the calling thread alone. */
    public void step() {
        int n = layer.step(0, size, spikes, 0);
        finishStep(n);
    }

    private void finishStep(int n) {
        for (int k = 0; k < n; k++) {
            spikeCounts[spikes[k]]++;
        }
        spikeCount += n;
        if (listener != null) {
            listener.onSpikes(step, spikes, n);
        }
        double[] ie = layer.excitatoryCurrentVolts();
        double[] ii = layer.inhibitoryCurrentVolts();
        recurrentEvents += recurrent.deliver(spikes, n, ie, ii);
        if (input != null) {
            int m = input.draw(layer.dtSeconds());
            inputSpikeCount += m;
            inputEvents += input.synapses().deliver(input.lastSpikes(), m, ie, ii);
        }
        step++;
    }

    /**
     * Runs {@code steps} steps, or fewer if cancelled: {@code cancelled} (may be null) is polled,
     * and the calling thread's interrupt flag checked (and left set), every {@value #CHECK_EVERY}
     * steps; {@code progress} (may be null) is told then and at the end.
     *
     * @return the number of steps done
     */
    public int run(int steps, BooleanSupplier cancelled, Progress progress) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be non-negative, got " + steps);
        }
        Worker worker = null;
        Thread thread = null;
        if (threads == 2 && chunkCount > 1) {
            worker = new Worker();
            thread = new Thread(worker, "kirchhoff-snn-worker");
            thread.setDaemon(true);
            thread.start();
        }
        int done = 0;
        try {
            while (done < steps) {
                if (done % CHECK_EVERY == 0 && done > 0) {
                    if (progress != null) {
                        progress.update(done, steps);
                    }
                    if (Thread.currentThread().isInterrupted() || cancelled != null && cancelled.getAsBoolean()) {
                        break;
                    }
                }
                if (worker == null) {
                    step();
                } else {
                    finishStep(parallelUpdate(worker));
                }
                done++;
            }
        } finally {
            if (worker != null) {
                worker.stop = true;
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (progress != null) {
            progress.update(done, steps);
        }
        return done;
    }

    /**
     * One neuron update shared with the worker: chunks are claimed from a counter by whichever
     * thread is free (so a descheduled worker never stalls the step unless it holds a chunk), each
     * chunk writes its spikes into its own slice of {@code chunkSpikes}, and the slices are joined
     * in chunk order, i.e. ascending neuron index, whoever ran them.
     *
     * @return the number of spikes, now in {@code spikes}
     */
    private int parallelUpdate(Worker worker) {
        finishedChunks.set(0);
        unclaimed.set(chunkCount); // [0, chunkCount); publishes the delivered currents to the worker
        runChunks(true);
        int spins = 0;
        while (finishedChunks.get() < chunkCount) {
            spins = pause(spins);
        }
        if (worker.failure != null) {
            throw new IllegalStateException("neuron update failed on the worker thread", worker.failure);
        }
        int n = 0;
        for (int c = 0; c < chunkCount; c++) {
            int k = chunkSpikeCount[c];
            System.arraycopy(chunkSpikes, c * CHUNK, spikes, n, k);
            n += k;
        }
        return n;
    }

    /**
     * Claims and runs chunks of the current step until none is left: the calling thread from the
     * low end, the worker from the high end, so each thread mostly keeps the same neurons (and
     * their cache lines) from step to step.
     */
    private void runChunks(boolean fromLow) {
        while (true) {
            long u = unclaimed.get();
            int lo = (int) (u >>> 32);
            int hi = (int) u;
            if (lo >= hi) {
                return;
            }
            int c = fromLow ? lo : hi - 1;
            long next = fromLow ? ((long) (lo + 1) << 32) | hi : ((long) lo << 32) | (hi - 1);
            if (!unclaimed.compareAndSet(u, next)) {
                continue;
            }
            int from = c * CHUNK;
            int to = Math.min(size, from + CHUNK);
            chunkSpikeCount[c] = layer.step(from, to, chunkSpikes, from);
            finishedChunks.incrementAndGet(); // publishes the chunk's state and count
        }
    }

    /** Busy-waits a little, then yields the core (two cores are often shared). */
    private static int pause(int spins) {
        if (spins > 1000) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return spins + 1;
    }

    /** Claims chunks whenever a step has unclaimed ones. */
    private final class Worker implements Runnable {
        private volatile boolean stop;
        private volatile Throwable failure;

        @Override
        public void run() {
            int spins = 0;
            while (!stop) {
                long u = unclaimed.get();
                if ((int) (u >>> 32) < (int) u) {
                    try {
                        runChunks(false);
                    } catch (Throwable t) {
                        failure = t;
                        finishedChunks.set(chunkCount);
                        return;
                    }
                    spins = 0;
                } else {
                    spins = pause(spins);
                }
            }
        }
    }

    /** The neurons. */
    public LifLayer layer() {
        return layer;
    }

    /** The recurrent synapses. */
    public Synapses recurrent() {
        return recurrent;
    }

    /** The Poisson input, or null. */
    public PoissonInput input() {
        return input;
    }

    /** Steps done over the network's life. */
    public long stepCount() {
        return step;
    }

    /** Simulated time so far (s): steps × h. */
    public double timeSeconds() {
        return step * layer.dtSeconds();
    }

    /** Spikes of the layer's neurons so far. */
    public long spikeCount() {
        return spikeCount;
    }

    /** Spikes of neuron i so far. */
    public long spikeCount(int i) {
        return spikeCounts[i];
    }

    /** Synaptic events delivered through the recurrent synapses so far (Σ spikes × out-degree). */
    public long recurrentSynapticEvents() {
        return recurrentEvents;
    }

    /** Spikes of the Poisson sources so far. */
    public long inputSpikeCount() {
        return inputSpikeCount;
    }

    /** Synaptic events delivered from the Poisson sources so far. */
    public long inputSynapticEvents() {
        return inputEvents;
    }

    /** All synaptic events so far, recurrent plus input. */
    public long synapticEvents() {
        return recurrentEvents + inputEvents;
    }

    /** Mean firing rate of the layer so far (Hz): spikes / (N × simulated time); 0 before the first step. */
    public double meanRateHz() {
        return step == 0 ? 0 : spikeCount / (size * timeSeconds());
    }
}
