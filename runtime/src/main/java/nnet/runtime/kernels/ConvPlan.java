package nnet.runtime.kernels;

/**
 * How the convolution kernels compute each pass, and so how much scratch they need; shared by the float
 * and double kernels.
 *
 * <ul>
 *   <li>A pointwise convolution (1 x 1 kernel, unit stride, no padding) is a product with the input
 *       planes as they are and needs no scratch; neither does an empty batch.</li>
 *   <li>Otherwise an image's column matrix ({@link FloatIm2col}) takes cg * kH * kW rows of outH * outW
 *       elements, in scratch. When the output planes are short, the forward pass puts the column matrices
 *       of several images side by side and multiplies them at once into a staging matrix, also in
 *       scratch, then copies the result to the images' planes ({@link #imagesPerProduct}).</li>
 *   <li>The input gradient can be computed as a convolution (of the output gradient with the flipped,
 *       transposed weights, written to scratch first), which gathers with copies instead of adding
 *       element by element; otherwise a column matrix of gradients is folded back onto the input with
 *       col2im. {@link #flippedBackwardData} chooses.</li>
 * </ul>
 */
final class ConvPlan {
    /**
     * Columns a forward product should have at least: measured at batch 64, products of 196-column planes
     * (14 x 14) ran 20 to 30 % faster two to four images at a time, and of 49-column planes 40 % faster
     * eight at a time, while 784-column planes gained nothing. Long rows let C2's unrolled vector loops run
     * at full length; staging costs a copy of the output.
     */
    static final int TARGET_COLUMNS = 512;

    private ConvPlan() {
    }

    /** How many images the forward pass multiplies at once (1: each straight into its output planes). */
    static int imagesPerProduct(ConvShape s) {
        if (s.positions == 0 || s.positions >= TARGET_COLUMNS) {
            return 1;
        }
        return Math.max(1, Math.min(s.batch, (TARGET_COLUMNS + s.positions - 1) / s.positions));
    }

    static long forwardScratch(ConvShape s) {
        int images = imagesPerProduct(s);
        if (s.batch == 0 || images == 1 && s.pointwise()) {
            return 0;
        }
        long columns = (long) images * s.positions;
        return images == 1 ? s.depth * columns : (s.depth + (long) s.ocg) * columns;
    }

    /**
     * Whether the input gradient is computed as a convolution with flipped weights (see the class comment).
     * That needs unit strides. It copies ocg * kH * kW rows of im2col where col2im would add cg * kH * kW
     * rows element by element, about four times as costly per element, and its product has cg rows of
     * inH * inW: measured on 1 to 128 channels and 7 x 7 to 28 x 28 planes, it wins when the output has at
     * most four times as many channels as the input and the planes are at least {@link Gemm#SHORT_ROW}
     * long (the product's rows are then not too short for the vectorised kernels).
     */
    static boolean flippedBackwardData(ConvShape s) {
        return s.strideH == 1 && s.strideW == 1 && s.plane >= Gemm.SHORT_ROW && s.ocg <= 4L * s.cg
                && !s.pointwise();
    }

    /** Elements of the flipped weights, which the flipped input gradient writes to the start of its scratch. */
    static int flippedWeights(ConvShape s) {
        return ConvChecks.toInt("weights", (long) s.outC * s.depth);
    }

    static long backwardDataScratch(ConvShape s) {
        if (s.batch == 0 || s.pointwise()) {
            return 0;
        }
        if (flippedBackwardData(s)) {
            return flippedWeights(s) + forwardScratch(s.flipped(ConvShape.secondForCurrentThread()));
        }
        return (long) s.depth * s.positions;
    }

    /** Whether the weight gradient's products are too narrow both ways for the GEMM (see {@link FloatDotTiles}). */
    static boolean weightGradientAsDots(ConvShape s) {
        return s.ocg < Gemm.SHORT_ROW && s.depth < Gemm.SHORT_ROW;
    }

    static long backwardWeightScratch(ConvShape s) {
        return s.batch == 0 || s.pointwise() ? 0 : (long) s.depth * s.positions;
    }
}
