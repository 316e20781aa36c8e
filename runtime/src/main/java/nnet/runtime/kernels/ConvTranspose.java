package nnet.runtime.kernels;

/**
 * Transposed convolutions with the semantics of PyTorch's {@code torch.nn.functional.conv_transpose2d},
 * and their gradients, for float and double, on NCHW tensors:
 * <pre>
 *   x  [batch][inChannels][inHeight][inWidth]
 *   w  [inChannels][outChannels/groups][kernelHeight][kernelWidth]
 *   y  [batch][outChannels][outHeight][outWidth],  outHeight = {@link #convTranspose2dOutputSize}
 * </pre>
 * A transposed convolution is the input gradient of the convolution from y's shape to x's with the same
 * weights, stride, padding, dilation and groups, so its passes are {@link Conv}'s with the roles exchanged:
 * its forward pass is that convolution's input gradient (plus the bias), its input gradient that
 * convolution's forward pass, and its weight gradient that convolution's weight gradient with x as the
 * output gradient and dy as the input. The output padding only adds rows and columns at the end of y,
 * which the convolution does not read.
 *
 * <p>The geometry, in PyTorch's order apart from dilation and groups (kept as in conv2d): {@code batch,
 * inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, strideHeight, strideWidth,
 * padHeight, padWidth, outputPadHeight, outputPadWidth, dilationHeight, dilationWidth, groups}.
 * Accumulation, scratch and results are as described for {@link Conv}; the bias gradient is
 * {@link Conv#biasGradient} over y's positions.
 */
public final class ConvTranspose {
    private ConvTranspose() {
    }

    /** Output size along one dimension: (size - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1. */
    public static int convTranspose2dOutputSize(int size, int kernel, int stride, int padding, int outputPadding,
                                                int dilation) {
        return ConvChecks.transposedOutputSize(size, kernel, stride, padding, outputPadding, dilation);
    }

