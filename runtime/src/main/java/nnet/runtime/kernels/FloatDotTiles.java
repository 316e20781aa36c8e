package nnet.runtime.kernels;

/**
 * C (+)= A B^T when both dimensions of C are short and the depth long, as tiles of dot products: a
 * convolution's weight gradient with few taps, dw = dy col^T, is such a product (say 32 x 9, with a depth
 * of 784 positions per image). The blocked kernels vectorise along a row of C, or of C^T when that is
 * longer, and rows of fewer than {@link Gemm#SHORT_ROW} elements leave C2's unrolled vector loops mostly
 * unused. Here each element of C is its own chain of fused multiply-adds in increasing p, exactly as in
 * the kernels, and a tile of 3 x 3 elements is computed at once: nine independent chains keep both
 * multiply-add units busy (the latency is four cycles) while each step loads three elements of A and
 * three of B. A and B are both contiguous along the depth.
 */
final class FloatDotTiles {
    private FloatDotTiles() {
    }

    /** C (m x n) (+)= A (m x k) B^T (B n x k); rows of A, B and C are lda, ldb and ldc apart. */
    static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        int i = 0;
        for (; i + 3 <= m; i += 3) {
            int j = 0;
            for (; j + 3 <= n; j += 3) {
                threeByThree(k, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, c, cOff + i * ldc + j, ldc,
                        accumulate);
            }
            for (; j < n; j++) {
                threeByOne(k, a, aOff + i * lda, lda, b, bOff + j * ldb, c, cOff + i * ldc + j, ldc, accumulate);
            }
        }
        if (i < m) {
            FloatDots.multiply(m - i, n, k, a, aOff + i * lda, lda, 1, b, bOff, ldb, c, cOff + i * ldc, ldc,
                    accumulate);
        }
    }

    private static void threeByThree(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                     float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        float s00 = accumulate ? c[c0] : 0;
        float s01 = accumulate ? c[c0 + 1] : 0;
        float s02 = accumulate ? c[c0 + 2] : 0;
        float s10 = accumulate ? c[c1] : 0;
        float s11 = accumulate ? c[c1 + 1] : 0;
        float s12 = accumulate ? c[c1 + 2] : 0;
        float s20 = accumulate ? c[c2] : 0;
        float s21 = accumulate ? c[c2 + 1] : 0;
        float s22 = accumulate ? c[c2 + 2] : 0;
        for (int p = 0; p < k; p++) {
            float x0 = a[a0 + p];
            float x1 = a[a1 + p];
            float x2 = a[a2 + p];
            float y0 = b[b0 + p];
            float y1 = b[b1 + p];
            float y2 = b[b2 + p];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s02 = Math.fma(x0, y2, s02);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
            s12 = Math.fma(x1, y2, s12);
            s20 = Math.fma(x2, y0, s20);
            s21 = Math.fma(x2, y1, s21);
            s22 = Math.fma(x2, y2, s22);
        }
        c[c0] = s00;
        c[c0 + 1] = s01;
        c[c0 + 2] = s02;
        c[c1] = s10;
        c[c1 + 1] = s11;
        c[c1 + 2] = s12;
        c[c2] = s20;
        c[c2 + 1] = s21;
        c[c2 + 2] = s22;
    }

    private static void threeByOne(int k, float[] a, int a0, int lda, float[] b, int b0,
                                   float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        float s0 = accumulate ? c[c0] : 0;
        float s1 = accumulate ? c[c0 + ldc] : 0;
        float s2 = accumulate ? c[c0 + 2 * ldc] : 0;
        for (int p = 0; p < k; p++) {
            float y = b[b0 + p];
            s0 = Math.fma(a[a0 + p], y, s0);
            s1 = Math.fma(a[a1 + p], y, s1);
            s2 = Math.fma(a[a2 + p], y, s2);
        }
        c[c0] = s0;
        c[c0 + ldc] = s1;
        c[c0 + 2 * ldc] = s2;
    }
}
