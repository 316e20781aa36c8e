package nnet.runtime.kernels;

/**
 * Row-major general matrix multiply, BLAS style, for float ({@code sgemm}) and double ({@code dgemm}):
 * <pre>
 *   C = (accumulate ? C : 0) + op(A) op(B)
 * </pre>
 * with C m x n at {@code c[cOff + i*ldc + j]}, op(A) m x k, op(B) k x n and
 * <pre>
 *   op(A)[i][p] = transA ? a[aOff + p*lda + i] : a[aOff + i*lda + p]
 *   op(B)[p][j] = transB ? b[bOff + j*ldb + p] : b[bOff + p*ldb + j]
 * </pre>
 * Any size may be 0 (k = 0 zeroes C, or leaves it as it is when accumulating). Leading dimensions may
 * exceed the row lengths; elements of C outside the m x n block are never touched. C must not overlap A
 * or B.
 *
 * <p>Every element of C is accumulated in increasing p, one fused multiply-add per term, starting from
 * its old value or zero: it equals, bit for bit, {@code for (p = 0; p < k; p++) c = Math.fma(opA[i][p],
 * opB[p][j], c)}. Results therefore do not depend on block sizes, on splitting C into row blocks, on
 * packing B ahead or on the orientation chosen below, and they differ from a plain multiply-then-add loop
 * by rounding only.
 *
 * <h2>Row blocks and epilogues</h2>
 * Rows of C are independent, so rows [r0, r1) of C are computed by the same call with m = r1 - r0 and A
 * and C shifted to row r0; {@link #sgemmRows} does this shift. A caller can thus compute C block by block
 * and apply an epilogue (bias, activation) to each block while it is in cache, or give blocks to different
 * threads. Each such call packs op(B) again: about k*n copies, against 2*k*n*(r1 - r0) flops of work, which
 * is small for blocks of a few dozen rows but not for blocks of one or two rows. When op(B) is reused, pack
 * it once into a {@link FloatPackedB} / {@link DoublePackedB} and call the overloads that take it.
 *
 * <p>One or two rows against a transposed B are computed as dot products (packing B would cost more than
 * the product), other shapes by the cache-blocked, vectorised kernels. All working memory is per thread
 * and reused: steady-state calls allocate nothing.
 */
public final class Gemm {
    /**
     * Below this many columns, and with more rows than columns, C is computed as its transpose
     * (C^T = op(B)^T op(A)^T), because the kernels vectorise along C's rows and a short row leaves the
     * vector units idle; 64 floats fill four 512-bit vectors.
     */
    static final int SHORT_ROW = 64;

    private Gemm() {
    }

