package nnet.runtime.memory;

import java.util.Arrays;

/**
 * Places buffers one at a time, in a given order, into the gap that wastes the least memory among the
 * buffers already placed that are live at a common step; if no gap is large enough, just above them.
 *
 * <p>Placed buffers are kept sorted by offset in parallel primitive arrays, so one scan visits the conflicting
 * buffers in memory order and sees every gap between them: O(n) per buffer, O(n^2) per plan, with a tight
 * loop over a few arrays rather than object graphs.
 */
final class BestFitPacker {
    private final BufferSet buffers;
    private final long[] starts;
    private final long[] ends;
    private final int[] firsts;
    private final int[] lasts;
    private int placedCount;

    BestFitPacker(BufferSet buffers) {
        this.buffers = buffers;
        int n = buffers.count();
        starts = new long[n];
        ends = new long[n];
        firsts = new int[n];
        lasts = new int[n];
    }

    /** Offsets for all buffers, placing them in {@code order}; zero-size buffers get offset 0. */
    long[] pack(int[] order) {
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
        long size = buffers.sizes()[b];
        int first = buffers.first()[b];
        int last = buffers.last()[b];
        long lowestFree = 0; // aligned offset just above the conflicting buffers seen so far
        long bestOffset = -1;
        long bestWaste = Long.MAX_VALUE;
        for (int k = 0; k < placedCount; k++) {
            if (firsts[k] > last || lasts[k] < first) {
                continue;
            }
            long gap = starts[k] - lowestFree;
            if (gap >= size && gap - size < bestWaste) {
                bestWaste = gap - size;
                bestOffset = lowestFree;
                if (bestWaste == 0) {
                    return bestOffset; // nothing fits better, and lower offsets were seen first
                }
            }
            lowestFree = Math.max(lowestFree, Alignment.up(ends[k]));
        }
        return bestOffset >= 0 ? bestOffset : lowestFree;
    }

    private void insert(int b, long offset) {
        int at = insertionPoint(offset);
        int tail = placedCount - at;
        System.arraycopy(starts, at, starts, at + 1, tail);
        System.arraycopy(ends, at, ends, at + 1, tail);
        System.arraycopy(firsts, at, firsts, at + 1, tail);
        System.arraycopy(lasts, at, lasts, at + 1, tail);
        starts[at] = offset;
        ends[at] = offset + buffers.sizes()[b];
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
