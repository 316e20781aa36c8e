package nnet.runtime.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Ctrl-C (SIGINT) and a polite kill (SIGTERM) during training into a request to stop after the
 * current step, so that a checkpoint can be saved first. A second signal is handled as it was before
 * (the JVM shuts down), so that a stuck run can still be ended. The handlers are installed through
 * reflection on sun.misc.Signal, the JDK's supported-but-unofficial signal API: that avoids a compiler
 * warning on every build, and where the API is missing or a signal is not available, training simply
 * runs without the request (the periodic checkpoints remain).
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private final List<Object[]> previous = new ArrayList<>();
    private final PrintStream err;
    private volatile String received;

    private StopSignals(PrintStream err) {
        this.err = err;
    }

    /** Handles the stop signals until {@link #close()}. */
    static StopSignals install(PrintStream err) {
        StopSignals s = new StopSignals(err);
        for (String name : NAMES) {
            s.handle(name);
        }
        return s;
    }

    /** True once a stop signal arrived. */
    boolean requested() {
        return received != null;
    }

    /** "SIGINT" or "SIGTERM", null before one arrived. */
    String signal() {
        return received == null ? null : "SIG" + received;
    }

    private void handle(String name) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            InvocationHandler onSignal = (proxy, method, args) -> dispatch(proxy, method, args, name);
            Object ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
            Object before = signal.getMethod("handle", signal, handler).invoke(null, sig, ours);
            previous.add(new Object[] {sig, before});
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No such signal here, or no signal API: training goes on without this request.
        }
    }

    private Object dispatch(Object proxy, Method method, Object[] args, String name) throws Throwable {
        if (method.getName().equals("handle")) {
            if (received == null) {
                received = name;
                err.println();
                err.println("stopping after this step to save a checkpoint (once more to quit at once)");
                err.flush();
                close();
            }
            return null;
        }
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "stop-signal handler";
        };
    }

    /** Puts the handlers back that were there before. */
    @Override
    public synchronized void close() {
        for (Object[] p : previous) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                signal.getMethod("handle", signal, handler).invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The old handler cannot come back; ours keeps asking to stop, which is harmless.
            }
        }
        previous.clear();
    }
}
