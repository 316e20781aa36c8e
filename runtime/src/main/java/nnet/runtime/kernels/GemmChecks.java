package nnet.runtime.kernels;

/** Argument checks shared by the float and double GEMM entry points, done before anything is written. */
final class GemmChecks {
    private GemmChecks() {
    }

    static void sizes(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: m=" + m + " n=" + n + " k=" + k);
        }
    }

    /**
     * Checks that a row-major matrix of {@code rows x cols} elements with leading dimension {@code ld} at
     * {@code off} lies inside an array of {@code length} elements.
     */
    static void operand(String name, int length, int off, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": negative size " + rows + " x " + cols);
        }
        if (ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < row length " + cols);
        }
        if (off < 0) {
            throw new IndexOutOfBoundsException(name + ": negative offset " + off);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " with leading dimension " + ld
                    + " at offset " + off + " needs " + end + " elements, the array has " + length);
        }
    }
}
