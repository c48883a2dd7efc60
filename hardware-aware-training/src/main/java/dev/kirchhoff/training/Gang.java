package dev.kirchhoff.training;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling thread and {@code size − 1} daemon workers sharing the items of one job at a time:
 * {@link #run run(count, work)} calls {@code work.run(item, member)} once for every item in
 * {@code [0, count)}, each item claimed by whichever member gets to it first (member 0 is the
 * caller), and returns when all have finished.
 *
 * <p>Why claiming rather than a fixed share per thread: on a shared machine a worker may be
 * descheduled for milliseconds. The caller never waits for a worker to wake up, only for items a
 * worker has claimed to finish; a late worker finds nothing left and goes back to sleep. The
 * items must therefore not depend on which member runs them except through per-member scratch
 * (the {@code member} argument), which is what makes the {@link Trainer}'s results independent of
 * the thread count.
 *
 * <p>Mechanics: the job's claim counter and item count share one {@link AtomicLong}
 * ({@code count << 32 | next}), so a claim is a compare-and-set that also proves the job is the
 * current one; two job records are used in turn, so nothing is allocated per run. Workers sleep
 * with {@link LockSupport#park} and are woken by {@link LockSupport#unpark} at the start of each
 * job; the member finishing the last item wakes the caller. Not for concurrent use by several
 * callers.
 */
final class Gang implements AutoCloseable {
    /** The work of one item. */
    @FunctionalInterface
    interface Work {
        /**
         * @param item   the item, in {@code [0, count)}
         * @param member who runs it: 0 for the caller, 1 … size−1 for the workers
         */
        void run(int item, int member);
    }

    /** One job: what to do, how many items, who claimed and finished what. */
    private static final class Job {
        /** {@code count << 32 | next}: items claimed so far (next) out of count. */
        final AtomicLong claims = new AtomicLong();
        final AtomicInteger finished = new AtomicInteger();
        /** Written before {@link #claims} is published, read after a successful claim. */
        Work work;
        int count;
        Thread caller;
        volatile Throwable failure;

        /** Claims and runs one item; false if none is left. */
        boolean runOne(int member) {
            long c = claims.get();
            while ((int) c < (int) (c >>> 32)) {
                if (claims.compareAndSet(c, c + 1)) {
                    try {
                        work.run((int) c, member);
                    } catch (RuntimeException | Error e) {
                        if (failure == null) {
                            failure = e;
                        }
                    }
                    if (finished.incrementAndGet() == count) {
                        LockSupport.unpark(caller);
                    }
                    return true;
                }
                c = claims.get();
            }
            return false;
        }
    }

    private final Thread[] workers;
    private final Job[] jobs = {new Job(), new Job()};
    private int turn;
    private volatile Job current;
    private volatile boolean closed;

    /**
     * @param size number of members including the caller, ≥ 1
     * @param name prefix of the worker threads' names
     */
    Gang(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        workers = new Thread[size - 1];
        for (int t = 1; t < size; t++) {
            int member = t;
            Thread w = new Thread(() -> work(member), name + "-" + t);
            w.setDaemon(true);
            workers[t - 1] = w;
            w.start();
        }
    }

    /**
     * Runs every item of {@code [0, count)} once and returns when all have finished; a failure of
     * any item is rethrown here (the other items still run; if several fail, one is rethrown).
     */
    void run(int count, Work work) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, got " + count);
        }
        if (closed) {
            throw new IllegalStateException("the gang is closed");
        }
        Job job = jobs[turn];
        turn ^= 1;
        job.work = work;
        job.count = count;
        job.caller = Thread.currentThread();
        job.failure = null;
        job.finished.set(0);
        job.claims.set((long) count << 32);
        current = job;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        while (job.runOne(0)) {
            // the caller takes items until none is left
        }
        while (job.finished.get() < count) {
            LockSupport.park(this);
        }
        Throwable f = job.failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void work(int member) {
        while (!closed) {
            Job job = current;
            if (job == null || !job.runOne(member)) {
                LockSupport.park(this);
            }
        }
    }

    /** Stops the worker threads and waits for them; the gang cannot run again. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
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