    /** Float C = (accumulate ? C : 0) + op(A) op(B); see the class comment. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        checkProduct(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        FloatGemm.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * Float C = (accumulate ? C : 0) + op(A) op(B) for a B that stays the same over many calls, such as a
     * recurrence's weights over its steps: B is packed into {@code cache} when {@code repack} is true (the
     * first call of a run) or the cache holds another shape, and the packing serves the calls after.
     * The results equal {@link #sgemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int,
     * float[], int, int, boolean)}'s bit for bit; packing only pays on the vector kernels, so without them
     * the cache is left alone.
     */
    public static void sgemmSameB(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate, FloatPackedB cache, boolean repack) {
        checkProduct(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        FloatGemm.multiplySameB(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                cache, repack);
    }

    /** The double counterpart of {@link #sgemmSameB}. */
    public static void dgemmSameB(boolean transA, boolean transB, int m, int n, int k,
                                  double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                  double[] c, int cOff, int ldc, boolean accumulate, DoublePackedB cache,
                                  boolean repack) {
        checkProduct(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        DoubleGemm.multiplySameB(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                cache, repack);
    }

    /** Double C = (accumulate ? C : 0) + op(A) op(B); see the class comment. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        checkProduct(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        DoubleGemm.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * Rows [rowStart, rowEnd) of the float product that {@link #sgemm} computes with the same arguments
     * (a, aOff, lda and c, cOff, ldc describe the whole of op(A) and C). Exactly
     * {@code sgemm(transA, transB, rowEnd - rowStart, n, k, a, aOff + shift, lda, b, bOff, ldb, c,
     * cOff + rowStart*ldc, ldc, accumulate)} with {@code shift = transA ? rowStart : rowStart*lda}.
     */
    public static void sgemmRows(int rowStart, int rowEnd, boolean transA, boolean transB, int n, int k,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        checkRows(rowStart, rowEnd);
        sgemm(transA, transB, rowEnd - rowStart, n, k, a, aOff + rowShiftOfA(transA, lda, rowStart), lda,
                b, bOff, ldb, c, cOff + rowStart * ldc, ldc, accumulate);
    }

    /** The double counterpart of {@link #sgemmRows}. */
    public static void dgemmRows(int rowStart, int rowEnd, boolean transA, boolean transB, int n, int k,
                                 double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                 double[] c, int cOff, int ldc, boolean accumulate) {
        checkRows(rowStart, rowEnd);
        dgemm(transA, transB, rowEnd - rowStart, n, k, a, aOff + rowShiftOfA(transA, lda, rowStart), lda,
                b, bOff, ldb, c, cOff + rowStart * ldc, ldc, accumulate);
    }

    /** Float C = (accumulate ? C : 0) + op(A) B where B is packed ahead; n and k are those of the packing. */
    public static void sgemm(boolean transA, int m, float[] a, int aOff, int lda, FloatPackedB b,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        checkPacked(transA, m, b.n(), b.k(), a.length, aOff, lda, c.length, cOff, ldc);
        FloatGemm.multiplyPacked(transA, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
    }

    /** Double C = (accumulate ? C : 0) + op(A) B where B is packed ahead; n and k are those of the packing. */
    public static void dgemm(boolean transA, int m, double[] a, int aOff, int lda, DoublePackedB b,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        checkPacked(transA, m, b.n(), b.k(), a.length, aOff, lda, c.length, cOff, ldc);
        DoubleGemm.multiplyPacked(transA, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
    }

    /**
     * Rows [rowStart, rowEnd) of the float product with a packed B; a and c describe the whole of op(A) and
     * C, as in {@link #sgemmRows(int, int, boolean, boolean, int, int, float[], int, int, float[], int, int,
     * float[], int, int, boolean)}. B is not packed again, so row blocks may be small.
     */
    public static void sgemmRows(int rowStart, int rowEnd, boolean transA, float[] a, int aOff, int lda,
                                 FloatPackedB b, float[] c, int cOff, int ldc, boolean accumulate) {
        checkRows(rowStart, rowEnd);
        sgemm(transA, rowEnd - rowStart, a, aOff + rowShiftOfA(transA, lda, rowStart), lda, b,
                c, cOff + rowStart * ldc, ldc, accumulate);
    }

    /** The double counterpart of the packed {@code sgemmRows}. */
    public static void dgemmRows(int rowStart, int rowEnd, boolean transA, double[] a, int aOff, int lda,
                                 DoublePackedB b, double[] c, int cOff, int ldc, boolean accumulate) {
        checkRows(rowStart, rowEnd);
        dgemm(transA, rowEnd - rowStart, a, aOff + rowShiftOfA(transA, lda, rowStart), lda, b,
                c, cOff + rowStart * ldc, ldc, accumulate);
    }

    /** How far row {@code row} of op(A) is from row 0 in A's array. */
    public static int rowShiftOfA(boolean transA, int lda, int row) {
        return transA ? row : row * lda;
    }

    static boolean prefersTransposed(int m, int n) {
        return n < SHORT_ROW && m > n;
    }

    private static void checkRows(int rowStart, int rowEnd) {
        if (rowStart < 0 || rowEnd < rowStart) {
            throw new IllegalArgumentException("bad row range [" + rowStart + ", " + rowEnd + ")");
        }
    }

    private static void checkProduct(boolean transA, boolean transB, int m, int n, int k,
                                     int aLength, int aOff, int lda, int bLength, int bOff, int ldb,
                                     int cLength, int cOff, int ldc) {
        GemmChecks.sizes(m, n, k);
        GemmChecks.operand("A", aLength, aOff, transA ? k : m, transA ? m : k, lda);
        GemmChecks.operand("B", bLength, bOff, transB ? n : k, transB ? k : n, ldb);
        GemmChecks.operand("C", cLength, cOff, m, n, ldc);
    }

    private static void checkPacked(boolean transA, int m, int n, int k, int aLength, int aOff, int lda,
                                    int cLength, int cOff, int ldc) {
        GemmChecks.sizes(m, n, k);
        GemmChecks.operand("A", aLength, aOff, transA ? k : m, transA ? m : k, lda);
        GemmChecks.operand("C", cLength, cOff, m, n, ldc);
    }
}
