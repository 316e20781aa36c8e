package nnet.runtime.kernels;

import java.util.Arrays;

/** Zeroes an m x n block of a row-major matrix, leaving the elements between rows alone. */
final class Fill {
    private Fill() {
    }

    static void zero(float[] c, int off, int ld, int m, int n) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, off + i * ld, off + i * ld + n, 0f);
        }
    }

    static void zero(double[] c, int off, int ld, int m, int n) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, off + i * ld, off + i * ld + n, 0.0);
        }
    }
}
