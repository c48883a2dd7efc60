package dev.kirchhoff.training;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed gang of threads that run one task together and wait for each other: member 0 is the
 * calling thread, members 1 … size−1 are daemon threads started here. Two barriers per
 * {@link #run} (start, done); the barriers also publish the caller's writes to the members and
 * back. Nothing is allocated per run.
 */
final class Gang implements AutoCloseable {
    private final int size;
    private final Thread[] workers;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private IntConsumer task;

    /**
     * @param size number of members including the caller, ≥ 1
     * @param name prefix of the worker threads' names
     */
    Gang(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        this.size = size;
        this.start = new CyclicBarrier(size);
        this.done = new CyclicBarrier(size);
        this.workers = new Thread[size - 1];
        for (int t = 1; t < size; t++) {
            int member = t;
            Thread w = new Thread(() -> work(member), name + "-" + t);
            w.setDaemon(true);
            workers[t - 1] = w;
            w.start();
        }
    }

    /** Number of members, the caller included. */
    int size() {
        return size;
    }

    /**
     * Runs {@code task.accept(t)} for every member t at once (t = 0 on the calling thread) and
     * returns when all have finished; a failure of any member is rethrown here.
     */
    void run(IntConsumer task) {
        if (size == 1) {
            task.accept(0);
            return;
        }
        this.task = task;
        await(start);
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        await(done);
        Throwable f = failure.getAndSet(null);
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other threads", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a worker thread stopped", e);
        }
    }

    private void work(int member) {
        try {
            while (true) {
                start.await();
                try {
                    task.accept(member);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
                done.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            // close() interrupts the workers; a broken barrier means the caller gave up: stop either way
        }
    }

    /**
     * Stops the worker threads and waits for them; the gang cannot run again. Called between
     * runs, when every worker waits at the start barrier, so the interrupt reaches it there.
     */
    @Override
    public void close() {
        for (Thread w : workers) {
            w.interrupt();
        }
        boolean interrupted = false;
        for (Thread w : workers) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
