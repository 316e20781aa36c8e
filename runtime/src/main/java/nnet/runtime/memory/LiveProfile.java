package nnet.runtime.memory;

import java.util.Arrays;

/**
 * Total size of the buffers live at each step where some buffer starts. The total only rises at those steps, so
 * its maximum over any step range is reached at one of them: the profile answers "how full is memory" for the
 * whole schedule with at most n entries, however many steps the schedule has.
 *
 * @param steps distinct first steps, ascending
 * @param live  total size of the buffers live at each of those steps
 */
record LiveProfile(int[] steps, long[] live) {

    /**
     * Sweeps the buffers in order of first step, retiring those whose last step has passed; the running total
     * after the last buffer starting at a step is the live total there. O(n log n).
     */
    static LiveProfile of(BufferSet buffers, long[] sizes) {
        int n = buffers.count();
        int[] byFirst = StepOrder.byStep(buffers.first());
        int[] byLast = StepOrder.byStep(buffers.last());
        int[] steps = new int[n];
        long[] live = new long[n];
        int count = 0;
        long total = 0;
        int retired = 0;
        for (int k = 0; k < n; k++) {
            int b = byFirst[k];
            int step = buffers.first()[b];
            while (retired < k && buffers.last()[byLast[retired]] < step) {
                total -= sizes[byLast[retired++]];
            }
            total += sizes[b];
            if (count == 0 || steps[count - 1] != step) {
                count++;
            }
            steps[count - 1] = step;
            live[count - 1] = total;
        }
        return new LiveProfile(Arrays.copyOf(steps, count), Arrays.copyOf(live, count));
    }

    /** The largest live total, 0 if there are no buffers. */
    long max() {
        return Arrays.stream(live).max().orElse(0);
    }

    /** Index of the last profile step at or before {@code step}, -1 if none. */
    int indexAtOrBefore(int step) {
        int found = Arrays.binarySearch(steps, step);
        return found >= 0 ? found : -found - 2;
    }
}
