package nnet.runtime.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fixed pool of threads that kernels split their work over. A kernel cuts its output into parts
 * that do not depend on how it is cut (blocks of C, ranges of rows), so results are the same bit for bit
 * for any number of threads. The calling thread works on the parts too, beside pool threads that
 * spin for a while after each hand-over, because the kernels of a training step follow each other within
 * microseconds and waking a parked thread costs tens of them, and park when no work comes. Parts are
 * claimed, not assigned: whoever is free takes the next one, the caller included, so a worker that the
 * system leaves unscheduled (on a loaded machine) delays nothing.
 *
 * <p>The size is the number of available processors unless {@link #setThreads} or the system property
 * {@code nnet.threads} says otherwise. Work handed over while the pool is busy (from another thread, or
 * from inside a part) runs on the caller alone, so nested or concurrent use is safe.
 */
public final class Workers {
    /** A piece of work cut into parts 0 to parts - 1, run at the same time on different threads. */
    public interface Task {
        void run(int part, int parts);
    }

    private static final long SPIN_NANOS = 200_000;
    private static volatile Workers pool = new Workers(configuredThreads());

    private final Worker[] workers;
    /** Not a lock: part 0 runs on the thread that holds it, and must not re-enter when it nests. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /**
     * The current hand-over in the high 32 bits, its number of parts in the next 16 and the next part to
     * claim in the low 16: one snapshot tells a worker whether a part of the current hand-over is left.
     */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Task task;
    private volatile Throwable failure;

    private Workers(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(this, i + 1);
            workers[i].start();
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty("nnet.threads");
        if (value != null) {
            try {
                return checked(Integer.parseInt(value.trim()));
            } catch (IllegalArgumentException e) {
                // An unusable setting falls back to the default rather than stopping the program.
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int checked(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("the number of threads must be between 1 and 1024, got " + threads);
        }
        return threads;
    }

    /** Replaces the pool by one of {@code threads} threads (the caller's included). */
    public static synchronized void setThreads(int threads) {
        checked(threads);
        if (threads != pool.threads()) {
            Workers old = pool;
            pool = new Workers(threads);
            old.shutDown();
        }
    }

    /** The threads work is split over, the caller's included. */
    public static int threads() {
        return pool.workers.length + 1;
    }

    /**
     * Runs {@code task} in {@code parts} parts (at most {@link #threads()}), on the calling thread and the
     * pool's, and returns when all are done. With one part, or when the pool is busy, all parts run here in turn.
     */
    public static void run(int parts, Task task) {
        pool.execute(parts, task);
    }

    private void execute(int parts, Task task) {
        if (parts > workers.length + 1) {
            throw new IllegalArgumentException(parts + " parts for " + (workers.length + 1) + " threads");
        }
        if (parts <= 1 || !busy.compareAndSet(false, true)) {
            for (int part = 0; part < parts; part++) {
                task.run(part, parts);
            }
            return;
        }
        try {
            hand(parts, task);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Publishes the task, wakes the workers and claims parts like them, so that a worker the system has
     * not scheduled yet delays nothing: the caller does its part too.
     */
    private void hand(int parts, Task task) {
        this.task = task;
        failure = null;
        finished.set(0);
        long handOver = (claims.get() >>> 32) + 1;
        claims.set(handOver << 32 | (long) parts << 16);
        for (int i = 0; i < parts - 1; i++) {
            workers[i].wake();
        }
        claimParts(handOver);
        while (finished.get() < parts) {
            Thread.onSpinWait();
        }
        this.task = null;
        rethrow(failure);
    }

    /**
     * Runs unclaimed parts of hand-over {@code handOver} until none is left. A claim succeeds only while
     * that hand-over is current, and the caller cannot move on while a claimed part is unfinished, so
     * the task read after a claim is the claimed part's.
     */
    private void claimParts(long handOver) {
        while (true) {
            long state = claims.get();
            int part = (int) (state & 0xffff);
            int parts = (int) (state >>> 16 & 0xffff);
            if (state >>> 32 != handOver || part >= parts) {
                return;
            }
            if (claims.compareAndSet(state, state + 1)) {
                try {
                    task.run(part, parts);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void shutDown() {
        for (Worker w : workers) {
            w.stopAfterWork();
        }
    }

    /** One pool thread: waits for a hand-over, spinning for a while before it parks, and claims parts. */
    private static final class Worker extends Thread {
        private final Workers pool;
        private volatile boolean parked;
        private volatile boolean stopping;
        private long seen;

        Worker(Workers pool, int index) {
            super("nnet-worker-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        void wake() {
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        void stopAfterWork() {
            stopping = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (awaitHandOver()) {
                pool.claimParts(seen);
            }
        }

        private boolean awaitHandOver() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                long current = pool.claims.get() >>> 32;
                if (current != seen) {
                    seen = current;
                    return true;
                }
                if (stopping) {
                    return false;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (pool.claims.get() >>> 32 == seen && !stopping) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
        }
    }
}
