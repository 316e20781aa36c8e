package nnet.runtime.memory;

import java.util.Arrays;

/**
 * Buffer indices sorted by a step, ties by index. Packing (step, index) into one long and sorting primitives
 * avoids boxing thousands of indices just to sort them.
 */
final class StepOrder {
    private static final long INDEX_MASK = 0xFFFF_FFFFL;

    private StepOrder() {
    }

    /** Indices 0..steps.length-1 ordered by steps[i], ties by i. */
    static int[] byStep(int[] steps) {
        long[] keys = new long[steps.length];
        for (int i = 0; i < steps.length; i++) {
            // step * 2^32 + i orders by step first (signed steps too) because 0 <= i < 2^31.
            keys[i] = ((long) steps[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[steps.length];
        for (int k = 0; k < keys.length; k++) {
            order[k] = (int) (keys[k] & INDEX_MASK);
        }
        return order;
    }
}
