package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * avg_pool2d and adaptive_avg_pool2d, and their gradients, on planes of floats, after {@link Pool}'s
 * checks. As in PyTorch, a window's sum is taken in the element type in scan order and divided once; the
 * gradient adds dy divided by the same divisor to every element of the window.
 *
 * <p>avg_pool2d's window for output o starts at {@code o*stride - padding} and spans the kernel, clipped to
 * the input; its divisor is the kernel's area when the padding counts (count_include_pad; with ceil_mode
 * off no window reaches past the padding), otherwise the number of input elements in it.
 * adaptive_avg_pool2d's window along a dimension of size n pooled to m is [floor(i n / m), ceil((i+1) n / m)).
 */
final class FloatAvgPool {
    private FloatAvgPool() {
    }

    static void forward(int planes, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                        int strideH, int strideW, int padH, int padW, boolean countIncludePad,
                        float[] x, int xOff, float[] y, int yOff) {
        for (int p = 0; p < planes; p++) {
            int in = xOff + p * inH * inW;
            int out = yOff + p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * strideH - padH;
                int h1 = Math.min(h0 + kernelH, inH);
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = ow * strideW - padW;
                    int w1 = Math.min(w0 + kernelW, inW);
                    int divisor = countIncludePad ? kernelH * kernelW
                            : (h1 - Math.max(h0, 0)) * (w1 - Math.max(w0, 0));
                    y[out + oh * outW + ow] = windowSum(x, in, inW, Math.max(h0, 0), h1, Math.max(w0, 0), w1) / divisor;
                }
            }
        }
    }

    static void backward(int planes, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                         int strideH, int strideW, int padH, int padW, boolean countIncludePad,
                         float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(dx, dxOff, dxOff + planes * inH * inW, 0);
        }
        for (int p = 0; p < planes; p++) {
            int in = dxOff + p * inH * inW;
            int out = dyOff + p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * strideH - padH;
                int h1 = Math.min(h0 + kernelH, inH);
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = ow * strideW - padW;
                    int w1 = Math.min(w0 + kernelW, inW);
                    int divisor = countIncludePad ? kernelH * kernelW
                            : (h1 - Math.max(h0, 0)) * (w1 - Math.max(w0, 0));
                    spread(dy[out + oh * outW + ow] / divisor, dx, in, inW, Math.max(h0, 0), h1, Math.max(w0, 0), w1);
                }
            }
        }
    }

    static void adaptiveForward(int planes, int inH, int inW, int outH, int outW, float[] x, int xOff,
                                float[] y, int yOff) {
        for (int p = 0; p < planes; p++) {
            int in = xOff + p * inH * inW;
            int out = yOff + p * outH * outW;
            if (outH == 1 && outW == 1) {
                y[out] = FloatBias.rowSum(x, in, inH * inW) / (inH * inW);
                continue;
            }
            for (int oh = 0; oh < outH; oh++) {
                int h0 = adaptiveStart(oh, inH, outH);
                int h1 = adaptiveEnd(oh, inH, outH);
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = adaptiveStart(ow, inW, outW);
                    int w1 = adaptiveEnd(ow, inW, outW);
                    y[out + oh * outW + ow] = windowSum(x, in, inW, h0, h1, w0, w1) / ((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    static void adaptiveBackward(int planes, int inH, int inW, int outH, int outW, float[] dy, int dyOff,
                                 float[] dx, int dxOff, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(dx, dxOff, dxOff + planes * inH * inW, 0);
        }
        for (int p = 0; p < planes; p++) {
            int in = dxOff + p * inH * inW;
            int out = dyOff + p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = adaptiveStart(oh, inH, outH);
                int h1 = adaptiveEnd(oh, inH, outH);
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = adaptiveStart(ow, inW, outW);
                    int w1 = adaptiveEnd(ow, inW, outW);
                    spread(dy[out + oh * outW + ow] / ((h1 - h0) * (w1 - w0)), dx, in, inW, h0, h1, w0, w1);
                }
            }
        }
    }

    /** floor(i * size / outSize), in long so that large sizes do not overflow. */
    static int adaptiveStart(int i, int size, int outSize) {
        return (int) ((long) i * size / outSize);
    }

    /** ceil((i + 1) * size / outSize). */
    static int adaptiveEnd(int i, int size, int outSize) {
        return (int) (((long) (i + 1) * size + outSize - 1) / outSize);
    }

    /** The sum of rows [h0, h1), columns [w0, w1) of the plane at {@code in}, row by row in order. */
    private static float windowSum(float[] x, int in, int width, int h0, int h1, int w0, int w1) {
        float sum = 0;
        for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
                sum += x[in + ih * width + iw];
            }
        }
        return sum;
    }

    /** Adds {@code v} to rows [h0, h1), columns [w0, w1) of the plane at {@code in}. */
    private static void spread(float v, float[] dx, int in, int width, int h0, int h1, int w0, int w1) {
        for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
                dx[in + ih * width + iw] += v;
            }
        }
    }
}
