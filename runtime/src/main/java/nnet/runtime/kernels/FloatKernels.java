package nnet.runtime.kernels;

/**
 * The innermost loops of float GEMM: one to three accumulator rows take the product of a few rows of
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
final class FloatKernels {
    private FloatKernels() {
    }

    static void threeRows(float[][] panel, int kc, int nc, float[] s, int sRow,
                          float[] c0, float[] c1, float[] c2) {
        int s1 = sRow + kc;
        int s2 = s1 + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            float[] x0 = panel[p];
            float[] x1 = panel[p + 1];
            float a00 = s[sRow + p];
            float a01 = s[sRow + p + 1];
            float a10 = s[s1 + p];
            float a11 = s[s1 + p + 1];
            float a20 = s[s2 + p];
            float a21 = s[s2 + p + 1];
            for (int j = 0; j < nc; j++) {
                float v0 = x0[j];
                float v1 = x1[j];
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

    static void twoRows(float[][] panel, int kc, int nc, float[] s, int sRow, float[] c0, float[] c1) {
        int s1 = sRow + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            float[] x0 = panel[p];
            float[] x1 = panel[p + 1];
            float a00 = s[sRow + p];
            float a01 = s[sRow + p + 1];
            float a10 = s[s1 + p];
            float a11 = s[s1 + p + 1];
            for (int j = 0; j < nc; j++) {
                float v0 = x0[j];
                float v1 = x1[j];
                c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
                c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
            }
        }
        if (p < kc) {
            axpy(s[sRow + p], panel[p], c0, nc);
            axpy(s[s1 + p], panel[p], c1, nc);
        }
    }

    static void oneRow(float[][] panel, int kc, int nc, float[] s, int sRow, float[] c0) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            float[] x0 = panel[p];
            float[] x1 = panel[p + 1];
            float[] x2 = panel[p + 2];
            float[] x3 = panel[p + 3];
            float a0 = s[sRow + p];
            float a1 = s[sRow + p + 1];
            float a2 = s[sRow + p + 2];
            float a3 = s[sRow + p + 3];
            for (int j = 0; j < nc; j++) {
                c0[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], c0[j]))));
            }
        }
        for (; p < kc; p++) {
            axpy(s[sRow + p], panel[p], c0, nc);
        }
    }

    /** c0 += a * x0 over {@code [0, nc)}. */
    private static void axpy(float a, float[] x0, float[] c0, int nc) {
        for (int j = 0; j < nc; j++) {
            c0[j] = Math.fma(a, x0[j], c0[j]);
        }
    }
}
