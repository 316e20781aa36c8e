package nnet.runtime.memory;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plans the offsets of temporary buffers inside one arena. Buffer i needs {@code sizes[i]} elements during
 * kernel steps {@code firstStep[i]..lastStep[i]} inclusive; buffers live at a common step get disjoint memory,
 * others may share it.
 *
 * <p>A few greedy best-fit packings are tried, each in a different order, and the smallest arena wins; the search
 * stops early if one reaches the lower bound. Cost: O(n^2) time in the worst case, O(n log n) memory.
 */
public final class ArenaPlanner {
    /**
     * Offsets are multiples of 16 elements: 64 bytes of f32, one cache line on common x86 and ARM cores. Every
     * buffer then starts at the same place within a cache line as the arena does, so kernels meet the same
     * alignment on every buffer and vector loops behave alike; and when the arena's data starts on a line (the
     * JVM allows this but does not promise it), no two buffers share a line, so threads writing different
     * buffers never contend for one. The price is at most 15 elements of padding per buffer.
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
        LiveProfile live = LiveProfile.of(buffers, buffers.sizes());
        long lowerBound = live.max();
        long[] best = null;
        long bestSize = Long.MAX_VALUE;
        for (Supplier<long[]> strategy : strategies(buffers, live)) {
            long[] offsets = strategy.get();
            long size = arenaSize(buffers, offsets);
            if (size < bestSize) {
                best = offsets;
                bestSize = size;
            }
            if (bestSize == lowerBound) {
                break; // optimal: no plan can be smaller
            }
        }
        return new ArenaPlan(best, bestSize, unplanned, lowerBound);
    }

    /**
     * The packings to try, the most often best first. None wins on every schedule: fullest-step-first wins most
     * often on irregular lifetimes and on training schedules, largest-first (the classic baseline) on many of the
     * rest, and step order under a ceiling on chains of layers, where the other two stack three buffers on top of
     * each other.
     */
    private static List<Supplier<long[]>> strategies(BufferSet buffers, LiveProfile live) {
        BestFitPacker packer = new BestFitPacker(buffers);
        return List.of(
                () -> packer.pack(PlacementOrder.byFullestStep(buffers, live)),
                () -> packer.pack(PlacementOrder.bySize(buffers)),
                () -> packer.packUnder(PlacementOrder.byFirstStep(buffers), alignedLowerBound(buffers)));
    }

    /**
     * The lower bound counted in sizes rounded up to ALIGN: what the fullest step costs once its buffers are
     * aligned, give or take the padding of the top one, and so a ceiling worth aiming for.
     */
    private static long alignedLowerBound(BufferSet buffers) {
        long[] aligned = Arrays.stream(buffers.sizes()).map(Alignment::up).toArray();
        return LiveProfile.of(buffers, aligned).max();
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
