package nnet.runtime.kernels;

/**
 * Convolutions with the semantics of PyTorch's {@code torch.nn.functional.conv2d} and {@code conv1d}, and
 * their gradients, for float and double, on NCHW tensors stored densely in arrays from a given offset:
 * <pre>
 *   x  [batch][inChannels][inHeight][inWidth]         input
 *   w  [outChannels][inChannels/groups][kernelHeight][kernelWidth]
 *   y  [batch][outChannels][outHeight][outWidth]      output
 *   y[n][o][i][j] = bias[o] + sum over c < inChannels/groups, kh, kw of
 *       w[o][c][kh][kw] * x[n][g*inChannels/groups + c][i*strideHeight + kh*dilationHeight - padHeight]
 *                                                      [j*strideWidth + kw*dilationWidth - padWidth]
 * </pre>
 * with g = o / (outChannels/groups) and x = 0 outside the input; outHeight and outWidth are
 * {@link #conv2dOutputSize}. conv1d is conv2d with a height of 1 (its weights are [out][in/groups][k]).
 *
 * <p>Every pass takes the same geometry, in PyTorch's order: {@code batch, inChannels, inHeight, inWidth,
 * outChannels, kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
 * dilationWidth, groups}. The output is written as {@code out = (accumulate ? out : 0) + result}; nothing
 * outside it is touched. Outputs must not overlap inputs or the scratch.
 *
 * <p><b>Scratch.</b> The caller gives each call a scratch array of the call's type and an offset; the
 * matching {@code ...ScratchSize} method says how many elements it needs (it may be null when that is
 * 0). Its contents do not matter on entry and are undefined on exit. The matrix products also use
 * {@link Gemm}'s per-thread working memory, which is bounded by its block sizes. Steady-state calls
 * allocate nothing.
 *
 * <p><b>Results</b> depend only on the arguments, not on how the work is blocked: each output element of
 * the forward pass and of the input gradient through a unit-stride convolution is one chain of fused
 * multiply-adds over its terms in a fixed order, as in {@link Gemm}; the weight gradient is such a chain
 * over images, then positions; with other strides the input gradient adds, for each input element, the
 * products of its taps in tap order. The bias gradient is {@link #biasGradient}'s sum.
 */
public final class Conv {
    private Conv() {
    }

    /** conv2d's output size along one dimension: floor((size + 2 padding - dilation (kernel - 1) - 1) / stride) + 1. */
    public static int conv2dOutputSize(int size, int kernel, int stride, int padding, int dilation) {
        return ConvChecks.outputSize(size, kernel, stride, padding, dilation);
    }

