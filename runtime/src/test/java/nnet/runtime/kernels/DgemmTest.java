package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nnet.testing.Properties;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DgemmTest {
    /** Unit roundoff of double. */
    private static final double U = Math.ulp(1.0) / 2;

    @Test
    void agreesWithTheDefinitionAndTouchesNothingElse() {
        Properties.forAll("dgemm agrees with the definition", 300, GemmCase::random, DgemmTest::checkAgainstDefinition);
    }

    @Test
    void isTheInOrderChainOfFusedMultiplyAdds() {
        Properties.forAll("dgemm is the in-order fma chain", 150, GemmCase::random, g -> {
            double[] a = g.randomDoubles(g.aLength(), 1);
            double[] b = g.randomDoubles(g.bLength(), 2);
            double[] c0 = g.randomDoubles(g.cLength(), 3);
            double[] c = run(g, a, b, c0);
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    double expected = Naive.fmaChain(g, a, b, c0, i, j);
                    assertThat(Double.doubleToLongBits(c[g.cIndex(i, j)]))
                            .as("C[%d][%d]", i, j).isEqualTo(Double.doubleToLongBits(expected));
                }
            }
        });
    }

    /** A case and the number of rows per block to compute it in. */
    private record Blocked(GemmCase g, int blockRows) {
    }

    @Test
    void rowBlocksGiveTheSameResultAsTheWhole() {
        Properties.forAll("dgemm row blocks", 100, r -> new Blocked(GemmCase.random(r), 1 + r.nextInt(70)), blocked -> {
            GemmCase g = blocked.g();
            double[] a = g.randomDoubles(g.aLength(), 1);
            double[] b = g.randomDoubles(g.bLength(), 2);
            double[] c0 = g.randomDoubles(g.cLength(), 3);
            double[] whole = run(g, a, b, c0);
            double[] inBlocks = c0.clone();
            double[] packedInBlocks = c0.clone();
            DoublePackedB packed = DoublePackedB.of(g.transB(), g.n(), g.k(), b, g.bOff(), g.ldb());
            for (int r0 = 0; r0 < g.m(); r0 += blocked.blockRows()) {
                int r1 = Math.min(g.m(), r0 + blocked.blockRows());
                Gemm.dgemmRows(r0, r1, g.transA(), g.transB(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(),
                        inBlocks, g.cOff(), g.ldc(), g.accumulate());
                Gemm.dgemmRows(r0, r1, g.transA(), a, g.aOff(), g.lda(), packed, packedInBlocks, g.cOff(), g.ldc(),
                        g.accumulate());
            }
            assertThat(inBlocks).isEqualTo(whole);
            assertThat(packedInBlocks).isEqualTo(whole);
        });
    }

    @Test
    void oneOrTwoRowsAgainstATransposedB() {
        // The dot-product path: eight columns at a time and the rest one by one.
        int seed = 30;
        for (int m = 1; m <= 2; m++) {
            for (int n : new int[] {1, 7, 8, 9, 17, 500}) {
                for (boolean transA : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        GemmCase g = GemmCase.of(transA, true, m, n, 37, 2, 3, accumulate, seed++);
                        checkAgainstDefinition(g);
                        double[] a = g.randomDoubles(g.aLength(), 1);
                        double[] b = g.randomDoubles(g.bLength(), 2);
                        double[] c0 = g.randomDoubles(g.cLength(), 3);
                        double[] c = run(g, a, b, c0);
                        for (int j = 0; j < n; j++) {
                            assertThat(Double.doubleToLongBits(c[g.cIndex(m - 1, j)]))
                                    .isEqualTo(Double.doubleToLongBits(Naive.fmaChain(g, a, b, c0, m - 1, j)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsWiderThanOnePanelAndDeeperThanOne() {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                checkAgainstDefinition(GemmCase.of(transA, transB, 7, DoubleBlocking.NC + 5, 2 * DoubleBlocking.KC + 3,
                        3, 2, true, 11));
                checkAgainstDefinition(GemmCase.of(transA, transB, 2 * DoubleBlocking.MC + 5, 70, 100, 0, 0, false, 12));
                // The register tiles' column block (1024 at 512 bits) and depth block (128), by value.
                checkAgainstDefinition(GemmCase.of(transA, transB, 8, 2 * 1024 + 40, 2 * 128 + 3, 1, 3, true, 13));
            }
        }
    }

    @Test
    void repackingReusesThePackingForNewValuesAndShapes() {
        GemmCase first = GemmCase.of(false, true, 9, 70, 130, 0, 0, false, 21);
        GemmCase second = GemmCase.of(false, false, 9, 33, 200, 0, 0, false, 22);
        DoublePackedB packed = new DoublePackedB();
        for (GemmCase g : new GemmCase[] {first, second, first}) {
            double[] a = g.randomDoubles(g.aLength(), 1);
            double[] b = g.randomDoubles(g.bLength(), 2);
            double[] c0 = g.randomDoubles(g.cLength(), 3);
            double[] expected = run(g, a, b, c0);
            double[] actual = c0.clone();
            assertThat(packed.pack(g.transB(), g.n(), g.k(), b, g.bOff(), g.ldb())).isSameAs(packed);
            Gemm.dgemm(g.transA(), g.m(), a, g.aOff(), g.lda(), packed, actual, g.cOff(), g.ldc(), g.accumulate());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void depthZeroClearsOrKeepsC() {
        double[] c = {1, 2, 3, 4, 5, 6, 7};
        Gemm.dgemm(false, false, 2, 2, 0, new double[0], 0, 0, new double[0], 0, 2, c, 1, 3, true);
        assertThat(c).containsExactly(1, 2, 3, 4, 5, 6, 7);
        Gemm.dgemm(false, false, 2, 2, 0, new double[0], 0, 0, new double[0], 0, 2, c, 1, 3, false);
        assertThat(c).containsExactly(1, 0, 0, 4, 0, 0, 7);
    }

    @Test
    void smallProductByHand() {
        // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50]; with A given transposed and B transposed.
        double[] at = {1, 3, 2, 4};
        double[] bt = {5, 7, 6, 8};
        double[] c = new double[4];
        Gemm.dgemm(true, true, 2, 2, 2, at, 0, 2, bt, 0, 2, c, 0, 2, false);
        assertThat(c).containsExactly(19, 22, 43, 50);
    }

    @Test
    void rejectsBadArgumentsBeforeWriting() {
        double[] a = new double[6];
        double[] b = new double[6];
        double[] c = {9, 9, 9, 9};
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 2, 2, 3, a, 0, 2, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 2, 2, 3, a, 1, 3, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 1, 2, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Gemm.dgemm(false, false, -1, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(c).containsExactly(9, 9, 9, 9);
    }

    private static double[] run(GemmCase g, double[] a, double[] b, double[] c0) {
        double[] c = c0.clone();
        Gemm.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(), g.ldb(),
                c, g.cOff(), g.ldc(), g.accumulate());
        return c;
    }

    private static void checkAgainstDefinition(GemmCase g) {
        double[] a = g.randomDoubles(g.aLength(), 1);
        double[] b = g.randomDoubles(g.bLength(), 2);
        double[] c0 = g.randomDoubles(g.cLength(), 3);
        double[] c = run(g, a, b, c0);
        for (int i = 0; i < g.m(); i++) {
            for (int j = 0; j < g.n(); j++) {
                double[] exact = Naive.element(g, a, b, c0, i, j);
                // Any order of k rounded multiply-adds is within k*u of the sum of magnitudes (u = 2^-53); the
                // reference, summed in double too, may be off by as much again.
                double tolerance = 2 * (g.k() + 2) * U * exact[1];
                assertThat((double) c[g.cIndex(i, j)]).as("C[%d][%d] of %s", i, j, g)
                        .isCloseTo(exact[0], Offset.offset(tolerance));
            }
        }
        for (int index = 0; index < c.length; index++) {
            if (!g.insideC(index)) {
                assertThat(c[index]).as("c[%d] outside the block of %s", index, g).isEqualTo(c0[index]);
            }
        }
    }
}
