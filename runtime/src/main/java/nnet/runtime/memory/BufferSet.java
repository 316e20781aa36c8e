package nnet.runtime.memory;

/**
 * The buffers of one arena: sizes in elements and inclusive live intervals in kernel steps, checked once so
 * that the planner and the checker can trust them.
 */
record BufferSet(long[] sizes, int[] first, int[] last) {

    /** Validates the three parallel arrays; throws IllegalArgumentException naming the first offending buffer. */
    static BufferSet of(long[] sizes, int[] first, int[] last) {
        if (sizes == null || first == null || last == null) {
            throw new IllegalArgumentException("sizes, firstStep and lastStep must not be null");
        }
        if (sizes.length != first.length || sizes.length != last.length) {
            throw new IllegalArgumentException("array lengths differ: " + sizes.length + " sizes, "
                    + first.length + " first steps, " + last.length + " last steps");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new IllegalArgumentException("buffer " + i + " has negative size " + sizes[i]);
            }
            if (last[i] < first[i]) {
                throw new IllegalArgumentException("buffer " + i + " has last step " + last[i]
                        + " before first step " + first[i]);
            }
        }
        return new BufferSet(sizes, first, last);
    }

    int count() {
        return sizes.length;
    }

    /** Whether buffers i and j are live at a common step. */
    boolean liveTogether(int i, int j) {
        return first[i] <= last[j] && first[j] <= last[i];
    }

    /** Sum of the sizes, each rounded up to ALIGN: the arena a planner that shares nothing would need. */
    long alignedTotal() {
        long total = 0;
        try {
            for (long size : sizes) {
                total = Math.addExact(total, Alignment.up(size));
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("total size of the buffers exceeds the range of long", e);
        }
        return total;
    }

    String describe(int i, long offset) {
        return "buffer " + i + " at [" + offset + ", " + (offset + sizes[i]) + ") steps " + first[i] + ".." + last[i];
    }
}
