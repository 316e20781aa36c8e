package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pooling against the definitions of {@link PoolReference}, in float and double, and its conventions. */
class PoolTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void maxPoolingFindsTheFirstLargestAndScattersBackToIt(Precision p) {
        Properties.forAll("max_pool2d in " + p, 250, PoolCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] y0 = p.round(c.values(c.outOff(), c.outSize(), 2));
            int[] argmax = new int[c.argmaxOff() + c.outSize() + RandomOperands.TAIL];
            Arrays.fill(argmax, -7);
            double[] y = maxPool(p, c, x, y0, argmax);
            int[] expected = PoolReference.argmax(c, x);
            for (int o = 0; o < c.outSize(); o++) {
                int plane = o / (c.outH() * c.outW());
                assertThat(argmax[c.argmaxOff() + o]).as("argmax %d", o).isEqualTo(expected[o]);
                assertThat(y[c.outOff() + o]).as("y %d", o).isEqualTo(expected[o] == -1 ? Double.NEGATIVE_INFINITY
                        : x[c.inOff() + plane * c.inH() * c.inW() + expected[o]]);
            }
            assertKept(y, y0, c.outOff(), c.outSize());
            for (int i = 0; i < argmax.length; i++) {
                if (i < c.argmaxOff() || i >= c.argmaxOff() + c.outSize()) {
                    assertThat(argmax[i]).as("argmax element %d outside the output", i).isEqualTo(-7);
                }
            }

            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 3));
            double[] dx0 = p.round(c.values(c.inOff(), c.inSize(), 4));
            ConvReference.Expected dx = ConvReference.Expected.startingFrom(dx0, c.accumulate(), c.inOff(),
                    c.inSize(), c.kH() * c.kW() + 1);
            for (int o = 0; o < c.outSize(); o++) {
                int plane = o / (c.outH() * c.outW());
                if (expected[o] != -1) {
                    dx.add(c.inOff() + plane * c.inH() * c.inW() + expected[o], dy[c.outOff() + o]);
                }
            }
            dx.assertMatches(maxPoolBackward(p, c, dy, argmax, dx0), p.u(), c.inOff(), c.inSize(), "dx");
        });
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void averagePoolingAgreesWithTheDefinition(Precision p) {
        Properties.forAll("avg_pool2d in " + p, 250, (r, size) -> PoolCase.random(r, size).undilated(), c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] y0 = p.round(c.values(c.outOff(), c.outSize(), 2));
            PoolReference.avgForward(c, x, y0).assertMatches(avgPool(p, c, x, y0), p.u(), c.outOff(), c.outSize(), "y");
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 3));
            double[] dx0 = p.round(c.values(c.inOff(), c.inSize(), 4));
            PoolReference.avgBackward(c, dy, dx0)
                    .assertMatches(avgPoolBackward(p, c, dy, dx0), p.u(), c.inOff(), c.inSize(), "dx");
        });
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void adaptiveAveragePoolingAgreesWithTheDefinition(Precision p) {
        Properties.forAll("adaptive_avg_pool2d in " + p, 250, PoolCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] y0 = p.round(c.values(c.outOff(), c.adaptiveSize(), 2));
            PoolReference.adaptiveForward(c, x, y0)
                    .assertMatches(adaptivePool(p, c, x, y0), p.u(), c.outOff(), c.adaptiveSize(), "y");
            double[] dy = p.round(c.values(c.outOff(), c.adaptiveSize(), 3));
            double[] dx0 = p.round(c.values(c.inOff(), c.inSize(), 4));
            PoolReference.adaptiveBackward(c, dy, dx0)
                    .assertMatches(adaptivePoolBackward(p, c, dy, dx0), p.u(), c.inOff(), c.inSize(), "dx");
        });
    }

    @Test
    void maxPoolingKeepsTheFirstOfEqualValuesAndTheLastNan() {
        float nan = Float.NaN;
        float inf = Float.NEGATIVE_INFINITY;
        // 2 x 2 windows with stride 2 on a 2 x 8 plane: ties, NaNs, -infinity, and zeros of both signs.
        float[] x = {1, 5, 2, nan, inf, inf, -0f, 0, 5, 0, nan, 3, inf, inf, 0, -0f};
        for (int[] window : new int[][] {{2, 2, 2, 2, 0, 0, 1, 1}, {2, 2, 2, 2, 1, 0, 2, 1}}) {
            float[] y = new float[4];
            int[] argmax = new int[4];
            Pool.maxPool2d(1, 1, 2, 8, window[0], window[1], window[2], window[3], window[4], window[5], window[6],
                    window[7], x, 0, y, 0, argmax, 0);
            if (window[4] == 0) {
                // The common window, computed without branches on the values.
                assertThat(argmax).containsExactly(1, 10, 4, 6);
                assertThat(y[0]).isEqualTo(5);
                assertThat(y[1]).isNaN();
                assertThat(y[2]).isEqualTo(inf);
                assertThat(Float.floatToIntBits(y[3])).isEqualTo(Float.floatToIntBits(-0f));
            } else {
                // Padding 1 and dilation 2 down the columns: each window's rows are -1 and 1, so only row 1.
                assertThat(argmax).containsExactly(8, 10, 12, 14);
            }
        }
    }

    @Test
    void globalAveragePoolingIsThePlaneMean() {
        double[] x = new double[2 * 7 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        double[] y = new double[2];
        Pool.adaptiveAvgPool2d(1, 2, 7, 5, 1, 1, x, 0, y, 0);
        assertThat(y).containsExactly(17, 52);
    }

    /** Windows and operands are checked before anything is written; argmax indices as they are used. */
    @Test
    void rejectsBadArguments() {
        float[] x = new float[16];
        float[] y = {9, 9, 9, 9};
        int[] argmax = new int[4];
        assertThatThrownBy(() -> Pool.maxPool2d(1, 1, 4, 4, 2, 2, 2, 2, 2, 0, 1, 1, x, 0, y, 0, argmax, 0))
                .as("padding above half the kernel").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.avgPool2d(1, 1, 4, 4, 2, 2, 0, 2, 0, 0, true, x, 0, y, 0))
                .as("stride 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.maxPool2d(1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, x, 0, y, 1, argmax, 0))
                .as("y too short").isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Pool.adaptiveAvgPool2d(1, 1, 4, 4, 0, 2, x, 0, y, 0))
                .as("empty output").isInstanceOf(IllegalArgumentException.class);
        int[] outside = {0, 0, 16, 0};
        assertThatThrownBy(() -> Pool.maxPool2dBackward(1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, y, 0, outside, 0, x, 0,
                true)).as("argmax outside the plane").isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(y).containsOnly(9);
    }

    @Test
    void poolingAllocatesNothing() {
        float[] x = new float[8 * 16 * 28 * 28];
        float[] y = new float[8 * 16 * 14 * 14];
        int[] argmax = new int[y.length];
        float[] g = new float[8 * 16];
        assertThat(ConvApiTest.allocatedBytesPerRun(() -> {
            Pool.maxPool2d(8, 16, 28, 28, 2, 2, 2, 2, 0, 0, 1, 1, x, 0, y, 0, argmax, 0);
            Pool.maxPool2dBackward(8, 16, 28, 28, 2, 2, 2, 2, 0, 0, 1, 1, y, 0, argmax, 0, x, 0, false);
            Pool.avgPool2d(8, 16, 28, 28, 3, 3, 2, 2, 1, 1, false, x, 0, y, 0);
            Pool.avgPool2dBackward(8, 16, 28, 28, 3, 3, 2, 2, 1, 1, false, y, 0, x, 0, true);
            Pool.adaptiveAvgPool2d(8, 16, 28, 28, 1, 1, x, 0, g, 0);
            Pool.adaptiveAvgPool2dBackward(8, 16, 28, 28, 1, 1, g, 0, x, 0, false);
        })).isLessThan(8);
    }

    private static void assertKept(double[] actual, double[] old, int off, int size) {
        for (int i = 0; i < actual.length; i++) {
            if (i < off || i >= off + size) {
                assertThat(actual[i]).as("element %d outside the output", i).isEqualTo(old[i]);
            }
        }
    }

    private static double[] maxPool(Precision p, PoolCase c, double[] x, double[] y0, int[] argmax) {
        if (p == Precision.DOUBLE) {
            double[] y = y0.clone();
            Pool.maxPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(),
                    c.dH(), c.dW(), x, c.inOff(), y, c.outOff(), argmax, c.argmaxOff());
            return y;
        }
        float[] y = Precision.floats(y0);
        Pool.maxPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(),
                c.dH(), c.dW(), Precision.floats(x), c.inOff(), y, c.outOff(), argmax, c.argmaxOff());
        return Precision.doubles(y);
    }

    private static double[] maxPoolBackward(Precision p, PoolCase c, double[] dy, int[] argmax, double[] dx0) {
        if (p == Precision.DOUBLE) {
            double[] dx = dx0.clone();
            Pool.maxPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                    c.pW(), c.dH(), c.dW(), dy, c.outOff(), argmax, c.argmaxOff(), dx, c.inOff(), c.accumulate());
            return dx;
        }
        float[] dx = Precision.floats(dx0);
        Pool.maxPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                c.pW(), c.dH(), c.dW(), Precision.floats(dy), c.outOff(), argmax, c.argmaxOff(), dx, c.inOff(),
                c.accumulate());
        return Precision.doubles(dx);
    }

    private static double[] avgPool(Precision p, PoolCase c, double[] x, double[] y0) {
        if (p == Precision.DOUBLE) {
            double[] y = y0.clone();
            Pool.avgPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(),
                    c.countIncludePad(), x, c.inOff(), y, c.outOff());
            return y;
        }
        float[] y = Precision.floats(y0);
        Pool.avgPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(),
                c.countIncludePad(), Precision.floats(x), c.inOff(), y, c.outOff());
        return Precision.doubles(y);
    }

    private static double[] avgPoolBackward(Precision p, PoolCase c, double[] dy, double[] dx0) {
        if (p == Precision.DOUBLE) {
            double[] dx = dx0.clone();
            Pool.avgPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                    c.pW(), c.countIncludePad(), dy, c.outOff(), dx, c.inOff(), c.accumulate());
            return dx;
        }
        float[] dx = Precision.floats(dx0);
        Pool.avgPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                c.pW(), c.countIncludePad(), Precision.floats(dy), c.outOff(), dx, c.inOff(), c.accumulate());
        return Precision.doubles(dx);
    }

    private static double[] adaptivePool(Precision p, PoolCase c, double[] x, double[] y0) {
        if (p == Precision.DOUBLE) {
            double[] y = y0.clone();
            Pool.adaptiveAvgPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.adaptiveH(), c.adaptiveW(), x,
                    c.inOff(), y, c.outOff());
            return y;
        }
        float[] y = Precision.floats(y0);
        Pool.adaptiveAvgPool2d(c.batch(), c.channels(), c.inH(), c.inW(), c.adaptiveH(), c.adaptiveW(),
                Precision.floats(x), c.inOff(), y, c.outOff());
        return Precision.doubles(y);
    }

    private static double[] adaptivePoolBackward(Precision p, PoolCase c, double[] dy, double[] dx0) {
        if (p == Precision.DOUBLE) {
            double[] dx = dx0.clone();
            Pool.adaptiveAvgPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.adaptiveH(), c.adaptiveW(),
                    dy, c.outOff(), dx, c.inOff(), c.accumulate());
            return dx;
        }
        float[] dx = Precision.floats(dx0);
        Pool.adaptiveAvgPool2dBackward(c.batch(), c.channels(), c.inH(), c.inW(), c.adaptiveH(), c.adaptiveW(),
                Precision.floats(dy), c.outOff(), dx, c.inOff(), c.accumulate());
        return Precision.doubles(dx);
    }
}
