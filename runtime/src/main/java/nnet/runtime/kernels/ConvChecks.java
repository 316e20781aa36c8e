package nnet.runtime.kernels;

/**
 * Argument checks shared by the float and double convolution and pooling entry points, done before
 * anything is written. Sizes are multiplied in long, so that a product too large for an array is reported
 * instead of wrapping around. No varargs: the checks run on every call, which must not allocate.
 */
final class ConvChecks {
    private ConvChecks() {
    }

    /**
     * Checks the geometry of a convolution apart from its output sizes and padding (which the output sizes
     * check, and which internal passes may make negative).
     */
    static void geometry(int batch, int inChannels, int inH, int inW, int outChannels, int kernelH, int kernelW,
                         int strideH, int strideW, int dilationH, int dilationW, int groups) {
        nonNegative("batch", batch);
        nonNegative("input channels", inChannels);
        nonNegative("input height", inH);
        nonNegative("input width", inW);
        nonNegative("output channels", outChannels);
        positive("kernel", kernelH, kernelW);
        positive("stride", strideH, strideW);
        positive("dilation", dilationH, dilationW);
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups " + groups + " must be positive and divide both "
                    + inChannels + " input and " + outChannels + " output channels");
        }
    }

    /** Checks a pooling or convolution window: kernel, stride and dilation positive, padding non-negative. */
    static void window(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW) {
        positive("kernel", kernelH, kernelW);
        positive("stride", strideH, strideW);
        positive("dilation", dilationH, dilationW);
        nonNegative("padding", padH);
        nonNegative("padding", padW);
    }

    /**
     * Output size of a convolution or pooling along one dimension, floor((size + 2p - d(k-1) - 1) / s) + 1,
     * after checking the dimension's kernel, stride, padding and dilation.
     */
    static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
        window(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
        long span = (long) dilation * (kernel - 1) + 1;
        long room = size + 2L * padding - span;
        if (room < 0) {
            throw new IllegalArgumentException("input size " + size + " with padding " + padding
                    + " is smaller than the kernel's span " + span);
        }
        return toInt("output size", room / stride + 1);
    }

    /**
     * Output size of a transposed convolution, (size - 1) s - 2p + d(k-1) + outputPadding + 1, after checking
     * the dimension's parameters; as in PyTorch, the output padding must be below the stride or the dilation.
     */
    static int transposedOutputSize(int size, int kernel, int stride, int padding, int outputPadding, int dilation) {
        window(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
        nonNegative("output padding", outputPadding);
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException("output padding " + outputPadding
                    + " must be smaller than the stride " + stride + " or the dilation " + dilation);
        }
        long out = (size - 1L) * stride - 2L * padding + (long) dilation * (kernel - 1) + outputPadding + 1;
        if (out < 0) {
            throw new IllegalArgumentException("padding " + padding + " leaves a negative output size " + out);
        }
        return toInt("output size", out);
    }

    /** Checks that {@code elements} elements from {@code off} lie inside an array of {@code length}. */
    static void operand(String name, int length, int off, long elements) {
        if (off < 0) {
            throw new IndexOutOfBoundsException(name + ": negative offset " + off);
        }
        if (off + elements > length) {
            throw new IndexOutOfBoundsException(name + ": " + elements + " elements at offset " + off
                    + " do not fit in an array of " + length);
        }
    }

    /** Checks an operand that may be absent (null, given as length -1), such as a bias. */
    static void optionalOperand(String name, int length, int off, long elements) {
        if (length >= 0) {
            operand(name, length, off, elements);
        }
    }

    /** Checks the scratch: it may be null (length -1) only when no element is needed. */
    static void scratch(int length, int off, long needed) {
        if (length >= 0) {
            operand("scratch", length, off, needed);
        } else if (needed > 0) {
            throw new NullPointerException("scratch is null but " + needed + " elements are needed");
        }
    }

    /** Elements of a [a][b][c][d] tensor, checked not to overflow. */
    static long elements(int a, int b, int c, int d) {
        return Math.multiplyExact(Math.multiplyExact((long) a * b, c), d);
    }

    /** An array's length, or -1 for null (see {@link #optionalOperand}). */
    static int length(float[] array) {
        return array == null ? -1 : array.length;
    }

    static int length(double[] array) {
        return array == null ? -1 : array.length;
    }

    static int toInt(String name, long value) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + value + " exceeds the largest array");
        }
        return (int) value;
    }

    static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void positive(String name, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + height + " x " + width);
        }
    }
}