    /** Scratch elements {@link #convTranspose2d} needs. */
    public static int convTranspose2dScratchSize(int batch, int inChannels, int inHeight, int inWidth,
                                                 int outChannels, int kernelHeight, int kernelWidth,
                                                 int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                 int outputPadHeight, int outputPadWidth, int dilationHeight,
                                                 int dilationWidth, int groups) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.backwardDataScratch(s));
    }

    /** Scratch elements {@link #convTranspose2dBackwardData} needs. */
    public static int convTranspose2dBackwardDataScratchSize(int batch, int inChannels, int inHeight, int inWidth,
                                                             int outChannels, int kernelHeight, int kernelWidth,
                                                             int strideHeight, int strideWidth, int padHeight,
                                                             int padWidth, int outputPadHeight, int outputPadWidth,
                                                             int dilationHeight, int dilationWidth, int groups) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.forwardScratch(s));
    }

    /** Scratch elements {@link #convTranspose2dBackwardWeight} needs. */
    public static int convTranspose2dBackwardWeightScratchSize(int batch, int inChannels, int inHeight, int inWidth,
                                                               int outChannels, int kernelHeight, int kernelWidth,
                                                               int strideHeight, int strideWidth, int padHeight,
                                                               int padWidth, int outputPadHeight, int outputPadWidth,
                                                               int dilationHeight, int dilationWidth, int groups) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        return ConvChecks.toInt("scratch size", ConvPlan.backwardWeightScratch(s));
    }

    /** y (+)= conv_transpose2d(x, w, bias); bias [outChannels] may be null. */
    public static void convTranspose2d(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                       int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                       int padHeight, int padWidth, int outputPadHeight, int outputPadWidth,
                                       int dilationHeight, int dilationWidth, int groups,
                                       float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                                       float[] y, int yOff, boolean accumulate, float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.backwardData(s, x.length, xOff, w.length, wOff, ConvChecks.length(bias), biasOff, y.length,
                yOff, ConvChecks.length(scratch), scratchOff);
        FloatConv.backwardData(s, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float convTranspose2d above. */
    public static void convTranspose2d(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                       int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                       int padHeight, int padWidth, int outputPadHeight, int outputPadWidth,
                                       int dilationHeight, int dilationWidth, int groups,
                                       double[] x, int xOff, double[] w, int wOff, double[] bias, int biasOff,
                                       double[] y, int yOff, boolean accumulate, double[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.backwardData(s, x.length, xOff, w.length, wOff, ConvChecks.length(bias), biasOff, y.length,
                yOff, ConvChecks.length(scratch), scratchOff);
        DoubleConv.backwardData(s, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
    }

    /** dx (+)= the gradient of conv_transpose2d with respect to its input, for the output gradient dy. */
    public static void convTranspose2dBackwardData(int batch, int inChannels, int inHeight, int inWidth,
                                                   int outChannels, int kernelHeight, int kernelWidth,
                                                   int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                   int outputPadHeight, int outputPadWidth, int dilationHeight,
                                                   int dilationWidth, int groups, float[] dy, int dyOff,
                                                   float[] w, int wOff, float[] dx, int dxOff, boolean accumulate,
                                                   float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.forward(s, dy.length, dyOff, w.length, wOff, -1, 0, dx.length, dxOff, ConvChecks.length(scratch),
                scratchOff);
        FloatConv.forward(s, dy, dyOff, w, wOff, null, 0, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float convTranspose2dBackwardData above. */
    public static void convTranspose2dBackwardData(int batch, int inChannels, int inHeight, int inWidth,
                                                   int outChannels, int kernelHeight, int kernelWidth,
                                                   int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                   int outputPadHeight, int outputPadWidth, int dilationHeight,
                                                   int dilationWidth, int groups, double[] dy, int dyOff,
                                                   double[] w, int wOff, double[] dx, int dxOff, boolean accumulate,
                                                   double[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.forward(s, dy.length, dyOff, w.length, wOff, -1, 0, dx.length, dxOff, ConvChecks.length(scratch),
                scratchOff);
        DoubleConv.forward(s, dy, dyOff, w, wOff, null, 0, dx, dxOff, accumulate, scratch, scratchOff);
    }

    /** dw (+)= the gradient of conv_transpose2d with respect to its weights, for input x and output gradient dy. */
    public static void convTranspose2dBackwardWeight(int batch, int inChannels, int inHeight, int inWidth,
                                                     int outChannels, int kernelHeight, int kernelWidth,
                                                     int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                     int outputPadHeight, int outputPadWidth, int dilationHeight,
                                                     int dilationWidth, int groups, float[] x, int xOff,
                                                     float[] dy, int dyOff, float[] dw, int dwOff, boolean accumulate,
                                                     float[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.backwardWeight(s, dy.length, dyOff, dw.length, dwOff, -1, 0, x.length, xOff,
                ConvChecks.length(scratch), scratchOff);
        FloatConv.backwardWeight(s, dy, dyOff, x, xOff, dw, dwOff, null, 0, accumulate, scratch, scratchOff);
    }

    /** The double counterpart of the float convTranspose2dBackwardWeight above. */
    public static void convTranspose2dBackwardWeight(int batch, int inChannels, int inHeight, int inWidth,
                                                     int outChannels, int kernelHeight, int kernelWidth,
                                                     int strideHeight, int strideWidth, int padHeight, int padWidth,
                                                     int outputPadHeight, int outputPadWidth, int dilationHeight,
                                                     int dilationWidth, int groups, double[] x, int xOff,
                                                     double[] dy, int dyOff, double[] dw, int dwOff,
                                                     boolean accumulate, double[] scratch, int scratchOff) {
        ConvShape s = ConvShape.forCurrentThread().transposed(batch, inChannels, inHeight, inWidth, outChannels,
                kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outputPadHeight,
                outputPadWidth, dilationHeight, dilationWidth, groups);
        Conv2dCheck.backwardWeight(s, dy.length, dyOff, dw.length, dwOff, -1, 0, x.length, xOff,
                ConvChecks.length(scratch), scratchOff);
        DoubleConv.backwardWeight(s, dy, dyOff, x, xOff, dw, dwOff, null, 0, accumulate, scratch, scratchOff);
    }
}
