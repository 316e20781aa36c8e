package nnet.runtime.kernels;

import nnet.runtime.kernels.ConvReference.Expected;

/**
 * conv_transpose2d and its gradients by their definition: every input element, times every tap of its
 * weights, is added to the output element the tap reaches,
 * {@code y[n][g*ocg + o][ih*sH - pH + kh*dH][iw*sW - pW + kw*dW] += x[n][g*icg + i][ih][iw] * w[g*icg + i][o][kh][kw]}.
 */
final class TransposeReference {
    private TransposeReference() {
    }

    /** What each term of the definition contributes to, for one image. */
    private interface Term {
        void add(int in, int weight, int out);
    }

    private static void forEachTerm(TransposeCase c, int n, Term term) {
        for (int i = 0; i < c.inC(); i++) {
            int g = i / c.icg();
            for (int ih = 0; ih < c.inH(); ih++) {
                for (int iw = 0; iw < c.inW(); iw++) {
                    for (int o = 0; o < c.ocg(); o++) {
                        for (int kh = 0; kh < c.kH(); kh++) {
                            for (int kw = 0; kw < c.kW(); kw++) {
                                int oh = ih * c.sH() - c.pH() + kh * c.dH();
                                int ow = iw * c.sW() - c.pW() + kw * c.dW();
                                if (oh >= 0 && oh < c.outH() && ow >= 0 && ow < c.outW()) {
                                    term.add(c.in(n, i, ih, iw), c.weight(i, o, kh, kw),
                                            c.out(n, g * c.ocg() + o, oh, ow));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static Expected forward(TransposeCase c, double[] x, double[] w, double[] b, double[] y0) {
        Expected y = Expected.startingFrom(y0, c.accumulate(), c.outOff(), c.outSize(), c.icg() * c.kH() * c.kW() + 2);
        for (int n = 0; n < c.batch(); n++) {
            if (c.bias()) {
                for (int o = 0; o < c.outC(); o++) {
                    for (int p = 0; p < c.outH() * c.outW(); p++) {
                        y.add(c.out(n, o, 0, 0) + p, b[c.biasOff() + o]);
                    }
                }
            }
            forEachTerm(c, n, (in, weight, out) -> y.add(out, x[in] * w[weight]));
        }
        return y;
    }

    static Expected backwardData(TransposeCase c, double[] dy, double[] w, double[] dx0) {
        Expected dx = Expected.startingFrom(dx0, c.accumulate(), c.inOff(), c.inSize(), c.ocg() * c.kH() * c.kW() + 1);
        for (int n = 0; n < c.batch(); n++) {
            forEachTerm(c, n, (in, weight, out) -> dx.add(in, dy[out] * w[weight]));
        }
        return dx;
    }

    static Expected backwardWeight(TransposeCase c, double[] x, double[] dy, double[] dw0) {
        Expected dw = Expected.startingFrom(dw0, c.accumulate(), c.wOff(), c.wSize(), c.batch() * c.inH() * c.inW() + 1);
        for (int n = 0; n < c.batch(); n++) {
            forEachTerm(c, n, (in, weight, out) -> dw.add(weight, x[in] * dy[out]));
        }
        return dw;
    }
}
