package nnet.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The project's property-test harness: a property is checked on many generated cases. Each try has its
 * own seed, derived from a fixed base and the property's name and spread over all 64 bits, so runs
 * repeat exactly and consecutive tries draw unlike cases. {@code -Dnnet.test.seed=N} explores other
 * cases and {@code -Dnnet.test.tries.scale=X} scales every property's number of tries. Generators may
 * take a size that grows from 0 to 99 over the tries, so that the first failure found tends to be a
 * small case. A failure reports the seed and the case, and {@link #replay} re-runs it.
 */
public final class Properties {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_261_126L);
    private static final double TRIES_SCALE = Double.parseDouble(System.getProperty("nnet.test.tries.scale", "1"));
    private static final int DESCRIPTION_LIMIT = 400;

    private Properties() {
    }

    /** Makes one case from a random source and a size from 0 to 99. */
    @FunctionalInterface
    public interface SizedGenerator<T> {
        T generate(Random random, int size);
    }

    /** Checks one case; throws (an AssertionError or anything else) when the property does not hold. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T value) throws Exception;
    }

    /** Checks {@code property} on {@code tries} cases drawn by {@code generator}. */
    public static <T> void forAll(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
        forAll(name, tries, (random, size) -> generator.apply(random), property::accept);
    }

    /** Checks {@code property} on {@code tries} cases of growing size. */
    public static <T> void forAll(String name, int tries, SizedGenerator<T> generator, Property<T> property) {
        int n = Math.max(1, (int) Math.round(tries * TRIES_SCALE));
        long base = BASE_SEED ^ name.hashCode();
        for (int t = 0; t < n; t++) {
            long seed = spread(base + t);
            T value = generator.generate(new Random(seed), t * 100 / n);
            try {
                property.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(name + " fails on try " + (t + 1) + " of " + n + " (seed " + seed + ") for "
                        + describe(value) + ":\n" + e, e);
            }
        }
    }

    /** Re-runs one case by its reported seed. */
    public static <T> void replay(long seed, Function<Random, T> generator, Consumer<T> property) {
        property.accept(generator.apply(new Random(seed)));
    }

    private static String describe(Object value) {
        String text;
        if (value instanceof Map<?, ?> map) {
            text = map.toString();
        } else if (value != null && value.getClass().isArray()) {
            text = Arrays.deepToString(new Object[] {value});
        } else if (value instanceof String s) {
            text = "'" + s + "'";
        } else {
            text = String.valueOf(value);
        }
        return text.length() <= DESCRIPTION_LIMIT ? text : text.substring(0, DESCRIPTION_LIMIT) + "...";
    }

    /**
     * SplitMix64's finaliser. java.util.Random only XORs its seed with a constant before its first step,
     * so Randoms seeded with consecutive numbers start with nearly equal draws.
     */
    static long spread(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
