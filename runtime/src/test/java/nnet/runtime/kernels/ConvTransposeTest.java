package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nnet.testing.Properties;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** conv_transpose2d and its gradients against the scatter definition of {@link TransposeReference}. */
class ConvTransposeTest {
    @Test
    void outputSizesFollowPyTorch() {
        assertThat(ConvTranspose.convTranspose2dOutputSize(14, 3, 2, 1, 1, 1)).isEqualTo(28);
        assertThat(ConvTranspose.convTranspose2dOutputSize(4, 3, 1, 0, 0, 2)).isEqualTo(8);
        assertThat(ConvTranspose.convTranspose2dOutputSize(3, 2, 1, 0, 1, 2)).as("output padding below the dilation")
                .isEqualTo(6);
        assertThatThrownBy(() -> ConvTranspose.convTranspose2dOutputSize(4, 3, 2, 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void allPassesAgreeWithTheDefinition(Precision p) {
        Properties.forAll("conv_transpose2d in " + p, 250, TransposeCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] out = p.round(c.values(c.outOff(), c.outSize(), 4));
            TransposeReference.forward(c, x, w, b, out)
                    .assertMatches(forward(p, c, x, w, b, out), p.u(), c.outOff(), c.outSize(), "y");
            TransposeReference.backwardData(c, out, w, x)
                    .assertMatches(backwardData(p, c, out, w, x), p.u(), c.inOff(), c.inSize(), "dx");
            TransposeReference.backwardWeight(c, x, out, w)
                    .assertMatches(backwardWeight(p, c, x, out, w), p.u(), c.wOff(), c.wSize(), "dw");
        });
    }

    /**
     * A 1 x 1 kernel of unit stride with output padding (possible with a dilation above 1) makes the output
     * larger than the input, so no pass may treat it as a plain product of equal-sized planes.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void aOneByOneKernelWithOutputPaddingIsNotAPlainProduct(Precision p) {
        for (int[] op : new int[][] {{1, 0}, {0, 1}, {1, 1}}) {
            TransposeCase c = new TransposeCase(2, 2, 3, 1, 3, 1, 1, 1, 1, 0, 0, op[0], op[1], 2, 2, 1, 1, 2, 0, 3, 1,
                    true, false, 17);
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] out = p.round(c.values(c.outOff(), c.outSize(), 4));
            TransposeReference.forward(c, x, w, b, out)
                    .assertMatches(forward(p, c, x, w, b, out), p.u(), c.outOff(), c.outSize(), "y");
            TransposeReference.backwardData(c, out, w, x)
                    .assertMatches(backwardData(p, c, out, w, x), p.u(), c.inOff(), c.inSize(), "dx");
            TransposeReference.backwardWeight(c, x, out, w)
                    .assertMatches(backwardWeight(p, c, x, out, w), p.u(), c.wOff(), c.wSize(), "dw");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gradientsAreTheAdjointsOfTheTransposedConvolution(Precision p) {
        Properties.forAll("conv_transpose2d adjoints in " + p, 100, TransposeCase::random, c0 -> {
            TransposeCase c = new TransposeCase(c0.batch(), c0.inC(), c0.inH(), c0.inW(), c0.outC(), c0.kH(), c0.kW(),
                    c0.sH(), c0.sW(), c0.pH(), c0.pW(), c0.opH(), c0.opW(), c0.dH(), c0.dW(), c0.groups(), c0.inOff(),
                    c0.wOff(), c0.biasOff(), c0.outOff(), c0.scratchOff(), false, false, c0.seed());
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 3));
            double[] y = forward(p, c, x, w, null, new double[dy.length]);
            double[] dx = backwardData(p, c, dy, w, new double[x.length]);
            double[] dw = backwardWeight(p, c, x, dy, new double[w.length]);
            ConvReference.Expected exact = TransposeReference.forward(c, x, w, null, new double[dy.length]);
            double magnitude = 0;
            for (int i = 0; i < dy.length; i++) {
                magnitude += exact.magnitude()[i] * Math.abs(dy[i]);
            }
            double tolerance = 2 * (c.icg() * c.kH() * c.kW() + c.batch() * c.inH() * c.inW() + c.outSize()
                    + c.inSize() + 2) * p.u() * magnitude;
            double yDy = Conv2dTest.dot(y, dy);
            assertThat(Conv2dTest.dot(x, dx)).isCloseTo(yDy, Offset.offset(tolerance));
            assertThat(Conv2dTest.dot(w, dw)).isCloseTo(yDy, Offset.offset(tolerance));
        });
    }

    private static int[] scratchSizes(TransposeCase c) {
        return new int[] {
            ConvTranspose.convTranspose2dScratchSize(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(),
                    c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups()),
            ConvTranspose.convTranspose2dBackwardDataScratchSize(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(),
                    c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups()),
            ConvTranspose.convTranspose2dBackwardWeightScratchSize(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(),
                    c.kH(), c.kW(), c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups())
        };
    }

    private static double[] forward(Precision p, TransposeCase c, double[] x, double[] w, double[] b, double[] y0) {
        int size = scratchSizes(c)[0];
        double[] s = Precision.nanScratch(c.scratchOff(), size);
        double[] bias = c.bias() ? b : null;
        if (p == Precision.DOUBLE) {
            double[] y = y0.clone();
            ConvTranspose.convTranspose2d(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(),
                    c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), x, c.inOff(), w, c.wOff(),
                    bias, c.biasOff(), y, c.outOff(), c.accumulate(), s, c.scratchOff());
            Precision.assertScratchKept(s, c.scratchOff(), size);
            return y;
        }
        float[] y = Precision.floats(y0);
        float[] fs = Precision.floats(s);
        ConvTranspose.convTranspose2d(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(),
                c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), Precision.floats(x), c.inOff(),
                Precision.floats(w), c.wOff(), Precision.floats(bias), c.biasOff(), y, c.outOff(), c.accumulate(),
                fs, c.scratchOff());
        Precision.assertScratchKept(fs, c.scratchOff(), size);
        return Precision.doubles(y);
    }

    private static double[] backwardData(Precision p, TransposeCase c, double[] dy, double[] w, double[] dx0) {
        int size = scratchSizes(c)[1];
        double[] s = Precision.nanScratch(c.scratchOff(), size);
        if (p == Precision.DOUBLE) {
            double[] dx = dx0.clone();
            ConvTranspose.convTranspose2dBackwardData(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(),
                    c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), dy, c.outOff(),
                    w, c.wOff(), dx, c.inOff(), c.accumulate(), s, c.scratchOff());
            Precision.assertScratchKept(s, c.scratchOff(), size);
            return dx;
        }
        float[] dx = Precision.floats(dx0);
        float[] fs = Precision.floats(s);
        ConvTranspose.convTranspose2dBackwardData(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(),
                c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), Precision.floats(dy),
                c.outOff(), Precision.floats(w), c.wOff(), dx, c.inOff(), c.accumulate(), fs, c.scratchOff());
        Precision.assertScratchKept(fs, c.scratchOff(), size);
        return Precision.doubles(dx);
    }

    private static double[] backwardWeight(Precision p, TransposeCase c, double[] x, double[] dy, double[] dw0) {
        int size = scratchSizes(c)[2];
        double[] s = Precision.nanScratch(c.scratchOff(), size);
        if (p == Precision.DOUBLE) {
            double[] dw = dw0.clone();
            ConvTranspose.convTranspose2dBackwardWeight(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(),
                    c.kW(), c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), x,
                    c.inOff(), dy, c.outOff(), dw, c.wOff(), c.accumulate(), s, c.scratchOff());
            Precision.assertScratchKept(s, c.scratchOff(), size);
            return dw;
        }
        float[] dw = Precision.floats(dw0);
        float[] fs = Precision.floats(s);
        ConvTranspose.convTranspose2dBackwardWeight(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(),
                c.sH(), c.sW(), c.pH(), c.pW(), c.opH(), c.opW(), c.dH(), c.dW(), c.groups(), Precision.floats(x),
                c.inOff(), Precision.floats(dy), c.outOff(), dw, c.wOff(), c.accumulate(), fs, c.scratchOff());
        Precision.assertScratchKept(fs, c.scratchOff(), size);
        return Precision.doubles(dw);
    }
}
