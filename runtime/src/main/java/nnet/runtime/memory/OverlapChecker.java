package nnet.runtime.memory;

import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that no two buffers live at a common step overlap in memory. Sweeps the steps keeping the live
 * buffers in a map by offset: as long as those are disjoint, a new buffer can only overlap its neighbours in
 * memory order, so each buffer costs O(log n) and the check stays cheap enough for debug builds.
 */
final class OverlapChecker {
    private final BufferSet buffers;
    private final long[] offsets;
    private final TreeMap<Long, Integer> liveByOffset = new TreeMap<>();

    private OverlapChecker(BufferSet buffers, long[] offsets) {
        this.buffers = buffers;
        this.offsets = offsets;
    }

    /** Throws IllegalStateException naming two live-overlapping buffers, if any. */
    static void check(BufferSet buffers, long[] offsets) {
        new OverlapChecker(buffers, offsets).sweep();
    }

    private void sweep() {
        int[] byFirst = StepOrder.byStep(buffers.first());
        int[] byLast = StepOrder.byStep(buffers.last());
        int retired = 0;
        for (int b : byFirst) {
            while (retired < byLast.length && buffers.last()[byLast[retired]] < buffers.first()[b]) {
                retire(byLast[retired++]);
            }
            if (buffers.sizes()[b] > 0) {
                admit(b);
            }
        }
    }

    private void admit(int b) {
        long start = offsets[b];
        Map.Entry<Long, Integer> below = liveByOffset.floorEntry(start);
        if (below != null && end(below.getValue()) > start) {
            throw overlap(below.getValue(), b);
        }
        Map.Entry<Long, Integer> above = liveByOffset.higherEntry(start);
        if (above != null && above.getKey() < end(b)) {
            throw overlap(b, above.getValue());
        }
        liveByOffset.put(start, b);
    }

    private void retire(int b) {
        if (buffers.sizes()[b] > 0) {
            liveByOffset.remove(offsets[b]);
        }
    }

    private long end(int b) {
        return offsets[b] + buffers.sizes()[b];
    }

    private IllegalStateException overlap(int a, int b) {
        return new IllegalStateException("buffers " + a + " and " + b + " are live at a common step and overlap: "
                + buffers.describe(a, offsets[a]) + ", " + buffers.describe(b, offsets[b]));
    }
}
