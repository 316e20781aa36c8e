package nnet.runtime.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Ctrl-C (SIGINT) and a polite kill (SIGTERM) during training into a request to stop after the
 * current step, so that a checkpoint can be saved first. A second signal is handled as it was before
 * (the JVM shuts down), so that a stuck run can still be ended. The handlers are process-wide, installed
 * while at least one run is active (several may train in one JVM) and put back after the last, through
 * reflection on sun.misc.Signal, the JDK's supported-but-unofficial signal API: that avoids a compiler
 * warning on every build, and where the API is missing or a signal is not available, training simply
 * runs without the request (the periodic checkpoints remain).
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private static final Set<StopSignals> ACTIVE = new LinkedHashSet<>();
    /** The handlers ours replaced: pairs of a sun.misc.Signal and its former sun.misc.SignalHandler. */
    private static final List<Object[]> PREVIOUS = new ArrayList<>();
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
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            InvocationHandler onSignal = StopSignals::dispatch;
            Object ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
            Object before = signal.getMethod("handle", signal, handler).invoke(null, sig, ours);
            PREVIOUS.add(new Object[] {sig, before});
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No such signal here, or no signal API: training goes on without this request.
        }
    }

    private static Object dispatch(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "handle" -> {
                stopAll();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "stop-signal handler";
        };
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
        for (Object[] p : PREVIOUS) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                signal.getMethod("handle", signal, handler).invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The old handler cannot come back; ours keeps asking to stop, which is harmless.
            }
        }
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
