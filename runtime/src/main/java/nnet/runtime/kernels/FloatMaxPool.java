package nnet.runtime.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * max_pool2d and its gradient on planes of floats, after {@link Pool}'s checks. Each output scans its
 * window's valid rows and columns in order and keeps the first largest value, or the last NaN (PyTorch's
 * rule: a value replaces the maximum when it is greater or NaN); its index within the input plane,
 * {@code ih * inW + iw}, goes to argmax. A window can miss the input altogether when the dilation exceeds
 * the input (2 x 1 input, kernel 2, dilation 3, padding 1): it gives -infinity, as in PyTorch, and the
 * index -1, where PyTorch gives a position past the plane; its gradient is zero.
 */
final class FloatMaxPool {
    private FloatMaxPool() {
    }

    static void forward(int planes, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                        int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                        float[] x, int xOff, float[] y, int yOff, int[] argmax, int argmaxOff) {
        for (int p = 0; p < planes; p++) {
            int in = xOff + p * inH * inW;
            int out = p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * strideH - padH;
                int h1 = Math.min(h0 + (kernelH - 1) * dilationH + 1, inH);
                h0 = firstInside(h0, dilationH);
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = ow * strideW - padW;
                    int w1 = Math.min(w0 + (kernelW - 1) * dilationW + 1, inW);
                    w0 = firstInside(w0, dilationW);
                    int o = out + oh * outW + ow;
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
                    y[yOff + o] = max;
                    argmax[argmaxOff + o] = best;
                }
            }
        }
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
