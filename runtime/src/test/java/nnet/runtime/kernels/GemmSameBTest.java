package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * A product whose B is packed once and reused over several calls, as over a loop's steps, gives the plain
 * product's results bit for bit at every call, and packs again when told to (B changed) or when the
 * shape differs.
 */
class GemmSameBTest {
    @Test
    void reusedPackingsGiveThePlainProductsResults() {
        Properties.forAll("sgemmSameB over a loop's steps", 120, GemmCase::random, g -> {
            float[] b = g.randomFloats(g.bLength(), 2);
            FloatPackedB cache = new FloatPackedB();
            for (int step = 0; step < 4; step++) {
                if (step == 2) {
                    b = g.randomFloats(g.bLength(), 7);
                }
                float[] a = g.randomFloats(g.aLength(), 10 + step);
                float[] c0 = g.randomFloats(g.cLength(), 20 + step);
                float[] expected = c0.clone();
                Gemm.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(),
                        expected, g.cOff(), g.ldc(), g.accumulate());
                float[] c = c0.clone();
                Gemm.sgemmSameB(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(),
                        g.ldb(), c, g.cOff(), g.ldc(), g.accumulate(), cache, step % 2 == 0);
                assertThat(c).as("step %d", step).isEqualTo(expected);
            }
        });
    }

    /** Two cases whose B differ in shape (n or k). */
    private static GemmCase[] twoShapes(java.util.Random r) {
        GemmCase first = GemmCase.random(r);
        GemmCase second;
        do {
            second = GemmCase.random(r);
        } while (second.n() == first.n() && second.k() == first.k());
        return new GemmCase[] {first, second};
    }

    @Test
    void aCacheOfAnotherShapeIsPackedAgainEvenWhenNotAsked() {
        Properties.forAll("dgemmSameB across shapes", 60, GemmSameBTest::twoShapes, cases -> {
            DoublePackedB cache = new DoublePackedB();
            for (GemmCase g : cases) {
                double[] a = g.randomDoubles(g.aLength(), 1);
                double[] b = g.randomDoubles(g.bLength(), 2);
                double[] expected = g.randomDoubles(g.cLength(), 3);
                double[] c = expected.clone();
                Gemm.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(),
                        g.ldb(), expected, g.cOff(), g.ldc(), g.accumulate());
                Gemm.dgemmSameB(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(),
                        g.ldb(), c, g.cOff(), g.ldc(), g.accumulate(), cache, cases[0] == g);
                assertThat(c).isEqualTo(expected);
            }
        });
    }
}
