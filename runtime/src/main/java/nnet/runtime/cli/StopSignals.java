package nnet.runtime.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Ctrl-C (SIGINT) and a polite kill (SIGTERM) during training into a request to stop after the
 * current step, so that a checkpoint can be saved first. A second signal is handled as it was before
 * (the JVM shuts down), so that a stuck run can still be ended. The handlers are process-wide, installed
 * while at least one run is active (several may train in one JVM) and put back after the last (see
 * {@link Signals}); where they cannot be installed, training simply runs without the request (the
 * periodic checkpoints remain).
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private static final Set<StopSignals> ACTIVE = new LinkedHashSet<>();
    /** The handlers ours replaced. */
    private static final List<Signals.Replaced> PREVIOUS = new ArrayList<>();
    private final PrintStream err;
    private volatile boolean requested;

    private StopSignals(PrintStream err) {
        this.err = err;
    }

    /** Asks this run to stop at a stop signal, until {@link #close()}. */
    static StopSignals install(PrintStream err) {
        StopSignals s = new StopSignals(err);
        synchronized (StopSignals.class) {
            if (ACTIVE.isEmpty()) {
                for (String name : NAMES) {
                    handle(name);
                }
            }
            ACTIVE.add(s);
        }
        return s;
    }

    /** True once a stop signal arrived while this run was active. */
    boolean requested() {
        return requested;
    }

    private static void handle(String name) {
        Signals.Replaced replaced = Signals.handle(name, StopSignals::stopAll);
        if (replaced != null) {
            PREVIOUS.add(replaced);
        }
    }

    /** Asks every active run to stop, and gives the next signal back to the handlers from before. */
    private static synchronized void stopAll() {
        for (StopSignals s : ACTIVE) {
            s.requested = true;
            s.err.println();
            s.err.println("stopping after this step to save a checkpoint (once more to quit at once)");
            s.err.flush();
        }
        ACTIVE.clear();
        restore();
    }

    private static void restore() {
        PREVIOUS.forEach(Signals::restore);
        PREVIOUS.clear();
    }

    /** This run no longer listens; after the last, the handlers from before are back. */
    @Override
    public void close() {
        synchronized (StopSignals.class) {
            if (ACTIVE.remove(this) && ACTIVE.isEmpty()) {
                restore();
            }
        }
    }
}
