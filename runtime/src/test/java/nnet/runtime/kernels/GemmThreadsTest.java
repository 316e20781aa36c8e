package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Products large enough to be split over threads give, for every thread count from 1 to 4, exactly the
 * in-order fma chain of every element: the split never changes an element's sum.
 */
class GemmThreadsTest {
    private static final int[] ROWS = {1, 3, 7, 37, 100, 129};
    private static final int[] COLS = {2, 33, 65, 200, 500, 1030};
    private static final int[] DEPTHS = {60, 129, 300, 700};
    private final int threadsBefore = Workers.threads();

    @AfterEach
    void restoreThreads() {
        Workers.setThreads(threadsBefore);
    }

    private static GemmCase large(Random r) {
        GemmCase g;
        do {
            g = GemmCase.of(r.nextBoolean(), r.nextBoolean(), pick(r, ROWS), pick(r, COLS), pick(r, DEPTHS),
                    r.nextInt(4), r.nextInt(3), r.nextBoolean(), r.nextLong());
        } while ((long) g.m() * g.n() * g.k() < FloatTileJob.PARALLEL_FMAS);
        return g;
    }

    private static int pick(Random r, int[] sizes) {
        return sizes[r.nextInt(sizes.length)];
    }

    @Test
    void floatProductsAreTheFmaChainForAnyNumberOfThreads() {
        Properties.forAll("sgemm on 1-4 threads", 24, GemmThreadsTest::large, g -> {
            float[] a = g.randomFloats(g.aLength(), 1);
            float[] b = g.randomFloats(g.bLength(), 2);
            float[] c0 = g.randomFloats(g.cLength(), 3);
            float[] expected = c0.clone();
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    expected[g.cIndex(i, j)] = Naive.fmaChain(g, a, b, c0, i, j);
                }
            }
            FloatPackedB packed = FloatPackedB.of(g.transB(), g.n(), g.k(), b, g.bOff(), g.ldb());
            for (int threads = 1; threads <= 4; threads++) {
                Workers.setThreads(threads);
                float[] c = c0.clone();
                Gemm.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(),
                        c, g.cOff(), g.ldc(), g.accumulate());
                assertThat(c).as("%d threads", threads).isEqualTo(expected);
                float[] viaPacked = c0.clone();
                Gemm.sgemm(g.transA(), g.m(), a, g.aOff(), g.lda(), packed, viaPacked, g.cOff(), g.ldc(), g.accumulate());
                assertThat(viaPacked).as("%d threads, packed B", threads).isEqualTo(expected);
            }
        });
    }

    @Test
    void doubleProductsAreTheFmaChainForAnyNumberOfThreads() {
        Properties.forAll("dgemm on 1-4 threads", 16, GemmThreadsTest::large, g -> {
            double[] a = g.randomDoubles(g.aLength(), 1);
            double[] b = g.randomDoubles(g.bLength(), 2);
            double[] c0 = g.randomDoubles(g.cLength(), 3);
            double[] expected = c0.clone();
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    expected[g.cIndex(i, j)] = Naive.fmaChain(g, a, b, c0, i, j);
                }
            }
            for (int threads = 1; threads <= 4; threads++) {
                Workers.setThreads(threads);
                double[] c = c0.clone();
                Gemm.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(),
                        c, g.cOff(), g.ldc(), g.accumulate());
                assertThat(c).as("%d threads", threads).isEqualTo(expected);
            }
        });
    }
}
