package nnet.runtime.memory;

import java.util.Arrays;

/**
 * Places buffers one at a time, in a given order, into the gap that wastes the least memory among the
 * buffers already placed that are live at a common step. A buffer that fits in no gap goes just above them, or,
 * when packing under a ceiling, as high under the ceiling as it fits.
 *
 * <p>Placed buffers are kept sorted by offset in parallel primitive arrays, so one scan visits the conflicting
 * buffers in memory order and sees every gap between them: O(n) per buffer, O(n^2) per plan.
 */
final class BestFitPacker {
    private static final long NO_CEILING = -1;

    private final BufferSet buffers;
    private final long[] starts;
    private final long[] alignedEnds; // where the next buffer above may start
    private final int[] firsts;
    private final int[] lasts;
    private final int[] conflicting;
    private int placedCount;
    private long ceiling;

    BestFitPacker(BufferSet buffers) {
        this.buffers = buffers;
        int n = buffers.count();
        starts = new long[n];
        alignedEnds = new long[n];
        firsts = new int[n];
        lasts = new int[n];
        conflicting = new int[n];
    }

    /** Offsets for all buffers, placing them in {@code order}; zero-size buffers get offset 0. */
    long[] pack(int[] order) {
        return packUnder(order, NO_CEILING);
    }

    /**
     * Like {@link #pack}, but a buffer that fits in no gap is placed as high as it can go without crossing
     * {@code ceiling}, and only above everything if it cannot. Placed in step order, a buffer that ends up high
     * leaves the bottom free for the next one, which overlaps it but not the one below: on a chain of layers
     * this alternates bottom and top and needs only the largest adjacent pair, where placing every buffer just
     * above its neighbours stacks three.
     */
    long[] packUnder(int[] order, long ceiling) {
        this.ceiling = ceiling;
        placedCount = 0;
        long[] offsets = new long[buffers.count()];
        for (int b : order) {
            if (buffers.sizes()[b] > 0) {
                offsets[b] = bestOffset(b);
                insert(b, offsets[b]);
            }
        }
        return offsets;
    }

    private long bestOffset(int b) {
        int conflicts = collectConflicts(buffers.first()[b], buffers.last()[b]);
        long size = buffers.sizes()[b];
        long lowestFree = 0; // aligned offset just above the conflicting buffers seen so far
        long bestOffset = -1;
        long bestWaste = Long.MAX_VALUE;
        for (int c = 0; c < conflicts; c++) {
            int k = conflicting[c];
            long gap = starts[k] - lowestFree;
            if (gap >= size && gap - size < bestWaste) {
                bestWaste = gap - size;
                bestOffset = lowestFree;
                if (bestWaste == 0) {
                    return bestOffset; // nothing fits better, and lower offsets were seen first
                }
            }
            lowestFree = Math.max(lowestFree, alignedEnds[k]);
        }
        return bestOffset >= 0 ? bestOffset : aboveAll(lowestFree, size);
    }

    /** Offset for a buffer of {@code size} that must start at or above {@code lowestFree}. */
    private long aboveAll(long lowestFree, long size) {
        if (ceiling == NO_CEILING) {
            return lowestFree;
        }
        long highest = Math.floorDiv(ceiling - size, ArenaPlanner.ALIGN) * ArenaPlanner.ALIGN;
        return Math.max(lowestFree, highest);
    }

    /**
     * Fills {@code conflicting} with the positions, in offset order, of the placed buffers live at a step in
     * first..last, and returns how many there are. Written without a branch on the test, which goes either way
     * at random, so that the JIT can compile the loop to conditional moves: several times faster than branching.
     */
    private int collectConflicts(int first, int last) {
        int count = 0;
        for (int k = 0; k < placedCount; k++) {
            conflicting[count] = k;
            count += (firsts[k] <= last & lasts[k] >= first) ? 1 : 0;
        }
        return count;
    }

    private void insert(int b, long offset) {
        int at = insertionPoint(offset);
        int tail = placedCount - at;
        System.arraycopy(starts, at, starts, at + 1, tail);
        System.arraycopy(alignedEnds, at, alignedEnds, at + 1, tail);
        System.arraycopy(firsts, at, firsts, at + 1, tail);
        System.arraycopy(lasts, at, lasts, at + 1, tail);
        starts[at] = offset;
        alignedEnds[at] = Alignment.up(offset + buffers.sizes()[b]);
        firsts[at] = buffers.first()[b];
        lasts[at] = buffers.last()[b];
        placedCount++;
    }

    /** Index after every placed buffer starting at or below {@code offset}, keeping equal offsets stable. */
    private int insertionPoint(long offset) {
        int found = Arrays.binarySearch(starts, 0, placedCount, offset);
        if (found < 0) {
            return -found - 1;
        }
        while (found < placedCount && starts[found] == offset) {
            found++;
        }
        return found;
    }
}
