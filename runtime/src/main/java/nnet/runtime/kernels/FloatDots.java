package nnet.runtime.kernels;

/**
 * GEMM for a left-hand side of one or two rows against a transposed B, as dot products. Packing the
 * panel of a transposed B is a scalar transposition, about a cycle per element of B, which one or two rows
 * of C cannot repay: the vectorised kernels would then do one or two multiply-adds per packed element.
 * Here each element of C is its own chain of fused multiply-adds in increasing p, exactly as in the
 * kernels, and eight elements are computed side by side so that eight independent chains keep the
 * multiply-add units busy (one chain would wait four cycles for each result).
 */
final class FloatDots {
    /** Up to this many rows of C, dot products beat packing a transposed B. */
    static final int MAX_ROWS = 2;

    private FloatDots() {
    }

    /**
     * C (m x n) (+)= op(A) (m x k) times B^T, B being n x k with rows {@code ldb} apart; op(A)'s element
     * (i, p) at {@code a[aOff + i*aRowStride + p*aDepthStride]}.
     */
    static void multiply(int m, int n, int k, float[] a, int aOff, int aRowStride, int aDepthStride,
                         float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * aRowStride;
            int cRow = cOff + i * ldc;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                eight(k, a, aRow, aDepthStride, b, bOff + j * ldb, ldb, c, cRow + j, accumulate);
            }
            for (; j < n; j++) {
                c[cRow + j] = one(k, a, aRow, aDepthStride, b, bOff + j * ldb, accumulate ? c[cRow + j] : 0);
            }
        }
    }

    private static void eight(int k, float[] a, int aRow, int aStride, float[] b, int b0, int ldb,
                              float[] c, int cAt, boolean accumulate) {
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        int b4 = b3 + ldb;
        int b5 = b4 + ldb;
        int b6 = b5 + ldb;
        int b7 = b6 + ldb;
        float s0 = accumulate ? c[cAt] : 0;
        float s1 = accumulate ? c[cAt + 1] : 0;
        float s2 = accumulate ? c[cAt + 2] : 0;
        float s3 = accumulate ? c[cAt + 3] : 0;
        float s4 = accumulate ? c[cAt + 4] : 0;
        float s5 = accumulate ? c[cAt + 5] : 0;
        float s6 = accumulate ? c[cAt + 6] : 0;
        float s7 = accumulate ? c[cAt + 7] : 0;
        for (int p = 0; p < k; p++) {
            float x = a[aRow + p * aStride];
            s0 = Math.fma(x, b[b0 + p], s0);
            s1 = Math.fma(x, b[b1 + p], s1);
            s2 = Math.fma(x, b[b2 + p], s2);
            s3 = Math.fma(x, b[b3 + p], s3);
            s4 = Math.fma(x, b[b4 + p], s4);
            s5 = Math.fma(x, b[b5 + p], s5);
            s6 = Math.fma(x, b[b6 + p], s6);
            s7 = Math.fma(x, b[b7 + p], s7);
        }
        c[cAt] = s0;
        c[cAt + 1] = s1;
        c[cAt + 2] = s2;
        c[cAt + 3] = s3;
        c[cAt + 4] = s4;
        c[cAt + 5] = s5;
        c[cAt + 6] = s6;
        c[cAt + 7] = s7;
    }

    private static float one(int k, float[] a, int aRow, int aStride, float[] b, int bRow, float start) {
        float s = start;
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[aRow + p * aStride], b[bRow + p], s);
        }
        return s;
    }
}
