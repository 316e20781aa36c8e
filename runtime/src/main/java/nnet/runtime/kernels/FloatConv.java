package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * The float convolution passes behind {@link Conv}, after its checks, as products of {@link FloatGemm}
 * per image and group (see {@link ConvPlan} for the choices). Every method takes the geometry of a
 * convolution from x [batch][inC][inH][inW] to y [batch][outC][outH][outW] with weights
 * [outC][inC/groups][kernelH][kernelW], output sizes given explicitly: a transposed convolution uses these
 * passes for output sizes that its own padding rules decide.
 *
 * <p>In group g, image n: y_g = W_g col(x_g) (+ bias), dx_g = fold(W_g^T dy_g) and dW_g += dy_g col(x_g)^T,
 * where W_g is the [outC/groups][inC/groups * kernelH * kernelW] matrix of the group's weights.
 */
final class FloatConv {
    private FloatConv() {
    }

    /** y (+)= conv(x, w) + bias; bias may be null. */
    static void forward(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                        int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                        int dilationH, int dilationW, int groups,
                        float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, boolean accumulate, float[] scratch, int scratchOff) {
        int cg = inC / groups;
        int ocg = outC / groups;
        int depth = cg * kernelH * kernelW;
        int positions = outH * outW;
        boolean pointwise = ConvPlan.pointwise(kernelH, kernelW, strideH, strideW, padH, padW);
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int xg = xOff + (n * inC + g * cg) * inH * inW;
                int yg = yOff + (n * outC + g * ocg) * positions;
                boolean addToY = FloatBias.start(bias, biasOff + g * ocg, y, yg, ocg, positions, accumulate);
                float[] cols = x;
                int colsOff = xg;
                if (!pointwise) {
                    FloatIm2col.im2col(x, xg, cg, inH, inW, outH, outW, kernelH, kernelW, strideH, strideW,
                            padH, padW, dilationH, dilationW, scratch, scratchOff, positions);
                    cols = scratch;
                    colsOff = scratchOff;
                }
                FloatGemm.multiply(false, false, ocg, positions, depth, w, wOff + g * ocg * depth, depth,
                        cols, colsOff, positions, y, yg, positions, addToY);
            }
        }
    }

    /** dx (+)= the gradient of conv(x, w) with respect to x, for output gradient dy, plus bias (may be null). */
    static void backwardData(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                             int dilationH, int dilationW, int groups,
                             float[] dy, int dyOff, float[] w, int wOff, float[] bias, int biasOff,
                             float[] dx, int dxOff, boolean accumulate, float[] scratch, int scratchOff) {
        if (batch == 0) {
            return;
        }
        if (ConvPlan.pointwise(kernelH, kernelW, strideH, strideW, padH, padW)) {
            pointwiseBackwardData(batch, inC, inH * inW, outC, groups, dy, dyOff, w, wOff, bias, biasOff,
                    dx, dxOff, accumulate);
        } else if (ConvPlan.flippedBackwardData(inC, inH, inW, outC, strideH, strideW, groups)) {
            int weights = outC * (inC / groups) * kernelH * kernelW;
            flipWeights(inC, outC, kernelH * kernelW, groups, w, wOff, scratch, scratchOff);
            forward(batch, outC, outH, outW, inC, inH, inW, kernelH, kernelW, 1, 1,
                    dilationH * (kernelH - 1) - padH, dilationW * (kernelW - 1) - padW, dilationH, dilationW,
                    groups, dy, dyOff, scratch, scratchOff, bias, biasOff, dx, dxOff, accumulate,
                    scratch, scratchOff + weights);
        } else {
            foldedBackwardData(batch, inC, inH, inW, outC, outH, outW, kernelH, kernelW, strideH, strideW,
                    padH, padW, dilationH, dilationW, groups, dy, dyOff, w, wOff, bias, biasOff,
                    dx, dxOff, accumulate, scratch, scratchOff);
        }
    }

    private static void pointwiseBackwardData(int batch, int inC, int positions, int outC, int groups,
                                              float[] dy, int dyOff, float[] w, int wOff, float[] bias, int biasOff,
                                              float[] dx, int dxOff, boolean accumulate) {
        int cg = inC / groups;
        int ocg = outC / groups;
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int dxg = dxOff + (n * inC + g * cg) * positions;
                boolean addToDx = FloatBias.start(bias, biasOff + g * cg, dx, dxg, cg, positions, accumulate);
                FloatGemm.multiply(true, false, cg, positions, ocg, w, wOff + g * ocg * cg, cg,
                        dy, dyOff + (n * outC + g * ocg) * positions, positions, dx, dxg, positions, addToDx);
            }
        }
    }

    /**
     * Writes the weights of the convolution that maps dy to dx (unit strides): [inC][outC/groups][kH][kW]
     * with element (g*cg + c, oc, t) = w(g*ocg + oc, c, taps - 1 - t), the taps reversed in both dimensions.
     */
    private static void flipWeights(int inC, int outC, int taps, int groups, float[] w, int wOff,
                                    float[] flipped, int flippedOff) {
        int cg = inC / groups;
        int ocg = outC / groups;
        int dst = flippedOff;
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < cg; c++) {
                for (int oc = 0; oc < ocg; oc++) {
                    int src = wOff + ((g * ocg + oc) * cg + c) * taps + taps - 1;
                    for (int t = 0; t < taps; t++) {
                        flipped[dst++] = w[src - t];
                    }
                }
            }
        }
    }

    /** The input gradient through a column matrix of gradients folded back onto the input by col2im. */
    private static void foldedBackwardData(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                                           int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                                           int dilationH, int dilationW, int groups,
                                           float[] dy, int dyOff, float[] w, int wOff, float[] bias, int biasOff,
                                           float[] dx, int dxOff, boolean accumulate, float[] scratch,
                                           int scratchOff) {
        int cg = inC / groups;
        int ocg = outC / groups;
        int depth = cg * kernelH * kernelW;
        int positions = outH * outW;
        int plane = inH * inW;
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int dxg = dxOff + (n * inC + g * cg) * plane;
                FloatGemm.multiply(true, false, depth, positions, ocg, w, wOff + g * ocg * depth, depth,
                        dy, dyOff + (n * outC + g * ocg) * positions, positions, scratch, scratchOff, positions,
                        false);
                if (!FloatBias.start(bias, biasOff + g * cg, dx, dxg, cg, plane, accumulate)) {
                    Arrays.fill(dx, dxg, dxg + cg * plane, 0);
                }
                FloatIm2col.col2im(scratch, scratchOff, positions, cg, inH, inW, outH, outW, kernelH, kernelW,
                        strideH, strideW, padH, padW, dilationH, dilationW, dx, dxg);
            }
        }
    }

    /** dw (+)= the gradient of conv(x, w) with respect to w, for output gradient dy. */
    static void backwardWeight(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                               int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                               int dilationH, int dilationW, int groups,
                               float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                               boolean accumulate, float[] scratch, int scratchOff) {
        int cg = inC / groups;
        int ocg = outC / groups;
        int depth = cg * kernelH * kernelW;
        int positions = outH * outW;
        if (batch == 0 && !accumulate) {
            Arrays.fill(dw, dwOff, dwOff + outC * depth, 0);
        }
        boolean pointwise = ConvPlan.pointwise(kernelH, kernelW, strideH, strideW, padH, padW);
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int xg = xOff + (n * inC + g * cg) * inH * inW;
                float[] cols = x;
                int colsOff = xg;
                if (!pointwise) {
                    FloatIm2col.im2col(x, xg, cg, inH, inW, outH, outW, kernelH, kernelW, strideH, strideW,
                            padH, padW, dilationH, dilationW, scratch, scratchOff, positions);
                    cols = scratch;
                    colsOff = scratchOff;
                }
                FloatGemm.multiply(false, true, ocg, depth, positions, dy, dyOff + (n * outC + g * ocg) * positions,
                        positions, cols, colsOff, positions, dw, dwOff + g * ocg * depth, depth, accumulate || n > 0);
            }
        }
    }
}