    /** Scratch elements {@link #conv2d} needs. */
    public static int conv2dScratchSize(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                        int padHeight, int padWidth, int dilationHeight, int dilationWidth,
                                        int groups) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.forwardScratch(s));
    }

    /** Scratch elements {@link #conv2dBackwardData} needs. */
    public static int conv2dBackwardDataScratchSize(int batch, int inChannels, int inHeight, int inWidth,
                                                    int outChannels, int kernelHeight, int kernelWidth,
                                                    int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                    int dilationHeight, int dilationWidth, int groups) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.backwardDataScratch(s));
    }

    /** Scratch elements {@link #conv2dBackwardWeight} needs. */
    public static int conv2dBackwardWeightScratchSize(int batch, int inChannels, int inHeight, int inWidth,
                                                      int outChannels, int kernelHeight, int kernelWidth,
                                                      int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                      int dilationHeight, int dilationWidth, int groups) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.backwardWeightScratch(s));
    }

    /** y (+)= conv2d(x, w, bias); bias [outChannels] may be null. */
    public static void conv2d(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                              int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                              int padHeight, int padWidth, int dilationHeight, int dilationWidth, int groups,
                              float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                              float[] y, int yOff, boolean accumulate, float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.forward(s, x.length, xOff, w.length, wOff, ConvChecks.length(bias), biasOff, y.length, yOff,
                ConvChecks.length(scratch), scratchOff);
        FloatConv.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv2d above. */
    public static void conv2d(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                              int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                              int padHeight, int padWidth, int dilationHeight, int dilationWidth, int groups,
                              double[] x, int xOff, double[] w, int wOff, double[] bias, int biasOff,
                              double[] y, int yOff, boolean accumulate, double[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.forward(s, x.length, xOff, w.length, wOff, ConvChecks.length(bias), biasOff, y.length, yOff,
                ConvChecks.length(scratch), scratchOff);
        DoubleConv.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** dx (+)= the gradient of conv2d with respect to its input, for the output gradient dy. */
    public static void conv2dBackwardData(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                          int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                          int padHeight, int padWidth, int dilationHeight, int dilationWidth,
                                          int groups, float[] dy, int dyOff, float[] w, int wOff,
                                          float[] dx, int dxOff, boolean accumulate, float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.backwardData(s, dy.length, dyOff, w.length, wOff, -1, 0, dx.length, dxOff,
                ConvChecks.length(scratch), scratchOff);
        FloatConv.backwardData(s, dy, dyOff, w, wOff, null, 0, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv2dBackwardData above. */
    public static void conv2dBackwardData(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                          int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                          int padHeight, int padWidth, int dilationHeight, int dilationWidth,
                                          int groups, double[] dy, int dyOff, double[] w, int wOff,
                                          double[] dx, int dxOff, boolean accumulate, double[] scratch,
                                          int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.backwardData(s, dy.length, dyOff, w.length, wOff, -1, 0, dx.length, dxOff,
                ConvChecks.length(scratch), scratchOff);
        DoubleConv.backwardData(s, dy, dyOff, w, wOff, null, 0, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /**
     * dw (+)= the gradient of conv2d with respect to its weights, for input x and output gradient dy; and,
     * unless db is null, db (+)= the bias gradient, as {@link #biasGradient} computes it (bit for bit), but
     * summing each image's dy while the weight gradient has it in cache.
     */
    public static void conv2dBackwardWeight(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                            int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                            int padHeight, int padWidth, int dilationHeight, int dilationWidth,
                                            int groups, float[] x, int xOff, float[] dy, int dyOff,
                                            float[] dw, int dwOff, float[] db, int dbOff, boolean accumulate,
                                            float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.backwardWeight(s, x.length, xOff, dw.length, dwOff, ConvChecks.length(db), dbOff, dy.length,
                dyOff, ConvChecks.length(scratch), scratchOff);
        FloatConv.backwardWeight(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv2dBackwardWeight above. */
    public static void conv2dBackwardWeight(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                            int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                            int padHeight, int padWidth, int dilationHeight, int dilationWidth,
                                            int groups, double[] x, int xOff, double[] dy, int dyOff,
                                            double[] dw, int dwOff, double[] db, int dbOff, boolean accumulate,
                                            double[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().conv2d(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth, groups);
        Conv2dCheck.backwardWeight(s, x.length, xOff, dw.length, dwOff, ConvChecks.length(db), dbOff, dy.length,
                dyOff, ConvChecks.length(scratch), scratchOff);
        DoubleConv.backwardWeight(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, accumulate, scratch, scratchOff);
    }

    /** Scratch elements {@link #conv1d} needs; conv1d's geometry is conv2d's without the height. */
    public static int conv1dScratchSize(int batch, int inChannels, int inLength, int outChannels, int kernel,
                                        int stride, int padding, int dilation, int groups) {
        return conv2dScratchSize(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding,
                1, dilation, groups);
    }

    /** Scratch elements {@link #conv1dBackwardData} needs. */
    public static int conv1dBackwardDataScratchSize(int batch, int inChannels, int inLength, int outChannels,
                                                    int kernel, int stride, int padding, int dilation, int groups) {
        return conv2dBackwardDataScratchSize(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0,
                padding, 1, dilation, groups);
    }

    /** Scratch elements {@link #conv1dBackwardWeight} needs. */
    public static int conv1dBackwardWeightScratchSize(int batch, int inChannels, int inLength, int outChannels,
                                                      int kernel, int stride, int padding, int dilation, int groups) {
        return conv2dBackwardWeightScratchSize(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride,
                0, padding, 1, dilation, groups);
    }

    /** y (+)= conv1d(x, w, bias): x [batch][inChannels][inLength], w [outChannels][inChannels/groups][kernel]. */
    public static void conv1d(int batch, int inChannels, int inLength, int outChannels, int kernel, int stride,
                              int padding, int dilation, int groups, float[] x, int xOff, float[] w, int wOff,
                              float[] bias, int biasOff, float[] y, int yOff, boolean accumulate,
                              float[] scratch, int scratchOff) {
        conv2d(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1, dilation, groups,
                x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv1d above. */
    public static void conv1d(int batch, int inChannels, int inLength, int outChannels, int kernel, int stride,
                              int padding, int dilation, int groups, double[] x, int xOff, double[] w, int wOff,
                              double[] bias, int biasOff, double[] y, int yOff, boolean accumulate,
                              double[] scratch, int scratchOff) {
        conv2d(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1, dilation, groups,
                x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** dx (+)= the gradient of conv1d with respect to its input, for the output gradient dy. */
    public static void conv1dBackwardData(int batch, int inChannels, int inLength, int outChannels, int kernel,
                                          int stride, int padding, int dilation, int groups, float[] dy, int dyOff,
                                          float[] w, int wOff, float[] dx, int dxOff, boolean accumulate,
                                          float[] scratch, int scratchOff) {
        conv2dBackwardData(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1,
                dilation, groups, dy, dyOff, w, wOff, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv1dBackwardData above. */
    public static void conv1dBackwardData(int batch, int inChannels, int inLength, int outChannels, int kernel,
                                          int stride, int padding, int dilation, int groups, double[] dy, int dyOff,
                                          double[] w, int wOff, double[] dx, int dxOff, boolean accumulate,
                                          double[] scratch, int scratchOff) {
        conv2dBackwardData(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1,
                dilation, groups, dy, dyOff, w, wOff, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /** dw (+)= the gradient of conv1d with respect to its weights, and db (+)= its bias gradient unless db is null. */
    public static void conv1dBackwardWeight(int batch, int inChannels, int inLength, int outChannels, int kernel,
                                            int stride, int padding, int dilation, int groups, float[] x, int xOff,
                                            float[] dy, int dyOff, float[] dw, int dwOff, float[] db, int dbOff,
                                            boolean accumulate, float[] scratch, int scratchOff) {
        conv2dBackwardWeight(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1,
                dilation, groups, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float conv1dBackwardWeight above. */
    public static void conv1dBackwardWeight(int batch, int inChannels, int inLength, int outChannels, int kernel,
                                            int stride, int padding, int dilation, int groups, double[] x, int xOff,
                                            double[] dy, int dyOff, double[] dw, int dwOff, double[] db, int dbOff,
                                            boolean accumulate, double[] scratch, int scratchOff) {
        conv2dBackwardWeight(batch, inChannels, 1, inLength, outChannels, 1, kernel, 1, stride, 0, padding, 1,
                dilation, groups, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, accumulate, scratch, scratchOff);
    }

    /**
     * db[c] (+)= the sum of dy[n][c][p] over images n and positions p, dy being [batch][channels][positions]:
     * the bias gradient of conv1d, conv2d and convTranspose2d (positions = their output's height times width).
     * Images are added in order, each image's positions as eight interleaved partial sums added pairwise.
     */
    public static void biasGradient(int batch, int channels, int positions, float[] dy, int dyOff,
                                    float[] db, int dbOff, boolean accumulate) {
        Conv2dCheck.biasGradient(batch, channels, positions, dy.length, dyOff, db.length, dbOff);
        FloatBias.gradient(batch, channels, positions, dy, dyOff, db, dbOff, accumulate);
    }

    /** The double counterpart of the float biasGradient above. */
    public static void biasGradient(int batch, int channels, int positions, double[] dy, int dyOff,
                                    double[] db, int dbOff, boolean accumulate) {
        Conv2dCheck.biasGradient(batch, channels, positions, dy.length, dyOff, db.length, dbOff);
        DoubleBias.gradient(batch, channels, positions, dy, dyOff, db, dbOff, accumulate);
    }
}
