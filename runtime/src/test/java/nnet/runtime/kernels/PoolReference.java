package nnet.runtime.kernels;

import nnet.runtime.kernels.ConvReference.Expected;

/** Pooling and its gradients by their definitions, in double, window by window. */
final class PoolReference {
    private PoolReference() {
    }

    /** A window's valid input positions (within its plane), in scan order. */
    static int[] maxWindow(PoolCase c, int oh, int ow) {
        int[] positions = new int[c.kH() * c.kW()];
        int count = 0;
        for (int kh = 0; kh < c.kH(); kh++) {
            for (int kw = 0; kw < c.kW(); kw++) {
                int ih = oh * c.sH() - c.pH() + kh * c.dH();
                int iw = ow * c.sW() - c.pW() + kw * c.dW();
                if (ih >= 0 && ih < c.inH() && iw >= 0 && iw < c.inW()) {
                    positions[count++] = ih * c.inW() + iw;
                }
            }
        }
        return java.util.Arrays.copyOf(positions, count);
    }

    /**
     * The index within the plane of the first largest element of each window (the last NaN if any), or -1
     * for a window without input elements.
     */
    static int[] argmax(PoolCase c, double[] x) {
        int planes = c.batch() * c.channels();
        int[] result = new int[planes * c.outH() * c.outW()];
        for (int p = 0; p < planes; p++) {
            for (int oh = 0; oh < c.outH(); oh++) {
                for (int ow = 0; ow < c.outW(); ow++) {
                    int[] window = maxWindow(c, oh, ow);
                    int best = window.length == 0 ? -1 : window[0];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int position : window) {
                        double v = x[c.inOff() + p * c.inH() * c.inW() + position];
                        if (v > max || Double.isNaN(v)) {
                            max = v;
                            best = position;
                        }
                    }
                    result[(p * c.outH() + oh) * c.outW() + ow] = best;
                }
            }
        }
        return result;
    }

    /** avg_pool2d's window rows or columns along one dimension, clipped to the input: {start, end, unclipped}. */
    private static int[] avgRange(int o, int stride, int pad, int kernel, int size) {
        int start = o * stride - pad;
        return new int[] {Math.max(start, 0), Math.min(start + kernel, size), kernel};
    }

    static Expected avgForward(PoolCase c, double[] x, double[] y0) {
        Expected y = Expected.startingFrom(y0, false, c.outOff(), c.outSize(), c.kH() * c.kW() + 2);
        for (int p = 0; p < c.batch() * c.channels(); p++) {
            for (int oh = 0; oh < c.outH(); oh++) {
                int[] hs = avgRange(oh, c.sH(), c.pH(), c.kH(), c.inH());
                for (int ow = 0; ow < c.outW(); ow++) {
                    int[] ws = avgRange(ow, c.sW(), c.pW(), c.kW(), c.inW());
                    int divisor = c.countIncludePad() ? c.kH() * c.kW() : (hs[1] - hs[0]) * (ws[1] - ws[0]);
                    int out = c.outOff() + (p * c.outH() + oh) * c.outW() + ow;
                    for (int ih = hs[0]; ih < hs[1]; ih++) {
                        for (int iw = ws[0]; iw < ws[1]; iw++) {
                            y.add(out, x[c.inOff() + (p * c.inH() + ih) * c.inW() + iw] / divisor);
                        }
                    }
                }
            }
        }
        return y;
    }

    static Expected avgBackward(PoolCase c, double[] dy, double[] dx0) {
        Expected dx = Expected.startingFrom(dx0, c.accumulate(), c.inOff(), c.inSize(), 2 * c.kH() * c.kW() + 2);
        for (int p = 0; p < c.batch() * c.channels(); p++) {
            for (int oh = 0; oh < c.outH(); oh++) {
                int[] hs = avgRange(oh, c.sH(), c.pH(), c.kH(), c.inH());
                for (int ow = 0; ow < c.outW(); ow++) {
                    int[] ws = avgRange(ow, c.sW(), c.pW(), c.kW(), c.inW());
                    int divisor = c.countIncludePad() ? c.kH() * c.kW() : (hs[1] - hs[0]) * (ws[1] - ws[0]);
                    double g = dy[c.outOff() + (p * c.outH() + oh) * c.outW() + ow] / divisor;
                    for (int ih = hs[0]; ih < hs[1]; ih++) {
                        for (int iw = ws[0]; iw < ws[1]; iw++) {
                            dx.add(c.inOff() + (p * c.inH() + ih) * c.inW() + iw, g);
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** adaptive_avg_pool2d's window along one dimension: [floor(o size / out), ceil((o + 1) size / out)). */
    static int[] adaptiveRange(int o, int size, int out) {
        return new int[] {(int) Math.floor((double) o * size / out), (int) Math.ceil((double) (o + 1) * size / out)};
    }

    static Expected adaptiveForward(PoolCase c, double[] x, double[] y0) {
        Expected y = Expected.startingFrom(y0, false, c.outOff(), c.adaptiveSize(), c.inH() * c.inW() + 2);
        for (int p = 0; p < c.batch() * c.channels(); p++) {
            for (int oh = 0; oh < c.adaptiveH(); oh++) {
                int[] hs = adaptiveRange(oh, c.inH(), c.adaptiveH());
                for (int ow = 0; ow < c.adaptiveW(); ow++) {
                    int[] ws = adaptiveRange(ow, c.inW(), c.adaptiveW());
                    int count = (hs[1] - hs[0]) * (ws[1] - ws[0]);
                    int out = c.outOff() + (p * c.adaptiveH() + oh) * c.adaptiveW() + ow;
                    for (int ih = hs[0]; ih < hs[1]; ih++) {
                        for (int iw = ws[0]; iw < ws[1]; iw++) {
                            y.add(out, x[c.inOff() + (p * c.inH() + ih) * c.inW() + iw] / count);
                        }
                    }
                }
            }
        }
        return y;
    }

    static Expected adaptiveBackward(PoolCase c, double[] dy, double[] dx0) {
        Expected dx = Expected.startingFrom(dx0, c.accumulate(), c.inOff(), c.inSize(),
                2 * c.adaptiveH() * c.adaptiveW() + 2);
        for (int p = 0; p < c.batch() * c.channels(); p++) {
            for (int oh = 0; oh < c.adaptiveH(); oh++) {
                int[] hs = adaptiveRange(oh, c.inH(), c.adaptiveH());
                for (int ow = 0; ow < c.adaptiveW(); ow++) {
                    int[] ws = adaptiveRange(ow, c.inW(), c.adaptiveW());
                    int count = (hs[1] - hs[0]) * (ws[1] - ws[0]);
                    double g = dy[c.outOff() + (p * c.adaptiveH() + oh) * c.adaptiveW() + ow] / count;
                    for (int ih = hs[0]; ih < hs[1]; ih++) {
                        for (int iw = ws[0]; iw < ws[1]; iw++) {
                            dx.add(c.inOff() + (p * c.inH() + ih) * c.inW() + iw, g);
                        }
                    }
                }
            }
        }
        return dx;
    }
}
