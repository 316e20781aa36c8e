package nnet.runtime.kernels;

/**
 * The float products behind {@link Gemm}, after its argument checks: empty cases, then the choice
 * between dot products, the transposed orientation and the blocked kernels (see {@link Gemm}).
 */
final class FloatGemm {
    private FloatGemm() {
    }

    static void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        if (empty(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        if (transB && m <= FloatDots.MAX_ROWS) {
            FloatDots.multiply(m, n, k, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, bOff, ldb, c, cOff, ldc,
                    accumulate);
        } else if (Simd.ready()) {
            tiles(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** The scalar path, in the orientation {@link Gemm#prefersTransposed} picks; no empty products. */
    static void blocked(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int aRowStride = transA ? 1 : lda;
        int aDepthStride = transA ? lda : 1;
        int bDepthStride = transB ? 1 : ldb;
        int bColStride = transB ? ldb : 1;
        if (Gemm.prefersTransposed(m, n)) {
            FloatBlocking.multiply(n, m, k, b, bOff, bColStride, bDepthStride, a, aOff, aDepthStride, aRowStride,
                    c, cOff, 1, ldc, accumulate);
        } else {
            FloatBlocking.multiply(m, n, k, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, bColStride,
                    c, cOff, ldc, 1, accumulate);
        }
    }

    /**
     * The Vector API path, in whichever orientation {@link FloatTileOrientation} finds cheaper; callers have
     * ruled out empty products.
     */
    static void tiles(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int aRowStride = transA ? 1 : lda;
        int aDepthStride = transA ? lda : 1;
        int bDepthStride = transB ? 1 : ldb;
        int bColStride = transB ? ldb : 1;
        if (FloatTileOrientation.transposed(m, n, k, bColStride == 1, aRowStride == 1)) {
            FloatTileJob.multiply(n, m, k, b, bOff, bColStride, bDepthStride, a, aOff, aDepthStride, aRowStride,
                    c, cOff, 1, ldc, accumulate);
        } else {
            FloatTileJob.multiply(m, n, k, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, bColStride,
                    c, cOff, ldc, 1, accumulate);
        }
    }

    static void multiplyPacked(boolean transA, int m, float[] a, int aOff, int lda, FloatPackedB b,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        if (empty(m, b.n(), b.k(), c, cOff, ldc, accumulate)) {
            return;
        }
        if (Simd.enabled()) {
            FloatTileJob.multiplyPacked(m, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, c, cOff, ldc, accumulate);
        } else {
            FloatBlocking.multiplyPacked(m, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, c, cOff, ldc, accumulate);
        }
    }

    /** Handles products without terms: nothing to do, or C = 0 when k is 0 and not accumulating. */
    private static boolean empty(int m, int n, int k, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            if (!accumulate) {
                Fill.zero(c, cOff, ldc, m, n);
            }
            return true;
        }
        return false;
    }
}
