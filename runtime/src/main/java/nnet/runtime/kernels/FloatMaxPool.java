package nnet.runtime.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * max_pool2d and its gradient on planes of floats, after {@link Pool}'s checks. Each output scans its
 * window's valid rows and columns in order and keeps the first largest value, or the last NaN (PyTorch's
 * rule: a value replaces the maximum when it is greater or NaN); its index within the input plane,
 * {@code ih * inW + iw}, goes to argmax and the element itself to y. A window can miss the input
 * altogether when the dilation exceeds the input (2 x 1 input, kernel 2, dilation 3, padding 1): it gives
 * -infinity, as in PyTorch, and the index -1, where PyTorch gives a position past the plane; its gradient
 * is zero.
 */
final class FloatMaxPool {
    private FloatMaxPool() {
    }

    static void forward(int planes, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                        int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                        float[] x, int xOff, float[] y, int yOff, int[] argmax, int argmaxOff) {
        boolean twoByTwo = kernelH == 2 && kernelW == 2 && strideH == 2 && strideW == 2 && padH == 0 && padW == 0
                && dilationH == 1 && dilationW == 1;
        for (int p = 0; p < planes; p++) {
            int in = xOff + p * inH * inW;
            int out = p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int row = out + oh * outW;
                if (twoByTwo) {
                    twoByTwoRow(x, in, inW, oh, outW, y, yOff + row, argmax, argmaxOff + row);
                } else {
                    generalRow(x, in, inH, inW, oh, outW, kernelH, kernelW, strideH, strideW, padH, padW,
                            dilationH, dilationW, y, yOff + row, argmax, argmaxOff + row);
                }
            }
        }
    }

    /**
     * One output row of the common 2 x 2 window with stride 2, no padding or dilation, without branches on the
     * data: on random inputs "is this the new maximum" is a coin toss, and the mispredicted branches of
     * the general loop cost five times the comparisons (6 ms against 1.1 ms on 64 x 32 x 28 x 28). The index
     * follows by conditional moves and the running maximum by Math.max; a NaN, which Math.max propagates,
     * sends its window to the general scan, since the rule for NaN (the last one wins) needs the order.
     */
    private static void twoByTwoRow(float[] x, int in, int inW, int oh, int outW, float[] y, int yRow,
                                    int[] argmax, int argmaxRow) {
        int top = 2 * oh * inW;
        for (int ow = 0; ow < outW; ow++) {
            int at = top + 2 * ow;
            float m = x[in + at];
            float b = x[in + at + 1];
            float c = x[in + at + inW];
            float d = x[in + at + inW + 1];
            int offset = 0;
            offset = b > m ? 1 : offset;
            m = Math.max(m, b);
            offset = c > m ? inW : offset;
            m = Math.max(m, c);
            offset = d > m ? inW + 1 : offset;
            m = Math.max(m, d);
            int best = m == m ? at + offset : scan(x, in, inW, 2 * oh, 2 * oh + 2, 2 * ow, 2 * ow + 2, 1, 1);
            y[yRow + ow] = x[in + best];
            argmax[argmaxRow + ow] = best;
        }
    }

    private static void generalRow(float[] x, int in, int inH, int inW, int oh, int outW, int kernelH, int kernelW,
                                   int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                                   float[] y, int yRow, int[] argmax, int argmaxRow) {
        int h0 = oh * strideH - padH;
        int h1 = Math.min(h0 + (kernelH - 1) * dilationH + 1, inH);
        h0 = firstInside(h0, dilationH);
        for (int ow = 0; ow < outW; ow++) {
            int w0 = ow * strideW - padW;
            int w1 = Math.min(w0 + (kernelW - 1) * dilationW + 1, inW);
            w0 = firstInside(w0, dilationW);
            int best = scan(x, in, inW, h0, h1, w0, w1, dilationH, dilationW);
            y[yRow + ow] = best < 0 ? Float.NEGATIVE_INFINITY : x[in + best];
            argmax[argmaxRow + ow] = best;
        }
    }

    /**
     * The index of a window's maximum by PyTorch's rule, scanning rows [h0, h1) and columns [w0, w1) of the
     * plane at {@code in} with the dilations as steps; -1 when the window is empty.
     */
    private static int scan(float[] x, int in, int inW, int h0, int h1, int w0, int w1, int dilationH,
                            int dilationW) {
        int best = h0 < h1 && w0 < w1 ? h0 * inW + w0 : -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int ih = h0; ih < h1; ih += dilationH) {
            for (int iw = w0; iw < w1; iw += dilationW) {
                float v = x[in + ih * inW + iw];
                if (v > max || v != v) {
                    max = v;
                    best = ih * inW + iw;
                }
            }
        }
        return best;
    }

    /** The first window position at or after {@code start} that is not negative, stepping by the dilation. */
    private static int firstInside(int start, int dilation) {
        return start >= 0 ? start : start + (-start + dilation - 1) / dilation * dilation;
    }

    /**
     * dx (+)= the scatter of dy to the positions argmax names, output by output in order, skipping the
     * index -1 of a window that missed the input. Any other index outside the input plane (argmax not from
     * {@link #forward}) throws when it is reached.
     */
    static void backward(int planes, int inH, int inW, int outH, int outW, float[] dy, int dyOff,
                         int[] argmax, int argmaxOff, float[] dx, int dxOff, boolean accumulate) {
        int plane = inH * inW;
        int positions = outH * outW;
        if (!accumulate) {
            Arrays.fill(dx, dxOff, dxOff + planes * plane, 0);
        }
        for (int p = 0; p < planes; p++) {
            int in = dxOff + p * plane;
            int out = p * positions;
            for (int o = out; o < out + positions; o++) {
                int at = argmax[argmaxOff + o];
                if (at != -1) {
                    dx[in + Objects.checkIndex(at, plane)] += dy[dyOff + o];
                }
            }
        }
    }
}
