package nnet.runtime.kernels;

/** Argument checks of the float and double attention entry points, done before anything is written. */
final class AttentionChecks {
    private AttentionChecks() {
    }

    static void sizes(int batch, int queries, int keys, int depth, int valueDepth) {
        if (batch < 0 || queries < 0 || keys < 0 || depth < 0 || valueDepth < 0) {
            throw new IllegalArgumentException("negative size: batch=" + batch + " queries=" + queries + " keys="
                    + keys + " depth=" + depth + " valueDepth=" + valueDepth);
        }
    }

    /** Checks that {@code elements} elements from {@code off} lie inside an array of {@code length}. */
    static void dense(String name, int length, int off, long elements) {
        if (off < 0 || off + elements > length) {
            throw new IndexOutOfBoundsException(name + ": " + elements + " elements at offset " + off
                    + " do not fit an array of " + length);
        }
    }

    /** Checks that every bias element the strides reach lies inside the array. */
    static void bias(int length, int off, int groups, int plane, int row, int col, int queries, int keys) {
        if (plane < 0 || row < 0 || col < 0) {
            throw new IllegalArgumentException("negative bias stride: plane=" + plane + " row=" + row + " col=" + col);
        }
        if (queries == 0 || keys == 0) {
            return;
        }
        long last = off + (long) (Math.max(1, groups) - 1) * plane + (long) (queries - 1) * row + (long) (keys - 1) * col;
        if (off < 0 || last >= length) {
            throw new IndexOutOfBoundsException("bias: element " + last + " is outside an array of " + length);
        }
    }
}
