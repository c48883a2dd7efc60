package dev.kirchhoff.tiling.snn;

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
 * <p>Threads: with {@code threads = 2} the neuron update is split into two fixed halves
 * {@code [0, N/2)} and {@code [N/2, N)}, the second run by a worker thread started by
 * {@link #run} and stopped before it returns; the two halves' spike lists are joined in index
 * order and delivered by the calling thread. Each neuron's arithmetic and the order of every
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

    /** Steps between progress reports and cancellation checks. */
    static final int CHECK_EVERY = 256;

    private final LifLayer layer;
    private final Synapses recurrent;
    private final PoissonInput input;
    private final int size;
    private final int[] spikes;
    private final int[] spikesUpper;
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
        spikesUpper = new int[size];
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

    /** A thread count suited to this machine and layer: 2 when both help (≥ 2 cores, N ≥ 2048), else 1. */
    public static int defaultThreads(int neurons) {
        return neurons >= 2048 && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
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
        int mid = size / 2;
        if (threads == 2 && size >= 2) {
            worker = new Worker(mid);
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
                    int epoch = worker.request();
                    int lower = layer.step(0, mid, spikes, 0);
                    int upper = worker.await(epoch);
                    System.arraycopy(spikesUpper, 0, spikes, lower, upper);
                    finishStep(lower + upper);
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

    /** Updates neurons [mid, N) when asked; spins (then yields) between steps. */
    private final class Worker implements Runnable {
        private final int mid;
        private volatile int requested;
        private volatile int completed;
        private volatile boolean stop;
        private int count;
        private Throwable failure;

        Worker(int mid) {
            this.mid = mid;
        }

        int request() {
            int e = requested + 1;
            requested = e;
            return e;
        }

        int await(int epoch) {
            int spins = 0;
            while (completed != epoch) {
                if (++spins > 2000) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
            if (failure != null) {
                throw new IllegalStateException("neuron update failed on the worker thread", failure);
            }
            return count;
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int spins = 0;
                int e;
                while ((e = requested) == seen) {
                    if (stop) {
                        return;
                    }
                    if (++spins > 2000) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                seen = e;
                try {
                    count = layer.step(mid, size, spikesUpper, 0);
                } catch (Throwable t) {
                    failure = t;
                    count = 0;
                }
                completed = e;
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
