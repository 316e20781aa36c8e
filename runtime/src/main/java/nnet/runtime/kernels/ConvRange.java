package nnet.runtime.kernels;

/**
 * Which output positions of one kernel tap read inside the input, along one dimension. Output position o
 * reads input position {@code o*stride + offset}, where {@code offset = tap*dilation - padding}; the
 * positions that land in {@code [0, size)} form the range {@code [first, end)} of [0, outSize).
 */
final class ConvRange {
    private ConvRange() {
    }

    /** The first output position whose input position is at least 0 (outSize when there is none). */
    static int first(int offset, int stride, int outSize) {
        return clamp(Math.floorDiv(-offset + stride - 1, stride), 0, outSize);
    }

    /** One past the last output position whose input position is below size (at least {@link #first}). */
    static int end(int size, int offset, int stride, int outSize) {
        int end = clamp(Math.floorDiv(size - 1 - offset, stride) + 1, 0, outSize);
        return Math.max(end, first(offset, stride, outSize));
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
