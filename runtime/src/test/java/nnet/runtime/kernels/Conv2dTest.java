package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import nnet.testing.Properties;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * conv2d and its gradients against the seven-deep definitions of {@link ConvReference}, on random
 * geometries (strides, paddings, dilations, groups, empty sizes), operands placed at offsets in larger
 * arrays, with and without bias and accumulation, in float and double.
 */
class Conv2dTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void forwardAgreesWithTheDefinition(Precision p) {
        Properties.forAll("conv2d forward in " + p, 250, ConvCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] y0 = p.round(c.values(c.outOff(), c.outSize(), 4));
            ConvReference.forward(c, x, w, b, y0)
                    .assertMatches(p.conv2d(c, x, w, b, y0), p.u(), c.outOff(), c.outSize(), "y");
        });
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void inputGradientAgreesWithTheDefinition(Precision p) {
        Properties.forAll("conv2d input gradient in " + p, 250, ConvCase::random, c -> {
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] dx0 = p.round(c.values(c.inOff(), c.inSize(), 3));
            ConvReference.backwardData(c, dy, w, dx0)
                    .assertMatches(p.conv2dBackwardData(c, dy, w, dx0), p.u(), c.inOff(), c.inSize(), "dx");
        });
    }

    /** The weight gradient, and with the case's bias also the bias gradient summed alongside it. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void weightGradientAgreesWithTheDefinition(Precision p) {
        Properties.forAll("conv2d weight gradient in " + p, 250, ConvCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 2));
            double[] dw0 = p.round(c.values(c.wOff(), c.wSize(), 3));
            double[] db0 = p.round(c.values(c.biasOff(), c.outC(), 4));
            double[] db = c.bias() ? db0.clone() : null;
            ConvReference.backwardWeight(c, x, dy, dw0)
                    .assertMatches(p.conv2dBackwardWeight(c, x, dy, dw0, db), p.u(), c.wOff(), c.wSize(), "dw");
            if (c.bias()) {
                ConvReference.biasGradient(c, dy, db0).assertMatches(db, p.u(), c.biasOff(), c.outC(), "db");
                assertThat(db).as("db summed with dw, against biasGradient").isEqualTo(p.biasGradient(c, dy, db0));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void biasGradientIsTheSumOverImagesAndPositions(Precision p) {
        Properties.forAll("conv2d bias gradient in " + p, 100, ConvCase::random, c -> {
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 1));
            double[] db0 = p.round(c.values(c.biasOff(), c.outC(), 2));
            ConvReference.biasGradient(c, dy, db0)
                    .assertMatches(p.biasGradient(c, dy, db0), p.u(), c.biasOff(), c.outC(), "db");
        });
    }

    /**
     * The input and weight gradients are the adjoints of the convolution in x and in w:
     * {@code <conv(x, w), dy> = <x, dx(dy, w)> = <w, dw(x, dy)>}, up to rounding.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void gradientsAreTheAdjointsOfTheConvolution(Precision p) {
        Properties.forAll("conv2d adjoints in " + p, 150, (r, size) -> plain(ConvCase.random(r, size)), c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] dy = p.round(c.values(c.outOff(), c.outSize(), 3));
            double[] y = p.conv2d(c, x, w, null, new double[dy.length]);
            double[] dx = p.conv2dBackwardData(c, dy, w, new double[x.length]);
            double[] dw = p.conv2dBackwardWeight(c, x, dy, new double[w.length]);
            ConvReference.Expected exact = ConvReference.forward(c, x, w, null, new double[dy.length]);
            double magnitude = 0;
            for (int i = 0; i < dy.length; i++) {
                magnitude += exact.magnitude()[i] * Math.abs(dy[i]);
            }
            double tolerance = 2 * (c.cg() * c.kH() * c.kW() + c.batch() * c.outH() * c.outW() + c.outSize() + 2)
                    * p.u() * magnitude;
            double yDy = dot(y, dy);
            assertThat(dot(x, dx)).as("<x, dx> against <y, dy>").isCloseTo(yDy, Offset.offset(tolerance));
            assertThat(dot(w, dw)).as("<w, dw> against <y, dy>").isCloseTo(yDy, Offset.offset(tolerance));
        });
    }

    /**
     * Results do not depend on how the batch is split: every pass over the whole batch equals, bit for
     * bit, the same pass image by image (the weight gradient accumulating over the images in order).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsDoNotDependOnHowTheBatchIsSplit(Precision p) {
        Properties.forAll("conv2d batch split in " + p, 100, ConvCase::random, c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] y0 = p.round(c.values(c.outOff(), c.outSize(), 4));
            double[] dx0 = p.round(c.values(c.inOff(), c.inSize(), 5));
            double[] dw0 = p.round(c.values(c.wOff(), c.wSize(), 6));
            double[] y = y0;
            double[] dx = dx0;
            double[] dw = dw0;
            for (int n = 0; n < c.batch(); n++) {
                y = p.conv2d(c.image(n, c.accumulate()), x, w, b, y);
                dx = p.conv2dBackwardData(c.image(n, c.accumulate()), y0, w, dx);
                dw = p.conv2dBackwardWeight(c.image(n, c.accumulate() || n > 0), x, y0, dw);
            }
            assertThat(p.conv2d(c, x, w, b, y0)).isEqualTo(y);
            assertThat(p.conv2dBackwardData(c, y0, w, dx0)).isEqualTo(dx);
            if (c.batch() > 0) {
                assertThat(p.conv2dBackwardWeight(c, x, y0, dw0)).isEqualTo(dw);
            }
        });
    }

    /** Shapes as in a small image network, long enough rows for every vectorised path of the products. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void imageNetworkShapes(Precision p) {
        ConvCase[] cases = {
            ConvCase.of(2, 1, 28, 28, 8, 3, 1, 1, 1, 1, false, 1),
            ConvCase.of(2, 6, 14, 14, 10, 3, 1, 1, 1, 1, true, 2),
            ConvCase.of(1, 4, 30, 30, 6, 5, 1, 2, 1, 2, false, 3),
            ConvCase.of(2, 3, 29, 31, 8, 3, 2, 1, 1, 1, false, 4),
            ConvCase.of(1, 4, 17, 17, 70, 1, 1, 0, 1, 1, true, 5),
            ConvCase.of(1, 70, 9, 9, 4, 3, 1, 2, 2, 1, false, 6),
        };
        for (ConvCase c : cases) {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] out = p.round(c.values(c.outOff(), c.outSize(), 4));
            ConvReference.forward(c, x, w, b, out)
                    .assertMatches(p.conv2d(c, x, w, b, out), p.u(), c.outOff(), c.outSize(), c);
            ConvReference.backwardData(c, out, w, x)
                    .assertMatches(p.conv2dBackwardData(c, out, w, x), p.u(), c.inOff(), c.inSize(), c);
            ConvReference.backwardWeight(c, x, out, w)
                    .assertMatches(p.conv2dBackwardWeight(c, x, out, w), p.u(), c.wOff(), c.wSize(), c);
        }
    }

    /** The case without bias and accumulation, so that each pass is a plain linear map. */
    static ConvCase plain(ConvCase c) {
        return new ConvCase(c.batch(), c.inC(), c.inH(), c.inW(), c.outC(), c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                c.pW(), c.dH(), c.dW(), c.groups(), c.inOff(), c.wOff(), c.biasOff(), c.outOff(), c.scratchOff(),
                false, false, c.seed());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
