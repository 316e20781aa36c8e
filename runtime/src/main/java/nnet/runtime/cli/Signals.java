package nnet.runtime.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Handlers for process signals (INT, TERM) through sun.misc.Signal, the JDK's supported-but-unofficial
 * signal API, reached by reflection: that avoids a compiler warning on every build, and where the API is
 * missing or a signal is not available, nothing is installed and the JVM's default stays.
 */
final class Signals {
    private Signals() {
    }

    /** A handler that was replaced: the signal and the handler from before, to put back. */
    record Replaced(Object signal, Object previous) {
    }

    /** Runs {@code action} on signal {@code name} from now on; null if that cannot be done here. */
    static Replaced handle(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            InvocationHandler onSignal = (proxy, method, args) -> dispatch(proxy, method, args, action);
            Object ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
            return new Replaced(sig, signal.getMethod("handle", signal, handler).invoke(null, sig, ours));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Puts the handler from before back; if it cannot come back, ours stays, which callers allow for. */
    static void restore(Replaced replaced) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            signal.getMethod("handle", signal, handler).invoke(null, replaced.signal(), replaced.previous());
        } catch (ReflectiveOperationException | RuntimeException e) {
            // See above.
        }
    }

    private static Object dispatch(Object proxy, Method method, Object[] args, Runnable action) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "nnet signal handler";
        };
    }
}
