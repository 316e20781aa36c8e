package nnet.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-test harness: a property is checked on many generated cases. Each try has its own
 * seed derived from a fixed base, so runs repeat exactly; {@code -Dnnet.test.seed=N} explores other
 * cases and {@code -Dnnet.test.tries=N} scales every property's number of tries. A failure reports the
 * seed and the case, so it can be replayed with {@link #replay}.
 */
public final class Properties {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_261_126L);
    private static final double TRIES_SCALE = Double.parseDouble(System.getProperty("nnet.test.tries.scale", "1"));

    private Properties() {
    }

    /** Checks {@code property} on {@code tries} cases drawn by {@code generator}. */
    public static <T> void forAll(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
        int n = Math.max(1, (int) Math.round(tries * TRIES_SCALE));
        long base = BASE_SEED ^ name.hashCode();
        for (int t = 0; t < n; t++) {
            long seed = spread(base + t);
            T value = generator.apply(new Random(seed));
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " fails on try " + t + " (seed " + seed + ") for " + value
                        + ":\n" + e.getMessage(), e);
            }
        }
    }

    /**
     * A try's seed spread over all 64 bits (SplitMix64's finalizer). java.util.Random only XORs its seed
     * with a constant before the first step, so the first draws of Randoms seeded with consecutive
     * numbers are nearly equal: without this, a generator's first nextInt(4) gave the same answer on
     * every try of a property.
     */
    static long spread(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Re-runs one case by its reported seed. */
    public static <T> void replay(long seed, Function<Random, T> generator, Consumer<T> property) {
        property.accept(generator.apply(new Random(seed)));
    }
}
