package nnet.runtime.kernels;

/** The argument checks of {@link Pool}'s entry points, done before anything is written. */
final class PoolChecks {
    private PoolChecks() {
    }

    /**
     * Checks a pooling window along one dimension and returns the output size; as in PyTorch, the padding
     * may be at most half the kernel, so that every window overlaps the input.
     */
    static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
        if (size < 1) {
            throw new IllegalArgumentException("pooling needs a non-empty input plane, got a size of " + size);
        }
        int out = ConvChecks.outputSize(size, kernel, stride, padding, dilation);
        if (padding > kernel / 2) {
            throw new IllegalArgumentException("padding " + padding + " exceeds half the kernel " + kernel);
        }
        return out;
    }

    /** Checks the input and output tensors of a pooling pass, [planes][inH][inW] and [planes][outH][outW]. */
    static void planes(int batch, int channels, int inH, int inW, int outH, int outW,
                       int inLength, int inOff, int outLength, int outOff) {
        ConvChecks.nonNegative("batch", batch);
        ConvChecks.nonNegative("channels", channels);
        ConvChecks.nonNegative("input height", inH);
        ConvChecks.nonNegative("input width", inW);
        ConvChecks.operand("input", inLength, inOff, ConvChecks.elements(batch, channels, inH, inW));
        ConvChecks.operand("output", outLength, outOff, ConvChecks.elements(batch, channels, outH, outW));
    }

    /** Checks adaptive pooling's sizes: a non-empty input pooled to a positive size. */
    static void adaptive(int inH, int inW, int outH, int outW) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("adaptive pooling needs a non-empty input and output, got "
                    + inH + " x " + inW + " to " + outH + " x " + outW);
        }
    }

    /** Checks max pooling's index operand, one int per output. */
    static void argmax(int batch, int channels, int outH, int outW, int length, int off) {
        ConvChecks.operand("argmax", length, off, ConvChecks.elements(batch, channels, outH, outW));
    }
}
