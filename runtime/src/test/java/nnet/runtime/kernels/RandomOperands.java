package nnet.runtime.kernels;

import java.util.SplittableRandom;

/** Random operand arrays for the convolution and pooling tests. */
final class RandomOperands {
    /** Elements after every operand, which no pass may touch. */
    static final int TAIL = 3;

    private RandomOperands() {
    }

    /**
     * Values in [-1, 1) for an operand of {@code elements} at {@code off}, in an array that has {@code off}
     * elements before it and {@link #TAIL} after it, all random too; {@code stream} tells operands apart.
     */
    static double[] values(long seed, int off, int elements, int stream) {
        SplittableRandom random = new SplittableRandom(seed * 31 + stream);
        double[] v = new double[off + elements + TAIL];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble() * 2 - 1;
        }
        return v;
    }
}
