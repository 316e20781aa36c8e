package nnet.runtime.memory;

/**
 * Plans the offsets of temporary buffers inside one arena. Buffer i needs {@code sizes[i]} elements during
 * kernel steps {@code firstStep[i]..lastStep[i]} inclusive; buffers live at a common step get disjoint memory,
 * others may share it.
 *
 * <p>Each ordering in {@link PlacementOrder} is packed best-fit and the smallest arena wins, stopping early if
 * one reaches the lower bound. Cost: O(n^2) time per ordering in the worst case, O(n) memory.
 */
public final class ArenaPlanner {
    /**
     * Offsets are multiples of 16 elements: 64 bytes of f32, one cache line on common x86 and ARM cores. Every
     * buffer then has the same alignment relative to the arena's first element, so vectorised loops behave alike
     * on all buffers, and two buffers written by different threads share at most one cache line instead of
     * interleaving along their whole edge. The JVM does not promise where array data starts, so this is the most
     * alignment a Java array can offer.
     */
    public static final int ALIGN = 16;

    private ArenaPlanner() {
    }

    /**
     * Plans one arena.
     *
     * @param sizes     buffer sizes in elements, not negative
     * @param firstStep first kernel step at which each buffer is live
     * @param lastStep  last kernel step at which each buffer is live, not before its first
     * @throws IllegalArgumentException if the arrays differ in length, a size is negative, a last step precedes
     *                                  its first, or the total size exceeds the range of long
     */
    public static ArenaPlan plan(long[] sizes, int[] firstStep, int[] lastStep) {
        BufferSet buffers = BufferSet.of(sizes, firstStep, lastStep);
        long unplanned = buffers.alignedTotal();
        long lowerBound = LiveSizeSweep.maxLiveSize(buffers);
        BestFitPacker packer = new BestFitPacker(buffers);
        long[] bestOffsets = null;
        long bestSize = Long.MAX_VALUE;
        for (PlacementOrder order : PlacementOrder.values()) {
            long[] offsets = packer.pack(order.sort(buffers));
            long size = arenaSize(buffers, offsets);
            if (size < bestSize) {
                bestOffsets = offsets;
                bestSize = size;
            }
            if (bestSize == lowerBound) {
                break;
            }
        }
        return new ArenaPlan(bestOffsets, bestSize, unplanned, lowerBound);
    }

    /** The end of the highest buffer, 0 if there is none. */
    static long arenaSize(BufferSet buffers, long[] offsets) {
        long size = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (buffers.sizes()[i] > 0) {
                size = Math.max(size, offsets[i] + buffers.sizes()[i]);
            }
        }
        return size;
    }
}
