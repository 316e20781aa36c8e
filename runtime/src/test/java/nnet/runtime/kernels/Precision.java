package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * Runs the float or the double kernels on operands held as double arrays, so that each property is
 * written once for both. Float operands are the double values rounded to float (callers round their
 * inputs with {@link #round} first, so that the reference sees the same values). Scratch is filled with
 * NaN: a kernel that read scratch it had not written would spoil its results.
 */
enum Precision {
    FLOAT, DOUBLE;

    /** Unit roundoff. */
    double u() {
        return this == FLOAT ? Math.ulp(1.0f) / 2 : Math.ulp(1.0) / 2;
    }

    double[] round(double[] v) {
        double[] r = v.clone();
        if (this == FLOAT) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) r[i];
            }
        }
        return r;
    }

    static float[] floats(double[] v) {
        if (v == null) {
            return null;
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static double[] doubles(float[] f) {
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return v;
    }

    static double[] nanScratch(int off, int size) {
        double[] s = new double[off + size + RandomOperands.TAIL];
        Arrays.fill(s, Double.NaN);
        return s;
    }

    /** Checks that a kernel kept to the scratch it asked for. */
    static void assertScratchKept(float[] s, int off, int size) {
        for (int i = 0; i < s.length; i++) {
            if ((i < off || i >= off + size) && !Float.isNaN(s[i])) {
                throw new AssertionError("scratch element " + i + " outside [" + off + ", " + (off + size)
                        + ") was written");
            }
        }
    }

    static void assertScratchKept(double[] s, int off, int size) {
        assertScratchKept(floats(s), off, size);
    }

    double[] conv2d(ConvCase c, double[] x, double[] w, double[] b, double[] y0) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[0]);
        double[] bias = c.bias() ? b : null;
        if (this == DOUBLE) {
            double[] y = y0.clone();
            Conv.conv2d(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                    c.pW(), c.dH(), c.dW(), c.groups(), x, c.inOff(), w, c.wOff(), bias, c.biasOff(), y, c.outOff(),
                    c.accumulate(), s, c.scratchOff());
            assertScratchKept(s, c.scratchOff(), c.scratchSizes()[0]);
            return y;
        }
        float[] y = floats(y0);
        float[] fs = floats(s);
        Conv.conv2d(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                c.pW(), c.dH(), c.dW(), c.groups(), floats(x), c.inOff(), floats(w), c.wOff(), floats(bias),
                c.biasOff(), y, c.outOff(), c.accumulate(), fs, c.scratchOff());
        assertScratchKept(fs, c.scratchOff(), c.scratchSizes()[0]);
        return doubles(y);
    }

    double[] conv2dBackwardData(ConvCase c, double[] dy, double[] w, double[] dx0) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[1]);
        if (this == DOUBLE) {
            double[] dx = dx0.clone();
            Conv.conv2dBackwardData(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(),
                    c.pH(), c.pW(), c.dH(), c.dW(), c.groups(), dy, c.outOff(), w, c.wOff(), dx, c.inOff(),
                    c.accumulate(), s, c.scratchOff());
            assertScratchKept(s, c.scratchOff(), c.scratchSizes()[1]);
            return dx;
        }
        float[] dx = floats(dx0);
        float[] fs = floats(s);
        Conv.conv2dBackwardData(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(),
                c.pH(), c.pW(), c.dH(), c.dW(), c.groups(), floats(dy), c.outOff(), floats(w), c.wOff(), dx,
                c.inOff(), c.accumulate(), fs, c.scratchOff());
        assertScratchKept(fs, c.scratchOff(), c.scratchSizes()[1]);
        return doubles(dx);
    }

    /** The weight gradient; when db is not null, the bias gradient too, written into db (in and out). */
    double[] conv2dBackwardWeight(ConvCase c, double[] x, double[] dy, double[] dw0, double[] db) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[2]);
        if (this == DOUBLE) {
            double[] dw = dw0.clone();
            Conv.conv2dBackwardWeight(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(),
                    c.sW(), c.pH(), c.pW(), c.dH(), c.dW(), c.groups(), x, c.inOff(), dy, c.outOff(), dw, c.wOff(),
                    db, c.biasOff(), c.accumulate(), s, c.scratchOff());
            assertScratchKept(s, c.scratchOff(), c.scratchSizes()[2]);
            return dw;
        }
        float[] dw = floats(dw0);
        float[] fs = floats(s);
        float[] fdb = floats(db);
        Conv.conv2dBackwardWeight(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(),
                c.pH(), c.pW(), c.dH(), c.dW(), c.groups(), floats(x), c.inOff(), floats(dy), c.outOff(), dw,
                c.wOff(), fdb, c.biasOff(), c.accumulate(), fs, c.scratchOff());
        assertScratchKept(fs, c.scratchOff(), c.scratchSizes()[2]);
        copyBack(fdb, db);
        return doubles(dw);
    }

    double[] conv2dBackwardWeight(ConvCase c, double[] x, double[] dy, double[] dw0) {
        return conv2dBackwardWeight(c, x, dy, dw0, null);
    }

    private static void copyBack(float[] from, double[] to) {
        if (from != null) {
            for (int i = 0; i < from.length; i++) {
                to[i] = from[i];
            }
        }
    }

    double[] biasGradient(ConvCase c, double[] dy, double[] db0) {
        int positions = c.outH() * c.outW();
        if (this == DOUBLE) {
            double[] db = db0.clone();
            Conv.biasGradient(c.batch(), c.outC(), positions, dy, c.outOff(), db, c.biasOff(), c.accumulate());
            return db;
        }
        float[] db = floats(db0);
        Conv.biasGradient(c.batch(), c.outC(), positions, floats(dy), c.outOff(), db, c.biasOff(), c.accumulate());
        return doubles(db);
    }

    /** conv1d on a case of height 1 (see {@link ConvCase#asConv1d}). */
    double[] conv1d(ConvCase c, double[] x, double[] w, double[] b, double[] y0) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[0]);
        double[] bias = c.bias() ? b : null;
        assertThat(Conv.conv1dScratchSize(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(),
                c.groups())).isEqualTo(c.scratchSizes()[0]);
        if (this == DOUBLE) {
            double[] y = y0.clone();
            Conv.conv1d(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(), c.groups(), x,
                    c.inOff(), w, c.wOff(), bias, c.biasOff(), y, c.outOff(), c.accumulate(), s, c.scratchOff());
            return y;
        }
        float[] y = floats(y0);
        Conv.conv1d(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(), c.groups(), floats(x),
                c.inOff(), floats(w), c.wOff(), floats(bias), c.biasOff(), y, c.outOff(), c.accumulate(), floats(s),
                c.scratchOff());
        return doubles(y);
    }

    double[] conv1dBackwardData(ConvCase c, double[] dy, double[] w, double[] dx0) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[1]);
        assertThat(Conv.conv1dBackwardDataScratchSize(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(),
                c.dW(), c.groups())).isEqualTo(c.scratchSizes()[1]);
        if (this == DOUBLE) {
            double[] dx = dx0.clone();
            Conv.conv1dBackwardData(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(),
                    c.groups(), dy, c.outOff(), w, c.wOff(), dx, c.inOff(), c.accumulate(), s, c.scratchOff());
            return dx;
        }
        float[] dx = floats(dx0);
        Conv.conv1dBackwardData(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(), c.groups(),
                floats(dy), c.outOff(), floats(w), c.wOff(), dx, c.inOff(), c.accumulate(), floats(s),
                c.scratchOff());
        return doubles(dx);
    }

    double[] conv1dBackwardWeight(ConvCase c, double[] x, double[] dy, double[] dw0, double[] db) {
        double[] s = nanScratch(c.scratchOff(), c.scratchSizes()[2]);
        assertThat(Conv.conv1dBackwardWeightScratchSize(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(),
                c.pW(), c.dW(), c.groups())).isEqualTo(c.scratchSizes()[2]);
        if (this == DOUBLE) {
            double[] dw = dw0.clone();
            Conv.conv1dBackwardWeight(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(),
                    c.groups(), x, c.inOff(), dy, c.outOff(), dw, c.wOff(), db, c.biasOff(), c.accumulate(), s,
                    c.scratchOff());
            return dw;
        }
        float[] dw = floats(dw0);
        float[] fdb = floats(db);
        Conv.conv1dBackwardWeight(c.batch(), c.inC(), c.inW(), c.outC(), c.kW(), c.sW(), c.pW(), c.dW(), c.groups(),
                floats(x), c.inOff(), floats(dy), c.outOff(), dw, c.wOff(), fdb, c.biasOff(), c.accumulate(),
                floats(s), c.scratchOff());
        copyBack(fdb, db);
        return doubles(dw);
    }
}
