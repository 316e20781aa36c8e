package nnet.runtime.memory;

/** Rounding of sizes and offsets to {@link ArenaPlanner#ALIGN} elements. */
final class Alignment {
    private Alignment() {
    }

    /** The smallest multiple of ALIGN that is at least {@code n}; throws ArithmeticException on overflow. */
    static long up(long n) {
        long mask = ArenaPlanner.ALIGN - 1;
        return Math.addExact(n, mask) & ~mask;
    }

    static boolean isAligned(long n) {
        return n % ArenaPlanner.ALIGN == 0;
    }
}
