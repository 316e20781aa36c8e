package nnet.runtime.kernels;

/**
 * The innermost loops of double GEMM: one to three accumulator rows take the product of a few rows of
 * packed scalars with a whole packed panel. The scalars of row r are {@code s[sRow + r*kc + p]} for depth
 * p; the panel row for depth p is {@code panel[p]}; accumulator rows are updated over {@code [0, nc)}.
 *
 * <p>Every array in an inner loop is indexed by the loop counter alone, with no offset. HotSpot C2's
 * auto-vectoriser (JDK 17) only packs loads and stores into SIMD operations when it can prove that a
 * store cannot feed a later load; it proves that for arrays indexed by the same expression, but not for
 * {@code c[cOff + j]} against {@code b[bOff + j]}, which might overlap when both are the same array. Hence
 * accumulators and panel rows are separate arrays starting at index 0. The inner loop bodies are small:
 * C2 unrolls (and so vectorises) a loop only when its body is below {@code LoopUnrollLimit}, and with the
 * default limit no shape with more than six multiply-adds per element vectorised (four rows times two
 * depths, two times four, one times eight all stayed scalar). Three rows times two depths is the largest
 * that does; it loads each panel element once for three rows (the register blocking).
 * The loop over depths is in the same method as the inner loop, so one call covers a whole panel.
 */
final class DoubleKernels {
    private DoubleKernels() {
    }

    static void threeRows(double[][] panel, int kc, int nc, double[] s, int sRow,
                          double[] c0, double[] c1, double[] c2) {
        int s1 = sRow + kc;
        int s2 = s1 + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            double[] x0 = panel[p];
            double[] x1 = panel[p + 1];
            double a00 = s[sRow + p];
            double a01 = s[sRow + p + 1];
            double a10 = s[s1 + p];
            double a11 = s[s1 + p + 1];
            double a20 = s[s2 + p];
            double a21 = s[s2 + p + 1];
            for (int j = 0; j < nc; j++) {
                double v0 = x0[j];
                double v1 = x1[j];
                c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
                c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
                c2[j] = Math.fma(a21, v1, Math.fma(a20, v0, c2[j]));
            }
        }
        if (p < kc) {
            axpy(s[sRow + p], panel[p], c0, nc);
            axpy(s[s1 + p], panel[p], c1, nc);
            axpy(s[s2 + p], panel[p], c2, nc);
        }
    }

    static void twoRows(double[][] panel, int kc, int nc, double[] s, int sRow, double[] c0, double[] c1) {
        int s1 = sRow + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            double[] x0 = panel[p];
            double[] x1 = panel[p + 1];
            double a00 = s[sRow + p];
            double a01 = s[sRow + p + 1];
            double a10 = s[s1 + p];
            double a11 = s[s1 + p + 1];
            for (int j = 0; j < nc; j++) {
                double v0 = x0[j];
                double v1 = x1[j];
                c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
                c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
            }
        }
        if (p < kc) {
            axpy(s[sRow + p], panel[p], c0, nc);
            axpy(s[s1 + p], panel[p], c1, nc);
        }
    }

    static void oneRow(double[][] panel, int kc, int nc, double[] s, int sRow, double[] c0) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            double[] x0 = panel[p];
            double[] x1 = panel[p + 1];
            double[] x2 = panel[p + 2];
            double[] x3 = panel[p + 3];
            double a0 = s[sRow + p];
            double a1 = s[sRow + p + 1];
            double a2 = s[sRow + p + 2];
            double a3 = s[sRow + p + 3];
            for (int j = 0; j < nc; j++) {
                c0[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], c0[j]))));
            }
        }
        for (; p < kc; p++) {
            axpy(s[sRow + p], panel[p], c0, nc);
        }
    }

    /** c0 += a * x0 over {@code [0, nc)}. */
    private static void axpy(double a, double[] x0, double[] c0, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = Math.fma(a, x0[j], c0[j]);
        }
    }
}
