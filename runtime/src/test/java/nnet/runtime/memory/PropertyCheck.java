package nnet.runtime.memory;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Checks a property on many random buffer sets. Each try has its own seed, derived from a fixed base so that
 * runs are repeatable; set the system property {@code nnet.test.seed} to explore other cases. A failing case is
 * shrunk by dropping buffers while it still fails, and reported with its seed.
 */
final class PropertyCheck {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_240_611L);

    private PropertyCheck() {
    }

    static void forAll(int tries, int maxBuffers, Consumer<Buffers> property) {
        for (int t = 0; t < tries; t++) {
            long seed = spread(BASE_SEED + t);
            Buffers b = Buffers.random(new Random(seed), maxBuffers);
            AssertionError failure = failure(property, b);
            if (failure != null) {
                Buffers small = shrink(property, b);
                throw new AssertionError("property fails for seed " + seed + ", shrunk to " + small + ": "
                        + failure(property, small).getMessage(), failure);
            }
        }
    }

    /** The error the property throws on {@code b}, or null if it holds. */
    private static AssertionError failure(Consumer<Buffers> property, Buffers b) {
        try {
            property.accept(b);
            return null;
        } catch (AssertionError e) {
            return e;
        } catch (RuntimeException e) {
            return new AssertionError(e.toString(), e);
        }
    }

    /** Drops runs of buffers, halving the run length down to one, for as long as the property keeps failing. */
    private static Buffers shrink(Consumer<Buffers> property, Buffers b) {
        for (int run = Math.max(1, b.count() / 2); run >= 1; run /= 2) {
            int from = 0;
            while (from < b.count()) {
                Buffers smaller = b.without(from, Math.min(b.count(), from + run));
                if (failure(property, smaller) != null) {
                    b = smaller;
                } else {
                    from += run;
                }
            }
        }
        return b;
    }

    /** A try's seed spread over all 64 bits (SplitMix64's finalizer), so consecutive tries draw unlike cases. */
    static long spread(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
