package nnet.runtime.kernels;

/**
 * op(B) of a double GEMM, packed once into the panels the kernels read, for multiplying many left-hand
 * sides (or many row blocks of one) by the same right-hand side without packing it again each time. The
 * typical use is a weight matrix: pack it once per weight update, then call
 * {@link Gemm#dgemmRows(int, int, boolean, double[], int, int, DoublePackedB, double[], int, int, boolean)}
 * for each row block of the activations and apply the epilogue to that block while it is still in cache.
 *
 * <p>Holds k x n doubles (plus array headers). The packed values are a copy: later changes to the source
 * array are not seen until {@link #pack} is called again. Not safe for packing while another thread
 * multiplies with it; multiplying from several threads at once is fine.
 */
public final class DoublePackedB {
    private int n;
    private int k;
    private int columnBlocks;
    private int depthBlocks;
    private double[][][] panels = new double[0][][];

    /** An empty packing (n = k = 0); fill it with {@link #pack}. */
    public DoublePackedB() {
    }

    /** A new packing of op(B), the k x n matrix described as for {@link Gemm#dgemm}. */
    public static DoublePackedB of(boolean transB, int n, int k, double[] b, int bOff, int ldb) {
        return new DoublePackedB().pack(transB, n, k, b, bOff, ldb);
    }

    /**
     * Packs op(B), element (p, j) being {@code transB ? b[bOff + j*ldb + p] : b[bOff + p*ldb + j]}, into this
     * object, reusing its storage when n and k are unchanged. Returns this.
     */
    public DoublePackedB pack(boolean transB, int n, int k, double[] b, int bOff, int ldb) {
        GemmChecks.operand("B", b.length, bOff, transB ? n : k, transB ? k : n, ldb);
        if (n != this.n || k != this.k) {
            allocate(n, k);
        }
        int depthStride = transB ? 1 : ldb;
        int colStride = transB ? ldb : 1;
        for (int jb = 0; jb < columnBlocks; jb++) {
            int j0 = jb * DoubleBlocking.NC;
            for (int pb = 0; pb < depthBlocks; pb++) {
                int p0 = pb * DoubleBlocking.KC;
                double[][] panel = panels[jb * depthBlocks + pb];
                DoublePacking.panel(b, bOff, depthStride, colStride, p0, panel.length, j0, panel[0].length, panel);
            }
        }
        return this;
    }

    private void allocate(int n, int k) {
        this.n = n;
        this.k = k;
        columnBlocks = n == 0 || k == 0 ? 0 : (n + DoubleBlocking.NC - 1) / DoubleBlocking.NC;
        depthBlocks = n == 0 || k == 0 ? 0 : (k + DoubleBlocking.KC - 1) / DoubleBlocking.KC;
        panels = new double[columnBlocks * depthBlocks][][];
        for (int jb = 0; jb < columnBlocks; jb++) {
            int nc = Math.min(DoubleBlocking.NC, n - jb * DoubleBlocking.NC);
            for (int pb = 0; pb < depthBlocks; pb++) {
                int kc = Math.min(DoubleBlocking.KC, k - pb * DoubleBlocking.KC);
                panels[jb * depthBlocks + pb] = new double[kc][nc];
            }
        }
    }

    /** Columns of op(B), and so of C. */
    public int n() {
        return n;
    }

    /** Rows of op(B): the depth of the product. */
    public int k() {
        return k;
    }

    int columnBlocks() {
        return columnBlocks;
    }

    int depthBlocks() {
        return depthBlocks;
    }

    double[][] panel(int columnBlock, int depthBlock) {
        return panels[columnBlock * depthBlocks + depthBlock];
    }
}
