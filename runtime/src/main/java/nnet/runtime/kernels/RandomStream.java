package nnet.runtime.kernels;

/**
 * The counter-based random numbers of compiled models. Every value is a hash of (seed, step, stream,
 * element): a kernel derives one key per stream and step with {@link #key}, then the number of element
 * i is {@code uniform(key, i)}. Nothing is carried from one number to the next, so the numbers do not
 * depend on the order in which elements are computed, on how work is split over threads, or on
 * anything but the seed, the optimizer step, the stream (one per random op of a model) and the
 * element's index. The mixing function is SplitMix64's finaliser (Steele, Lea and Flood, 2014).
 */
public final class RandomStream {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private RandomStream() {
    }

    /** The key of one stream at one step. */
    public static long key(long seed, long step, int stream) {
        return mix(mix(seed + GOLDEN * (stream + 1)) + GOLDEN * step);
    }

    /** A double uniform in [0, 1) with 53 random bits. */
    public static double uniform(long key, int index) {
        return (bits(key, index) >>> 11) * 0x1.0p-53;
    }

    /** A float uniform in [0, 1) with 24 random bits (never rounded up to 1). */
    public static float uniformFloat(long key, int index) {
        return (bits(key, index) >>> 40) * 0x1.0p-24f;
    }

    static long bits(long key, int index) {
        return mix(key + GOLDEN * (index + 1L));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
