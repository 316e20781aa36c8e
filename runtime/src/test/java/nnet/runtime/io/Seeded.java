package nnet.runtime.io;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Property checks over random cases. Each try has its own seed derived from a fixed base, so runs are
 * repeatable; set the system property {@code nnet.test.seed} to explore other cases. Cases grow from small
 * to large over the tries (the generator gets a size from 0 to 99), so the first failure found tends to be
 * a small one. A failure names its seed and describes the case.
 */
final class Seeded {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_261_126L);
    private static final int DESCRIPTION_LIMIT = 400;

    private Seeded() {
    }

    /** Makes one case from a random source and a size from 0 to 99. */
    @FunctionalInterface
    interface Generator<T> {
        T generate(Random random, int size);
    }

    /** Checks one case; throws (an AssertionError or anything else) when the property does not hold. */
    @FunctionalInterface
    interface Property<T> {
        void check(T value) throws Exception;
    }

    static <T> void forAll(int tries, Generator<T> generator, Property<T> property) {
        for (int t = 0; t < tries; t++) {
            long seed = spread(BASE_SEED + t);
            T value = generator.generate(new Random(seed), t * 100 / tries);
            try {
                property.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("property fails for seed " + seed + " (try " + (t + 1) + " of " + tries
                        + ") on " + describe(value) + ": " + e, e);
            }
        }
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

    /** A try's seed spread over all 64 bits (SplitMix64's finalizer), so consecutive tries draw unlike cases. */
    static long spread(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
