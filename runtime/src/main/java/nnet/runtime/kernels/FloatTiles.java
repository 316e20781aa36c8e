package nnet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float GEMM on register tiles, with the Vector API ({@code jdk.incubator.vector}). Only loaded when
 * {@link Simd} finds that module; {@link FloatBlocking} is the fallback without it.
 *
 * <p>A tile of C, {@link #MR} rows by {@link #NR} columns (two vectors of the preferred species), lives in
 * vector registers for a whole depth block: per depth p the kernel loads two vectors of a packed panel of
 * op(B), broadcasts the MR scalars of op(A) and does 2*MR vector fused multiply-adds, with no load or store
 * of C. Each element of C is still the chain of multiply-adds in increasing p, lane by lane, so results
 * equal the scalar kernels' bit for bit.
 *
 * <p>Only op(B) is packed (into panels NR wide, zero padded, row after row of depth): op(A) is read in
 * place through its two strides, which costs nothing when its rows are contiguous and little otherwise,
 * because its block stays in the L2 cache while the B panels stream past it. Tiles narrower than a panel,
 * or whose C rows are not contiguous, go through a small tile buffer; short ones need none.
 *
 * <p>Blocking: a panel of KC depths by NR columns is 16 KiB (half of a typical L1 data cache) for 512-bit
 * vectors, and the MC x KC block of A that all panels of a column block meet is about 60 KiB, well inside L2.
 */
final class FloatTiles {
    /** The species is a constant so that C2 compiles every vector operation to one instruction. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int MR = 6;
    static final int NR = 2 * LANES;
    static final int KC = 128;
    static final int MC = 20 * MR;
    static final int NC = 64 * NR;

    private FloatTiles() {
    }

    /**
     * C (+)= S X for S rows x depth and X depth x cols, all given by strides, the same contract as
     * {@link FloatBlocking#multiply}; depth must be positive.
     */
    static void multiply(int rows, int cols, int depth,
                         float[] s, int sOff, int sRowStride, int sDepthStride,
                         float[] x, int xOff, int xDepthStride, int xColStride,
                         float[] c, int cOff, int cRowStride, int cColStride, boolean accumulate) {
        FloatTileScratch work = FloatTileScratch.forCurrentThread();
        for (int j0 = 0; j0 < cols; j0 += NC) {
            int nc = Math.min(NC, cols - j0);
            for (int p0 = 0; p0 < depth; p0 += KC) {
                int kc = Math.min(KC, depth - p0);
                float[] panels = work.panels(kc * roundUp(nc, NR));
                FloatTilePacking.panels(x, xOff + p0 * xDepthStride + j0 * xColStride, xDepthStride, xColStride,
                        kc, nc, panels);
                rowBlocks(work, rows, nc, kc, s, sOff + p0 * sDepthStride, sRowStride, sDepthStride, panels,
                        c, cOff + j0 * cColStride, cRowStride, cColStride, accumulate || p0 > 0);
            }
        }
    }

    /** C (+)= S X with X packed ahead (see {@link FloatPackedB}); C's columns are contiguous. */
    static void multiplyPacked(int rows, float[] s, int sOff, int sRowStride, int sDepthStride, FloatPackedB x,
                               float[] c, int cOff, int cRowStride, boolean accumulate) {
        FloatTileScratch work = FloatTileScratch.forCurrentThread();
        for (int jb = 0; jb < x.columnBlocks(); jb++) {
            int j0 = jb * NC;
            int nc = Math.min(NC, x.n() - j0);
            for (int pb = 0; pb < x.depthBlocks(); pb++) {
                int p0 = pb * KC;
                int kc = Math.min(KC, x.k() - p0);
                rowBlocks(work, rows, nc, kc, s, sOff + p0 * sDepthStride, sRowStride, sDepthStride,
                        x.tilePanels(jb, pb), c, cOff + j0, cRowStride, 1, accumulate || p0 > 0);
            }
        }
    }

    /** All rows of S (kc depths from sOff), MC at a time, times the packed panels of one column block. */
    private static void rowBlocks(FloatTileScratch work, int rows, int nc, int kc,
                                  float[] s, int sOff, int sRowStride, int sDepthStride, float[] panels,
                                  float[] c, int cOff, int cRowStride, int cColStride, boolean load) {
        for (int i0 = 0; i0 < rows; i0 += MC) {
            block(work, Math.min(MC, rows - i0), nc, kc, s, sOff + i0 * sRowStride, sRowStride, sDepthStride,
                    panels, c, cOff + i0 * cRowStride, cRowStride, cColStride, load);
        }
    }

    /** One MC x KC block of S times the packed panels of one column block. */
    private static void block(FloatTileScratch work, int mc, int nc, int kc,
                              float[] s, int sOff, int sRowStride, int sDepthStride, float[] panels,
                              float[] c, int cOff, int cRowStride, int cColStride, boolean load) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int panel = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int at = cOff + ir * cRowStride + jr * cColStride;
                int a = sOff + ir * sRowStride;
                if (cols == NR && cColStride == 1) {
                    kernel(kc, rows, s, a, sRowStride, sDepthStride, panels, panel, c, at, cRowStride, load);
                } else {
                    edge(work, kc, rows, cols, s, a, sRowStride, sDepthStride, panels, panel,
                            c, at, cRowStride, cColStride, load);
                }
            }
        }
    }

    /** A tile narrower than NR columns or with strided rows: it is computed in the tile buffer. */
    private static void edge(FloatTileScratch work, int kc, int rows, int cols,
                             float[] s, int a, int sRowStride, int sDepthStride, float[] panels, int panel,
                             float[] c, int at, int cRowStride, int cColStride, boolean load) {
        float[] tile = work.tile();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                tile[i * NR + j] = load ? c[at + i * cRowStride + j * cColStride] : 0;
            }
        }
        kernel(kc, rows, s, a, sRowStride, sDepthStride, panels, panel, tile, 0, NR, true);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[at + i * cRowStride + j * cColStride] = tile[i * NR + j];
            }
        }
    }

    /**
     * The register tile: C[rows][NR] at {@code c[at + i*ldc + j]} (+)= the rows of S from {@code a} times
     * the panel at {@code b[panel]}, over kc depths, for 1 to MR rows. Fewer than MR rows repeat the last
     * one, in S and in C: a repeated row loads the same values, computes the same sums and stores them to
     * the same place, after every load, so a short tile needs no buffer.
     */
    static void kernel(int kc, int rows, float[] s, int a, int rowStride, int depthStride, float[] b, int panel,
                       float[] c, int at, int ldc, boolean load) {
        int last = rows - 1;
        int a1 = a + Math.min(1, last) * rowStride;
        int a2 = a + Math.min(2, last) * rowStride;
        int a3 = a + Math.min(3, last) * rowStride;
        int a4 = a + Math.min(4, last) * rowStride;
        int a5 = a + Math.min(5, last) * rowStride;
        int c1 = at + Math.min(1, last) * ldc;
        int c2 = at + Math.min(2, last) * ldc;
        int c3 = at + Math.min(3, last) * ldc;
        int c4 = at + Math.min(4, last) * ldc;
        int c5 = at + Math.min(5, last) * ldc;
        FloatVector t00;
        FloatVector t01;
        FloatVector t10;
        FloatVector t11;
        FloatVector t20;
        FloatVector t21;
        FloatVector t30;
        FloatVector t31;
        FloatVector t40;
        FloatVector t41;
        FloatVector t50;
        FloatVector t51;
        if (load) {
            t00 = FloatVector.fromArray(SPECIES, c, at);
            t01 = FloatVector.fromArray(SPECIES, c, at + LANES);
            t10 = FloatVector.fromArray(SPECIES, c, c1);
            t11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            t20 = FloatVector.fromArray(SPECIES, c, c2);
            t21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            t30 = FloatVector.fromArray(SPECIES, c, c3);
            t31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            t40 = FloatVector.fromArray(SPECIES, c, c4);
            t41 = FloatVector.fromArray(SPECIES, c, c4 + LANES);
            t50 = FloatVector.fromArray(SPECIES, c, c5);
            t51 = FloatVector.fromArray(SPECIES, c, c5 + LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            t00 = zero;
            t01 = zero;
            t10 = zero;
            t11 = zero;
            t20 = zero;
            t21 = zero;
            t30 = zero;
            t31 = zero;
            t40 = zero;
            t41 = zero;
            t50 = zero;
            t51 = zero;
        }
        for (int p = 0; p < kc; p++) {
            int bp = panel + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int d = p * depthStride;
            FloatVector x = FloatVector.broadcast(SPECIES, s[a + d]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            x = FloatVector.broadcast(SPECIES, s[a1 + d]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            x = FloatVector.broadcast(SPECIES, s[a2 + d]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            x = FloatVector.broadcast(SPECIES, s[a3 + d]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            x = FloatVector.broadcast(SPECIES, s[a4 + d]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            x = FloatVector.broadcast(SPECIES, s[a5 + d]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
        }
        t00.intoArray(c, at);
        t01.intoArray(c, at + LANES);
        t10.intoArray(c, c1);
        t11.intoArray(c, c1 + LANES);
        t20.intoArray(c, c2);
        t21.intoArray(c, c2 + LANES);
        t30.intoArray(c, c3);
        t31.intoArray(c, c3 + LANES);
        t40.intoArray(c, c4);
        t41.intoArray(c, c4 + LANES);
        t50.intoArray(c, c5);
        t51.intoArray(c, c5 + LANES);
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
