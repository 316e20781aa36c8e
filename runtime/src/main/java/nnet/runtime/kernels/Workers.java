package nnet.runtime.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The fixed pool of threads that kernels split their work over. A kernel cuts its output into parts
 * that do not depend on how it is cut (blocks of C, ranges of rows), so results are the same bit for bit
 * for any number of threads. The calling thread does the first part itself; the others go to workers that
 * spin for a while after each part, because the kernels of a training step follow each other within
 * microseconds and waking a parked thread costs tens of them, and park when no work comes.
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
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int parts;
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
     * Runs {@code task} in {@code parts} parts (at most {@link #threads()}), part 0 on the calling thread,
     * and returns when all are done. With one part, or when the pool is busy, all parts run here in turn.
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

    private void hand(int parts, Task task) {
        this.task = task;
        this.parts = parts;
        failure = null;
        pending.set(parts - 1);
        for (int i = 0; i < parts - 1; i++) {
            workers[i].give();
        }
        Throwable mine = null;
        try {
            task.run(0, parts);
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        while (pending.get() > 0) {
            Thread.onSpinWait();
        }
        this.task = null;
        Throwable theirs = failure;
        rethrow(mine != null ? mine : theirs);
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

    /** One pool thread: waits for a part, spinning for a while before it parks. */
    private static final class Worker extends Thread {
        private final Workers pool;
        private final int part;
        private volatile long given;
        private volatile boolean parked;
        private volatile boolean stopping;
        private long done;

        Worker(Workers pool, int part) {
            super("nnet-worker-" + part);
            this.pool = pool;
            this.part = part;
            setDaemon(true);
        }

        void give() {
            given++;
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
            while (awaitWork()) {
                done++;
                try {
                    pool.task.run(part, pool.parts);
                } catch (RuntimeException | Error e) {
                    pool.failure = e;
                } finally {
                    pool.pending.decrementAndGet();
                }
            }
        }

        private boolean awaitWork() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (given == done) {
                if (stopping) {
                    return false;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (given == done && !stopping) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            return true;
        }
    }
}
