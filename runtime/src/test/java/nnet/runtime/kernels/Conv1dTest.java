package nnet.runtime.kernels;

import nnet.testing.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** conv1d is conv2d of height 1: checked against the definition written for that shape. */
class Conv1dTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void allPassesAgreeWithTheDefinition(Precision p) {
        Properties.forAll("conv1d in " + p, 200, (r, size) -> ConvCase.random(r, size).asConv1d(), c -> {
            double[] x = p.round(c.values(c.inOff(), c.inSize(), 1));
            double[] w = p.round(c.values(c.wOff(), c.wSize(), 2));
            double[] b = p.round(c.values(c.biasOff(), c.outC(), 3));
            double[] out = p.round(c.values(c.outOff(), c.outSize(), 4));
            ConvReference.forward(c, x, w, b, out)
                    .assertMatches(p.conv1d(c, x, w, b, out), p.u(), c.outOff(), c.outSize(), "y");
            ConvReference.backwardData(c, out, w, x)
                    .assertMatches(p.conv1dBackwardData(c, out, w, x), p.u(), c.inOff(), c.inSize(), "dx");
            double[] db = b.clone();
            ConvReference.backwardWeight(c, x, out, w)
                    .assertMatches(p.conv1dBackwardWeight(c, x, out, w, db), p.u(), c.wOff(), c.wSize(), "dw");
            ConvReference.biasGradient(c, out, b).assertMatches(db, p.u(), c.biasOff(), c.outC(), "db");
        });
    }
}
