package nnet.runtime.kernels;

/**
 * How the convolution kernels compute each pass, and so how much scratch they need; shared by the float
 * and double kernels. Sizes are those of {@link FloatConv}'s geometry, outputs given explicitly.
 *
 * <ul>
 *   <li>A pointwise convolution (1 x 1 kernel, unit stride, no padding) is a product with the input
 *       planes as they are and needs no scratch.</li>
 *   <li>Otherwise each image's column matrix ({@link FloatIm2col}) takes channels/groups * kH * kW rows of
 *       outH * outW elements, in scratch.</li>
 *   <li>With unit strides the input gradient can be computed as a convolution (of the output gradient
 *       with the flipped, transposed weights, written to scratch first), which gathers with copies
 *       instead of adding element by element; otherwise a column matrix of gradients is folded back
 *       onto the input with col2im. {@link #flippedBackwardData} chooses.</li>
 * </ul>
 */
final class ConvPlan {
    private ConvPlan() {
    }

    static boolean pointwise(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }

    /**
     * Whether the input gradient is computed as a convolution with flipped weights (see the class comment).
     * That needs unit strides. It copies outC/groups * kH * kW rows of im2col where col2im would add
     * inC/groups * kH * kW rows element by element, about four times as costly per element, and its product
     * has inC/groups rows of inH * inW: measured on 1 to 128 channels and 7 x 7 to 28 x 28 planes, it wins
     * when the output has at most four times as many channels as the input and the planes are at least
     * {@link Gemm#SHORT_ROW} long (the product's rows are then not too short for the vectorised kernels).
     */
    static boolean flippedBackwardData(int inChannels, int inH, int inW, int outChannels, int strideH, int strideW,
                                       int groups) {
        return strideH == 1 && strideW == 1 && (long) inH * inW >= Gemm.SHORT_ROW
                && outChannels / groups <= 4L * (inChannels / groups);
    }

    /** Elements of one image's column matrix. */
    static long columns(int inChannels, int groups, int kernelH, int kernelW, int outH, int outW) {
        return (long) (inChannels / groups) * kernelH * kernelW * outH * outW;
    }

    static long forward(int batch, int inChannels, int outH, int outW, int kernelH, int kernelW,
                        int strideH, int strideW, int padH, int padW, int groups) {
        if (batch == 0 || pointwise(kernelH, kernelW, strideH, strideW, padH, padW)) {
            return 0;
        }
        return columns(inChannels, groups, kernelH, kernelW, outH, outW);
    }

    static long backwardData(int batch, int inChannels, int inH, int inW, int outChannels, int outH, int outW,
                             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int groups) {
        if (batch == 0 || pointwise(kernelH, kernelW, strideH, strideW, padH, padW)) {
            return 0;
        }
        if (flippedBackwardData(inChannels, inH, inW, outChannels, strideH, strideW, groups)) {
            long weights = (long) outChannels * (inChannels / groups) * kernelH * kernelW;
            return weights + columns(outChannels, groups, kernelH, kernelW, inH, inW);
        }
        return columns(inChannels, groups, kernelH, kernelW, outH, outW);
    }

    static long backwardWeight(int batch, int inChannels, int outH, int outW, int kernelH, int kernelW,
                               int strideH, int strideW, int padH, int padW, int groups) {
        return forward(batch, inChannels, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW, groups);
    }
}
