package nnet.runtime.kernels;

import java.util.Arrays;

/** Moves one row of a C block between the caller's matrix and an accumulator row that starts at index 0. */
final class FloatRows {
    private FloatRows() {
    }

    /**
     * Fills {@code acc[0, n)} with the C elements {@code c[off + j*colStride]}, or with zeros when
     * {@code zero} (C's old value is not wanted).
     */
    static void load(float[] c, int off, int colStride, float[] acc, int n, boolean zero) {
        if (zero) {
            Arrays.fill(acc, 0, n, 0);
        } else if (colStride == 1) {
            System.arraycopy(c, off, acc, 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                acc[j] = c[off + j * colStride];
            }
        }
    }

    /** Writes {@code acc[0, n)} back to {@code c[off + j*colStride]}. */
    static void store(float[] acc, float[] c, int off, int colStride, int n) {
        if (colStride == 1) {
            System.arraycopy(acc, 0, c, off, n);
        } else {
            for (int j = 0; j < n; j++) {
                c[off + j * colStride] = acc[j];
            }
        }
    }
}
