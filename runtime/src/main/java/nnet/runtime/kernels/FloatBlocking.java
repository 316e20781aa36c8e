package nnet.runtime.kernels;

/**
 * The cache-blocked loops of float GEMM, on strided operands: C (rows x cols) gets S (rows x depth) times
 * X (depth x cols), where element (r, q) of a matrix lives at {@code m[off + r*rowStride + q*colStride]}.
 * S provides the scalars and X the panel along which the kernels vectorise.
 *
 * <p>Loop order: for each block of NC columns, for each block of KC depths, X's kc x nc panel is packed once
 * and then swept by all rows, MC rows of S at a time. Each entry point works on the block of C given by
 * its offsets and sizes, and the working memory is per thread, so a multi-threaded caller can hand
 * disjoint row or column blocks of C to different threads.
 */
final class FloatBlocking {
    /** Depth of a panel: a KC x NC panel is 384 KiB, which stays in the 1-2 MiB L2 of current cores. */
    static final int KC = 96;
    /**
     * Columns of a panel, 4 KiB of each row. Long rows pay for the scalar pre- and post-loops that C2 wraps
     * around a vectorised loop; 4 KiB covers most layer widths in one block.
     */
    static final int NC = 4096 / Float.BYTES;
    /** Rows of S packed at a time (a multiple of three, the kernels' row group): MC x KC elements, ≤ 45 KiB. */
    static final int MC = 60;

    private FloatBlocking() {
    }

    /** C (+)= S X over the whole of C; depth must be positive. */
    static void multiply(int rows, int cols, int depth,
                         float[] s, int sOff, int sRowStride, int sDepthStride,
                         float[] x, int xOff, int xDepthStride, int xColStride,
                         float[] c, int cOff, int cRowStride, int cColStride, boolean accumulate) {
        FloatScratch work = FloatScratch.forCurrentThread();
        for (int j0 = 0; j0 < cols; j0 += NC) {
            int nc = Math.min(NC, cols - j0);
            for (int p0 = 0; p0 < depth; p0 += KC) {
                int kc = Math.min(KC, depth - p0);
                float[][] panel = work.panel(kc, nc);
                FloatPacking.panel(x, xOff, xDepthStride, xColStride, p0, kc, j0, nc, panel);
                multiplyPanel(work, panel, kc, nc, rows, s, sOff + p0 * sDepthStride, sRowStride, sDepthStride,
                        c, cOff + j0 * cColStride, cRowStride, cColStride, accumulate || p0 > 0);
            }
        }
    }

    /** C (+)= S X where X is already packed; depth must be positive. */
    static void multiplyPacked(int rows, float[] s, int sOff, int sRowStride, int sDepthStride,
                               FloatPackedB x, float[] c, int cOff, int cRowStride, boolean accumulate) {
        FloatScratch work = FloatScratch.forCurrentThread();
        for (int jb = 0; jb < x.columnBlocks(); jb++) {
            int j0 = jb * NC;
            int nc = Math.min(NC, x.n() - j0);
            for (int pb = 0; pb < x.depthBlocks(); pb++) {
                int p0 = pb * KC;
                int kc = Math.min(KC, x.k() - p0);
                multiplyPanel(work, x.panel(jb, pb), kc, nc, rows, s, sOff + p0 * sDepthStride, sRowStride,
                        sDepthStride, c, cOff + j0, cRowStride, 1, accumulate || p0 > 0);
            }
        }
    }

    /** All rows of S (its kc depths from sOff) times one packed panel, into nc columns of C from cOff. */
    private static void multiplyPanel(FloatScratch work, float[][] panel, int kc, int nc, int rows,
                                      float[] s, int sOff, int sRowStride, int sDepthStride,
                                      float[] c, int cOff, int cRowStride, int cColStride, boolean addToC) {
        for (int i0 = 0; i0 < rows; i0 += MC) {
            int mc = Math.min(MC, rows - i0);
            float[] packed = work.scalars(mc * kc);
            FloatPacking.scalars(s, sOff, sRowStride, sDepthStride, i0, mc, kc, packed);
            multiplyBlock(work, panel, packed, mc, kc, nc, c, cOff + i0 * cRowStride, cRowStride, cColStride, addToC);
        }
    }

    /** mc packed rows of scalars times the panel, three rows at a time, then the one or two left over. */
    private static void multiplyBlock(FloatScratch work, float[][] panel, float[] packed, int mc, int kc, int nc,
                                      float[] c, int cOff, int cRowStride, int cColStride, boolean addToC) {
        float[] c0 = work.accumulator(0, nc);
        float[] c1 = work.accumulator(1, nc);
        float[] c2 = work.accumulator(2, nc);
        boolean zero = !addToC;
        int i = 0;
        for (; i + 3 <= mc; i += 3) {
            int row = cOff + i * cRowStride;
            FloatRows.load(c, row, cColStride, c0, nc, zero);
            FloatRows.load(c, row + cRowStride, cColStride, c1, nc, zero);
            FloatRows.load(c, row + 2 * cRowStride, cColStride, c2, nc, zero);
            FloatKernels.threeRows(panel, kc, nc, packed, i * kc, c0, c1, c2);
            FloatRows.store(c0, c, row, cColStride, nc);
            FloatRows.store(c1, c, row + cRowStride, cColStride, nc);
            FloatRows.store(c2, c, row + 2 * cRowStride, cColStride, nc);
        }
        int row = cOff + i * cRowStride;
        if (mc - i == 2) {
            FloatRows.load(c, row, cColStride, c0, nc, zero);
            FloatRows.load(c, row + cRowStride, cColStride, c1, nc, zero);
            FloatKernels.twoRows(panel, kc, nc, packed, i * kc, c0, c1);
            FloatRows.store(c0, c, row, cColStride, nc);
            FloatRows.store(c1, c, row + cRowStride, cColStride, nc);
        } else if (mc - i == 1) {
            FloatRows.load(c, row, cColStride, c0, nc, zero);
            FloatKernels.oneRow(panel, kc, nc, packed, i * kc, c0);
            FloatRows.store(c0, c, row, cColStride, nc);
        }
    }
}
