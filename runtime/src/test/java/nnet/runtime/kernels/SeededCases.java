package nnet.runtime.kernels;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks a property on many generated cases. Each try has its own seed derived from a fixed base, so runs
 * repeat exactly; {@code -Dnnet.test.seed=N} explores other cases and {@code -Dnnet.test.tries.scale=X}
 * scales the number of tries (the conventions of the project's other property tests). A failure names
 * the seed and the case.
 */
final class SeededCases {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_261_126L);
    private static final double TRIES_SCALE = Double.parseDouble(System.getProperty("nnet.test.tries.scale", "1"));

    private SeededCases() {
    }

    static <T> void forAll(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
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
     * Scatters consecutive seeds over all 64 bits (the SplitMix64 finaliser): java.util.Random seeded with
     * neighbouring values starts with similar draws, so unspread tries would repeat much the same case.
     */
    static long spread(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
