package nnet.runtime.io;

import java.util.Arrays;

/** Shape checks shared by the readers, whose files may declare shapes that no tensor can hold. */
final class Shapes {
    private Shapes() {
    }

    /**
     * The element count of non-negative {@code dims}, or -1 when it exceeds what one Java array (and so one
     * tensor) can hold. Stops multiplying early so that no product can overflow.
     */
    static long elementCount(long[] dims) {
        for (long d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        long count = 1;
        for (long d : dims) {
            if (d > Integer.MAX_VALUE) {
                return -1;
            }
            count *= d;
            if (count > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return count;
    }

    /** {@code dims} as a tensor shape, or a BadFormat saying why it cannot be one. */
    static int[] toTensorShape(long[] dims) {
        if (elementCount(dims) < 0) {
            throw new BadFormat("shape " + Arrays.toString(dims) + " has more than " + Integer.MAX_VALUE
                    + " elements, more than a tensor can hold");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return shape;
    }
}
