package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/** The tiled dot products compute what the GEMM defines, bit for bit: one in-order fma chain per element. */
class DotTilesTest {
    @Test
    void floatTilesAreTheInOrderChainOfFusedMultiplyAdds() {
        Properties.forAll("float dot tiles", 200, r -> GemmCase.random(r).withTransposes(false, true), g -> {
            float[] a = g.randomFloats(g.aLength(), 1);
            float[] b = g.randomFloats(g.bLength(), 2);
            float[] c0 = g.randomFloats(g.cLength(), 3);
            float[] c = c0.clone();
            FloatDotTiles.multiply(g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(), c, g.cOff(),
                    g.ldc(), g.accumulate());
            for (int index = 0; index < c.length; index++) {
                float expected = g.insideC(index)
                        ? Naive.fmaChain(g, a, b, c0, (index - g.cOff()) / g.ldc(), (index - g.cOff()) % g.ldc())
                        : c0[index];
                assertThat(Float.floatToIntBits(c[index])).as("c[%d] of %s", index, g)
                        .isEqualTo(Float.floatToIntBits(expected));
            }
        });
    }

    @Test
    void doubleTilesAreTheInOrderChainOfFusedMultiplyAdds() {
        Properties.forAll("double dot tiles", 200, r -> GemmCase.random(r).withTransposes(false, true), g -> {
            double[] a = g.randomDoubles(g.aLength(), 1);
            double[] b = g.randomDoubles(g.bLength(), 2);
            double[] c0 = g.randomDoubles(g.cLength(), 3);
            double[] c = c0.clone();
            DoubleDotTiles.multiply(g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(), c, g.cOff(),
                    g.ldc(), g.accumulate());
            for (int index = 0; index < c.length; index++) {
                double expected = g.insideC(index)
                        ? Naive.fmaChain(g, a, b, c0, (index - g.cOff()) / g.ldc(), (index - g.cOff()) % g.ldc())
                        : c0[index];
                assertThat(Double.doubleToLongBits(c[index])).as("c[%d] of %s", index, g)
                        .isEqualTo(Double.doubleToLongBits(expected));
            }
        });
    }
}
