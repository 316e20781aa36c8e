package nnet.runtime.kernels;

/**
 * op(B) of a float GEMM, packed once into the panels the kernels read, for multiplying many left-hand
 * sides (or many row blocks of one) by the same right-hand side without packing it again each time. The
 * typical use is a weight matrix: pack it once per weight update, then call
 * {@link Gemm#sgemmRows(int, int, boolean, float[], int, int, FloatPackedB, float[], int, int, boolean)}
 * for each row block of the activations and apply the epilogue to that block while it is still in cache.
 *
 * <p>Holds k x n floats (plus array headers). The packed values are a copy: later changes to the source
 * array are not seen until {@link #pack} is called again. Not safe for packing while another thread
 * multiplies with it; multiplying from several threads at once is fine.
 */
public final class FloatPackedB {
    private int n;
    private int k;
    private int columnBlocks;
    private int depthBlocks;
    private float[][][] panels = new float[0][][];
    /** The same blocks in {@link FloatTiles}' layout, used instead of {@code panels} with the Vector API. */
    private float[][] tilePanels = new float[0][];

    /** An empty packing (n = k = 0); fill it with {@link #pack}. */
    public FloatPackedB() {
    }

    /** A new packing of op(B), the k x n matrix described as for {@link Gemm#sgemm}. */
    public static FloatPackedB of(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        return new FloatPackedB().pack(transB, n, k, b, bOff, ldb);
    }

    /**
     * Packs op(B), element (p, j) being {@code transB ? b[bOff + j*ldb + p] : b[bOff + p*ldb + j]}, into this
     * object, reusing its storage when n and k are unchanged. Returns this.
     */
    public FloatPackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        GemmChecks.operand("B", b.length, bOff, transB ? n : k, transB ? k : n, ldb);
        if (n != this.n || k != this.k) {
            allocate(n, k);
        }
        int depthStride = transB ? 1 : ldb;
        int colStride = transB ? ldb : 1;
        if (Simd.enabled()) {
            packTiles(b, bOff, depthStride, colStride);
            return this;
        }
        for (int jb = 0; jb < columnBlocks; jb++) {
            int j0 = jb * FloatBlocking.NC;
            for (int pb = 0; pb < depthBlocks; pb++) {
                int p0 = pb * FloatBlocking.KC;
                float[][] panel = panels[jb * depthBlocks + pb];
                FloatPacking.panel(b, bOff, depthStride, colStride, p0, panel.length, j0, panel[0].length, panel);
            }
        }
        return this;
    }

    private void packTiles(float[] b, int bOff, int depthStride, int colStride) {
        for (int jb = 0; jb < columnBlocks; jb++) {
            int j0 = jb * FloatTiles.NC;
            int nc = Math.min(FloatTiles.NC, n - j0);
            for (int pb = 0; pb < depthBlocks; pb++) {
                int p0 = pb * FloatTiles.KC;
                int kc = Math.min(FloatTiles.KC, k - p0);
                FloatTilePacking.panels(b, bOff + p0 * depthStride + j0 * colStride, depthStride, colStride, kc, nc,
                        tilePanels[jb * depthBlocks + pb]);
            }
        }
    }

    private void allocate(int n, int k) {
        this.n = n;
        this.k = k;
        if (Simd.enabled()) {
            allocateTiles();
            return;
        }
        columnBlocks = n == 0 || k == 0 ? 0 : (n + FloatBlocking.NC - 1) / FloatBlocking.NC;
        depthBlocks = n == 0 || k == 0 ? 0 : (k + FloatBlocking.KC - 1) / FloatBlocking.KC;
        panels = new float[columnBlocks * depthBlocks][][];
        for (int jb = 0; jb < columnBlocks; jb++) {
            int nc = Math.min(FloatBlocking.NC, n - jb * FloatBlocking.NC);
            for (int pb = 0; pb < depthBlocks; pb++) {
                int kc = Math.min(FloatBlocking.KC, k - pb * FloatBlocking.KC);
                panels[jb * depthBlocks + pb] = new float[kc][nc];
            }
        }
    }

    private void allocateTiles() {
        columnBlocks = n == 0 || k == 0 ? 0 : (n + FloatTiles.NC - 1) / FloatTiles.NC;
        depthBlocks = n == 0 || k == 0 ? 0 : (k + FloatTiles.KC - 1) / FloatTiles.KC;
        tilePanels = new float[columnBlocks * depthBlocks][];
        for (int jb = 0; jb < columnBlocks; jb++) {
            int nc = Math.min(FloatTiles.NC, n - jb * FloatTiles.NC);
            for (int pb = 0; pb < depthBlocks; pb++) {
                int kc = Math.min(FloatTiles.KC, k - pb * FloatTiles.KC);
                tilePanels[jb * depthBlocks + pb] = new float[kc * FloatTiles.roundUp(nc, FloatTiles.NR)];
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

    float[] tilePanels(int columnBlock, int depthBlock) {
        return tilePanels[columnBlock * depthBlocks + depthBlock];
    }

    float[][] panel(int columnBlock, int depthBlock) {
        return panels[columnBlock * depthBlocks + depthBlock];
    }
}
