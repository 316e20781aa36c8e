package nnet.runtime.kernels;

/**
 * Pooling with the semantics of PyTorch's {@code torch.nn.functional.max_pool2d} (with
 * {@code return_indices}), {@code avg_pool2d} and {@code adaptive_avg_pool2d}, and their gradients, for
 * float and double, on NCHW tensors x [batch][channels][inHeight][inWidth] and
 * y [batch][channels][outHeight][outWidth] stored densely from an offset. ceil_mode is off: the output
 * size is {@link #outputSize}. As in PyTorch the padding may be at most half the kernel. Forward passes
 * overwrite y; backward passes write {@code dx = (accumulate ? dx : 0) + gradient}; nothing outside the
 * outputs is touched, and no call allocates or needs scratch.
 *
 * <p>Window sums are taken in the element type, in scan order, and divided once, as PyTorch does; see
 * {@link FloatMaxPool} and {@link FloatAvgPool} for the exact rules (ties, NaN, divisors, adaptive windows).
 */
public final class Pool {
    private Pool() {
    }

    /** Output size along one dimension: floor((size + 2 padding - dilation (kernel - 1) - 1) / stride) + 1. */
    public static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
        return PoolChecks.outputSize(size, kernel, stride, padding, dilation);
    }

    /**
     * y = max_pool2d(x) and argmax = the index within its input plane ({@code ih * inWidth + iw}) of each
     * output's maximum, as PyTorch's {@code return_indices}.
     */
    public static void maxPool2d(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                 int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth,
                                 int dilationHeight, int dilationWidth, float[] x, int xOff, float[] y, int yOff,
                                 int[] argmax, int argmaxOff) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, x.length, xOff, y.length, yOff);
        PoolChecks.argmax(batch, channels, outH, outW, argmax.length, argmaxOff);
        FloatMaxPool.forward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, dilationHeight, dilationWidth, x, xOff, y, yOff,
                argmax, argmaxOff);
    }

    /** dx (+)= the gradient of max_pool2d: each dy added at the position its argmax names. */
    public static void maxPool2dBackward(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                         int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                                         int padWidth, int dilationHeight, int dilationWidth, float[] dy, int dyOff,
                                         int[] argmax, int argmaxOff, float[] dx, int dxOff, boolean accumulate) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, dx.length, dxOff, dy.length, dyOff);
        PoolChecks.argmax(batch, channels, outH, outW, argmax.length, argmaxOff);
        FloatMaxPool.backward(batch * channels, inHeight, inWidth, outH, outW, dy, dyOff, argmax, argmaxOff,
                dx, dxOff, accumulate);
    }

    /** y = avg_pool2d(x) with ceil_mode off; countIncludePad as PyTorch's count_include_pad (default true). */
    public static void avgPool2d(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                 int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth,
                                 boolean countIncludePad, float[] x, int xOff, float[] y, int yOff) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, 1);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, 1);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, x.length, xOff, y.length, yOff);
        FloatAvgPool.forward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, countIncludePad, x, xOff, y, yOff);
    }

    /** dx (+)= the gradient of avg_pool2d: each dy, divided as in the forward pass, added over its window. */
    public static void avgPool2dBackward(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                         int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                                         int padWidth, boolean countIncludePad, float[] dy, int dyOff,
                                         float[] dx, int dxOff, boolean accumulate) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, 1);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, 1);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, dx.length, dxOff, dy.length, dyOff);
        FloatAvgPool.backward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, countIncludePad, dy, dyOff, dx, dxOff, accumulate);
    }

    /**
     * y = adaptive_avg_pool2d(x, (outHeight, outWidth)); output 1 x 1 is the global average, each plane
     * summed as {@link Conv#biasGradient} sums a row.
     */
    public static void adaptiveAvgPool2d(int batch, int channels, int inHeight, int inWidth, int outHeight,
                                         int outWidth, float[] x, int xOff, float[] y, int yOff) {
        PoolChecks.adaptive(inHeight, inWidth, outHeight, outWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outHeight, outWidth, x.length, xOff, y.length, yOff);
        FloatAvgPool.adaptiveForward(batch * channels, inHeight, inWidth, outHeight, outWidth, x, xOff, y, yOff);
    }

    /** dx (+)= the gradient of adaptive_avg_pool2d. */
    public static void adaptiveAvgPool2dBackward(int batch, int channels, int inHeight, int inWidth,
                                                 int outHeight, int outWidth, float[] dy, int dyOff,
                                                 float[] dx, int dxOff, boolean accumulate) {
        PoolChecks.adaptive(inHeight, inWidth, outHeight, outWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outHeight, outWidth, dx.length, dxOff, dy.length,
                dyOff);
        FloatAvgPool.adaptiveBackward(batch * channels, inHeight, inWidth, outHeight, outWidth, dy, dyOff, dx, dxOff,
                accumulate);
    }

    /** The double counterpart of the float maxPool2d above. */
    public static void maxPool2d(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                 int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth,
                                 int dilationHeight, int dilationWidth, double[] x, int xOff, double[] y, int yOff,
                                 int[] argmax, int argmaxOff) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, x.length, xOff, y.length, yOff);
        PoolChecks.argmax(batch, channels, outH, outW, argmax.length, argmaxOff);
        DoubleMaxPool.forward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, dilationHeight, dilationWidth, x, xOff, y, yOff,
                argmax, argmaxOff);
    }

    /** The double counterpart of the float maxPool2dBackward above. */
    public static void maxPool2dBackward(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                         int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                                         int padWidth, int dilationHeight, int dilationWidth, double[] dy, int dyOff,
                                         int[] argmax, int argmaxOff, double[] dx, int dxOff, boolean accumulate) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, dx.length, dxOff, dy.length, dyOff);
        PoolChecks.argmax(batch, channels, outH, outW, argmax.length, argmaxOff);
        DoubleMaxPool.backward(batch * channels, inHeight, inWidth, outH, outW, dy, dyOff, argmax, argmaxOff,
                dx, dxOff, accumulate);
    }

    /** The double counterpart of the float avgPool2d above. */
    public static void avgPool2d(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                 int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth,
                                 boolean countIncludePad, double[] x, int xOff, double[] y, int yOff) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, 1);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, 1);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, x.length, xOff, y.length, yOff);
        DoubleAvgPool.forward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, countIncludePad, x, xOff, y, yOff);
    }

    /** The double counterpart of the float avgPool2dBackward above. */
    public static void avgPool2dBackward(int batch, int channels, int inHeight, int inWidth, int kernelHeight,
                                         int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                                         int padWidth, boolean countIncludePad, double[] dy, int dyOff,
                                         double[] dx, int dxOff, boolean accumulate) {
        int outH = PoolChecks.outputSize(inHeight, kernelHeight, strideHeight, padHeight, 1);
        int outW = PoolChecks.outputSize(inWidth, kernelWidth, strideWidth, padWidth, 1);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outH, outW, dx.length, dxOff, dy.length, dyOff);
        DoubleAvgPool.backward(batch * channels, inHeight, inWidth, outH, outW, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, countIncludePad, dy, dyOff, dx, dxOff, accumulate);
    }

    /** The double counterpart of the float adaptiveAvgPool2d above. */
    public static void adaptiveAvgPool2d(int batch, int channels, int inHeight, int inWidth, int outHeight,
                                         int outWidth, double[] x, int xOff, double[] y, int yOff) {
        PoolChecks.adaptive(inHeight, inWidth, outHeight, outWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outHeight, outWidth, x.length, xOff, y.length, yOff);
        DoubleAvgPool.adaptiveForward(batch * channels, inHeight, inWidth, outHeight, outWidth, x, xOff, y, yOff);
    }

    /** The double counterpart of the float adaptiveAvgPool2dBackward above. */
    public static void adaptiveAvgPool2dBackward(int batch, int channels, int inHeight, int inWidth,
                                                 int outHeight, int outWidth, double[] dy, int dyOff,
                                                 double[] dx, int dxOff, boolean accumulate) {
        PoolChecks.adaptive(inHeight, inWidth, outHeight, outWidth);
        PoolChecks.planes(batch, channels, inHeight, inWidth, outHeight, outWidth, dx.length, dxOff, dy.length,
                dyOff);
        DoubleAvgPool.adaptiveBackward(batch * channels, inHeight, inWidth, outHeight, outWidth, dy, dyOff, dx, dxOff,
                accumulate);
    }
}
