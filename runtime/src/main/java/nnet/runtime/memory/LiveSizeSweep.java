package nnet.runtime.memory;

/**
 * The largest total size of buffers live at one step. No plan can use less memory, since buffers live at the
 * same step need disjoint memory.
 */
final class LiveSizeSweep {
    private LiveSizeSweep() {
    }

    /**
     * Sweeps the buffers in order of first step, retiring those whose last step has passed. The running total
     * after the last start at a step is exactly the live total there, and the maximum is reached at some
     * buffer's first step, so the sweep costs O(n log n) however many steps the schedule has.
     */
    static long maxLiveSize(BufferSet buffers) {
        int[] byFirst = StepOrder.byStep(buffers.first());
        int[] byLast = StepOrder.byStep(buffers.last());
        long[] sizes = buffers.sizes();
        long live = 0;
        long max = 0;
        int retired = 0;
        for (int b : byFirst) {
            int step = buffers.first()[b];
            while (retired < byLast.length && buffers.last()[byLast[retired]] < step) {
                live -= sizes[byLast[retired++]];
            }
            live += sizes[b];
            max = Math.max(max, live);
        }
        return max;
    }
}
