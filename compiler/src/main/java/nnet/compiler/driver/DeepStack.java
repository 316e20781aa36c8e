package nnet.compiler.driver;

import java.util.function.Supplier;

/**
 * Runs a stage of the compiler on a thread of its own with a large stack. The stages recurse over
 * expression trees, and a long flat chain such as a sum of thousands of terms nests that deep on one
 * side; the caller's thread (often 512 kB to 1 MB of stack) would overflow where the source is fine.
 * The stack is reserved, not used, so a shallow source costs no more memory.
 */
public final class DeepStack {
    private static final long STACK_BYTES = 256L << 20;

    private DeepStack() {
    }

    public static <T> T run(String name, Supplier<T> stage) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = stage.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name, STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
