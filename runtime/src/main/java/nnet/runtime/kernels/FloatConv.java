package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * The float convolution passes behind {@link Conv} and {@link ConvTranspose}, after their checks, as
 * products of {@link FloatGemm} per group and image or block of images (see {@link ConvPlan} for the
 * choices), on the geometry of a {@link ConvShape}. In group g of image n, with W_g the group's weights as
 * an [ocg][cg * kH * kW] matrix: y_g = W_g col(x_g) (+ bias), dx_g = fold(W_g^T dy_g) and
 * dW_g += dy_g col(x_g)^T.
 */
final class FloatConv {
    private FloatConv() {
    }

    /** y (+)= conv(x, w) + bias; bias may be null. */
    static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, boolean accumulate, float[] scratch, int scratchOff) {
        int images = ConvPlan.imagesPerProduct(s);
        for (int n = 0; n < s.batch; n += images) {
            int count = Math.min(images, s.batch - n);
            for (int g = 0; g < s.groups; g++) {
                if (images == 1) {
                    forwardImage(s, n, g, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate, scratch, scratchOff);
                } else {
                    forwardImages(s, n, count, g, x, xOff, w, wOff, bias, biasOff, y, yOff, accumulate,
                            scratch, scratchOff);
                }
            }
        }
    }

    /** Group g of image n, multiplied straight into its output planes. */
    private static void forwardImage(ConvShape s, int n, int g, float[] x, int xOff, float[] w, int wOff,
                                     float[] bias, int biasOff, float[] y, int yOff, boolean accumulate,
                                     float[] scratch, int scratchOff) {
        int yg = s.outputAt(yOff, n, g);
        boolean addToY = FloatBias.start(bias, biasOff + g * s.ocg, y, yg, s.ocg, s.positions, accumulate);
        float[] cols = x;
        int colsOff = s.inputAt(xOff, n, g);
        if (!s.pointwise()) {
            FloatIm2col.im2col(s, x, colsOff, scratch, scratchOff, s.positions);
            cols = scratch;
            colsOff = scratchOff;
        }
        FloatGemm.multiply(false, false, s.ocg, s.positions, s.depth, w, s.weightsAt(wOff, g), s.depth,
                cols, colsOff, s.positions, y, yg, s.positions, addToY);
    }

    /**
     * Group g of images [n, n + count) as one product: their column matrices side by side in scratch, the
     * product into a staging matrix after them (started from y's old values when accumulating, and the
     * bias), then copied to the images' output planes. Each output element is the same chain of
     * multiply-adds as in {@link #forwardImage}.
     */
    private static void forwardImages(ConvShape s, int n, int count, int g, float[] x, int xOff, float[] w,
                                      int wOff, float[] bias, int biasOff, float[] y, int yOff, boolean accumulate,
                                      float[] scratch, int scratchOff) {
        int ld = count * s.positions;
        int stage = scratchOff + s.depth * ld;
        for (int i = 0; i < count; i++) {
            FloatIm2col.im2col(s, x, s.inputAt(xOff, n + i, g), scratch, scratchOff + i * s.positions, ld);
            if (accumulate) {
                copyPlanes(y, s.outputAt(yOff, n + i, g), s.positions, scratch, stage + i * s.positions, ld, s.ocg,
                        s.positions);
            }
        }
        boolean addToStage = FloatBias.start(bias, biasOff + g * s.ocg, scratch, stage, s.ocg, ld, accumulate);
        FloatGemm.multiply(false, false, s.ocg, ld, s.depth, w, s.weightsAt(wOff, g), s.depth,
                scratch, scratchOff, ld, scratch, stage, ld, addToStage);
        for (int i = 0; i < count; i++) {
            copyPlanes(scratch, stage + i * s.positions, ld, y, s.outputAt(yOff, n + i, g), s.positions, s.ocg,
                    s.positions);
        }
    }

    /** Copies the ocg output planes of one image between y's layout and the staging matrix's rows. */
    private static void copyPlanes(float[] from, int fromOff, int fromStride, float[] to, int toOff, int toStride,
                                   int rows, int length) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromOff + r * fromStride, to, toOff + r * toStride, length);
        }
    }

    /** dx (+)= the gradient of conv(x, w) with respect to x, for output gradient dy, plus bias (may be null). */
    static void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] bias, int biasOff,
                             float[] dx, int dxOff, boolean accumulate, float[] scratch, int scratchOff) {
        if (s.batch == 0) {
            return;
        }
        if (s.pointwise()) {
            pointwiseBackwardData(s, dy, dyOff, w, wOff, bias, biasOff, dx, dxOff, accumulate);
        } else if (ConvPlan.flippedBackwardData(s)) {
            flipWeights(s, w, wOff, scratch, scratchOff);
            forward(s.flipped(ConvShape.secondForCurrentThread()), dy, dyOff, scratch, scratchOff, bias, biasOff,
                    dx, dxOff, accumulate, scratch, scratchOff + ConvPlan.flippedWeights(s));
        } else {
            foldedBackwardData(s, dy, dyOff, w, wOff, bias, biasOff, dx, dxOff, accumulate, scratch, scratchOff);
        }
    }

    private static void pointwiseBackwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff,
                                              float[] bias, int biasOff, float[] dx, int dxOff, boolean accumulate) {
        for (int n = 0; n < s.batch; n++) {
            for (int g = 0; g < s.groups; g++) {
                int dxg = s.inputAt(dxOff, n, g);
                boolean addToDx = FloatBias.start(bias, biasOff + g * s.cg, dx, dxg, s.cg, s.plane, accumulate);
                FloatGemm.multiply(true, false, s.cg, s.plane, s.ocg, w, s.weightsAt(wOff, g), s.cg,
                        dy, s.outputAt(dyOff, n, g), s.positions, dx, dxg, s.plane, addToDx);
            }
        }
    }

    /**
     * Writes the weights of {@link ConvShape#flipped}: [inC][ocg][kH][kW] with element (g*cg + c, oc, t) =
     * w(g*ocg + oc, c, taps - 1 - t), the taps reversed in both dimensions.
     */
    private static void flipWeights(ConvShape s, float[] w, int wOff, float[] flipped, int flippedOff) {
        int taps = s.kernelH * s.kernelW;
        int dst = flippedOff;
        for (int g = 0; g < s.groups; g++) {
            for (int c = 0; c < s.cg; c++) {
                for (int oc = 0; oc < s.ocg; oc++) {
                    int src = s.weightsAt(wOff, g) + (oc * s.cg + c) * taps + taps - 1;
                    for (int t = 0; t < taps; t++) {
                        flipped[dst++] = w[src - t];
                    }
                }
            }
        }
    }

    /** The input gradient through a column matrix of gradients folded back onto the input by col2im. */
    private static void foldedBackwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] bias,
                                           int biasOff, float[] dx, int dxOff, boolean accumulate, float[] scratch,
                                           int scratchOff) {
        for (int n = 0; n < s.batch; n++) {
            for (int g = 0; g < s.groups; g++) {
                int dxg = s.inputAt(dxOff, n, g);
                FloatGemm.multiply(true, false, s.depth, s.positions, s.ocg, w, s.weightsAt(wOff, g), s.depth,
                        dy, s.outputAt(dyOff, n, g), s.positions, scratch, scratchOff, s.positions, false);
                if (!FloatBias.start(bias, biasOff + g * s.cg, dx, dxg, s.cg, s.plane, accumulate)) {
                    Arrays.fill(dx, dxg, dxg + s.cg * s.plane, 0);
                }
                FloatIm2col.col2im(s, scratch, scratchOff, s.positions, dx, dxg);
            }
        }
    }

    /**
     * dw (+)= the gradient of conv(x, w) with respect to w, for output gradient dy, and db (+)= the sum of dy
     * over images and positions when db is not null: each image's planes are summed after its products,
     * while they are in cache.
     */
    static void backwardWeight(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                               float[] db, int dbOff, boolean accumulate, float[] scratch, int scratchOff) {
        if (s.batch == 0 && !accumulate) {
            Arrays.fill(dw, dwOff, dwOff + s.outC * s.depth, 0);
            if (db != null) {
                Arrays.fill(db, dbOff, dbOff + s.outC, 0);
            }
        }
        for (int n = 0; n < s.batch; n++) {
            boolean add = accumulate || n > 0;
            for (int g = 0; g < s.groups; g++) {
                addWeightGradient(s, n, g, x, xOff, dy, dyOff, dw, dwOff, add, scratch, scratchOff);
            }
            if (db != null) {
                FloatBias.addImage(s.outC, s.positions, dy, s.outputAt(dyOff, n, 0), db, dbOff, add);
            }
        }
    }

    /** dw_g = (add ? dw_g : 0) + dy_g col(x_g)^T for group g of image n. */
    private static void addWeightGradient(ConvShape s, int n, int g, float[] x, int xOff, float[] dy, int dyOff,
                                          float[] dw, int dwOff, boolean add, float[] scratch, int scratchOff) {
        float[] cols = x;
        int colsOff = s.inputAt(xOff, n, g);
        if (!s.pointwise()) {
            FloatIm2col.im2col(s, x, colsOff, scratch, scratchOff, s.positions);
            cols = scratch;
            colsOff = scratchOff;
        }
        int dyg = s.outputAt(dyOff, n, g);
        int dwg = s.weightsAt(dwOff, g);
        if (ConvPlan.weightGradientAsDots(s)) {
            FloatDotTiles.multiply(s.ocg, s.depth, s.positions, dy, dyg, s.positions, cols, colsOff, s.positions,
                    dw, dwg, s.depth, add);
        } else {
            FloatGemm.multiply(false, true, s.ocg, s.depth, s.positions, dy, dyg, s.positions, cols, colsOff,
                    s.positions, dw, dwg, s.depth, add);
        }
    }
}
