package nnet.runtime.kernels;

/**
 * conv2d and its gradients by their definitions, in double, one term at a time: the seven-deep loops
 * over images, output channels, output rows and columns, input channels of the group and kernel taps.
 * Besides each result the sum of the magnitudes of its terms is kept, which bounds the rounding error of
 * any order of summation.
 */
final class ConvReference {
    private ConvReference() {
    }

    /** Exact-as-double results over a whole array (elements outside the output keep their old values). */
    record Expected(double[] value, double[] magnitude, int terms) {
        static Expected startingFrom(double[] old, boolean accumulate, int off, int size, int terms) {
            double[] value = old.clone();
            double[] magnitude = new double[old.length];
            for (int i = off; i < off + size; i++) {
                value[i] = accumulate ? old[i] : 0;
                magnitude[i] = Math.abs(value[i]);
            }
            return new Expected(value, magnitude, terms);
        }

        void add(int index, double term) {
            value[index] += term;
            magnitude[index] += Math.abs(term);
        }

        /**
         * Checks {@code actual} against the values: within {@code [off, off + size)} to the error bound of
         * any order of {@code terms} rounded operations (each within u of its exact value, so the total
         * within (terms + 1) u times the sum of magnitudes), and bit for bit elsewhere.
         */
        void assertMatches(double[] actual, double u, int off, int size, Object what) {
            for (int i = 0; i < actual.length; i++) {
                boolean inside = i >= off && i < off + size;
                double tolerance = inside ? (terms + 1) * u * magnitude[i] * 1.01 : 0;
                boolean ok = inside ? Math.abs(actual[i] - value[i]) <= tolerance
                        : Double.compare(actual[i], value[i]) == 0;
                if (!ok) {
                    throw new AssertionError(what + ": element " + (i - off) + (inside ? "" : " (outside the output)")
                            + " is " + actual[i] + ", expected " + value[i] + " within " + tolerance);
                }
            }
        }
    }

    static Expected forward(ConvCase c, double[] x, double[] w, double[] b, double[] y0) {
        Expected y = Expected.startingFrom(y0, c.accumulate(), c.outOff(), c.outSize(), c.cg() * c.kH() * c.kW() + 2);
        for (int n = 0; n < c.batch(); n++) {
            for (int o = 0; o < c.outC(); o++) {
                int g = o / c.ocg();
                for (int oh = 0; oh < c.outH(); oh++) {
                    for (int ow = 0; ow < c.outW(); ow++) {
                        if (c.bias()) {
                            y.add(c.out(n, o, oh, ow), b[c.biasOff() + o]);
                        }
                        for (int ci = 0; ci < c.cg(); ci++) {
                            for (int kh = 0; kh < c.kH(); kh++) {
                                for (int kw = 0; kw < c.kW(); kw++) {
                                    int ih = oh * c.sH() - c.pH() + kh * c.dH();
                                    int iw = ow * c.sW() - c.pW() + kw * c.dW();
                                    if (ih >= 0 && ih < c.inH() && iw >= 0 && iw < c.inW()) {
                                        y.add(c.out(n, o, oh, ow), w[c.weight(o, ci, kh, kw)]
                                                * x[c.in(n, g * c.cg() + ci, ih, iw)]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** dx = the gradient of sum(y * dy) with respect to x, by scattering every term of the forward loop. */
    static Expected backwardData(ConvCase c, double[] dy, double[] w, double[] dx0) {
        Expected dx = Expected.startingFrom(dx0, c.accumulate(), c.inOff(), c.inSize(),
                c.ocg() * c.kH() * c.kW() + 1);
        for (int n = 0; n < c.batch(); n++) {
            for (int o = 0; o < c.outC(); o++) {
                int g = o / c.ocg();
                for (int oh = 0; oh < c.outH(); oh++) {
                    for (int ow = 0; ow < c.outW(); ow++) {
                        for (int ci = 0; ci < c.cg(); ci++) {
                            for (int kh = 0; kh < c.kH(); kh++) {
                                for (int kw = 0; kw < c.kW(); kw++) {
                                    int ih = oh * c.sH() - c.pH() + kh * c.dH();
                                    int iw = ow * c.sW() - c.pW() + kw * c.dW();
                                    if (ih >= 0 && ih < c.inH() && iw >= 0 && iw < c.inW()) {
                                        dx.add(c.in(n, g * c.cg() + ci, ih, iw), w[c.weight(o, ci, kh, kw)]
                                                * dy[c.out(n, o, oh, ow)]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** dw = the gradient of sum(y * dy) with respect to w. */
    static Expected backwardWeight(ConvCase c, double[] x, double[] dy, double[] dw0) {
        Expected dw = Expected.startingFrom(dw0, c.accumulate(), c.wOff(), c.wSize(),
                c.batch() * c.outH() * c.outW() + 1);
        for (int n = 0; n < c.batch(); n++) {
            for (int o = 0; o < c.outC(); o++) {
                int g = o / c.ocg();
                for (int oh = 0; oh < c.outH(); oh++) {
                    for (int ow = 0; ow < c.outW(); ow++) {
                        for (int ci = 0; ci < c.cg(); ci++) {
                            for (int kh = 0; kh < c.kH(); kh++) {
                                for (int kw = 0; kw < c.kW(); kw++) {
                                    int ih = oh * c.sH() - c.pH() + kh * c.dH();
                                    int iw = ow * c.sW() - c.pW() + kw * c.dW();
                                    if (ih >= 0 && ih < c.inH() && iw >= 0 && iw < c.inW()) {
                                        dw.add(c.weight(o, ci, kh, kw), x[c.in(n, g * c.cg() + ci, ih, iw)]
                                                * dy[c.out(n, o, oh, ow)]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }

    /** db[o] = the sum of dy over images and positions, in an array laid out as the bias. */
    static Expected biasGradient(ConvCase c, double[] dy, double[] db0) {
        Expected db = Expected.startingFrom(db0, c.accumulate(), c.biasOff(), c.outC(),
                c.batch() * c.outH() * c.outW() + 1);
        for (int n = 0; n < c.batch(); n++) {
            for (int o = 0; o < c.outC(); o++) {
                for (int oh = 0; oh < c.outH(); oh++) {
                    for (int ow = 0; ow < c.outW(); ow++) {
                        db.add(c.biasOff() + o, dy[c.out(n, o, oh, ow)]);
                    }
                }
            }
        }
        return db;
    }
}
