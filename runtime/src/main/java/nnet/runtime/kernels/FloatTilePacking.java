package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * Packing for {@link FloatTiles}: a block of op(B) into panels {@link FloatTiles#NR} columns wide. A matrix element
 * (r, q) lives at {@code x[off + r*rowStride + q*colStride]}.
 */
final class FloatTilePacking {
    private static final int NR = FloatTiles.NR;

    private FloatTilePacking() {
    }

    /**
     * Packs the kc x nc block at {@code off}: panel q (columns q*NR to q*NR + NR) starts at q*NR*kc and holds
     * depth p's NR elements at p*NR; columns past nc are zero.
     */
    static void panels(float[] x, int off, int depthStride, int colStride, int kc, int nc, float[] panels) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int cols = Math.min(NR, nc - j0);
            int panel = j0 * kc;
            int origin = off + j0 * colStride;
            if (colStride == 1) {
                contiguous(x, origin, depthStride, kc, cols, panels, panel);
            } else {
                strided(x, origin, depthStride, colStride, kc, cols, panels, panel);
            }
        }
    }

    private static void contiguous(float[] x, int origin, int depthStride, int kc, int cols,
                                   float[] panels, int panel) {
        for (int p = 0; p < kc; p++) {
            int to = panel + p * NR;
            System.arraycopy(x, origin + p * depthStride, panels, to, cols);
            if (cols < NR) {
                Arrays.fill(panels, to + cols, to + NR, 0);
            }
        }
    }

    /**
     * Eight columns at a time, each read in order when the depth is contiguous, so that every depth's
     * eight packed elements are written together (a quarter of a 512-bit panel row).
     */
    private static void strided(float[] x, int origin, int depthStride, int colStride, int kc, int cols,
                                float[] panels, int panel) {
        int j = 0;
        for (; j + 8 <= cols; j += 8) {
            eightColumns(x, origin + j * colStride, depthStride, colStride, kc, panels, panel + j);
        }
        for (; j < NR; j++) {
            int from = origin + j * colStride;
            for (int p = 0; p < kc; p++) {
                panels[panel + p * NR + j] = j < cols ? x[from + p * depthStride] : 0;
            }
        }
    }

    private static void eightColumns(float[] x, int from, int depthStride, int colStride, int kc,
                                     float[] panels, int to) {
        int f1 = from + colStride;
        int f2 = f1 + colStride;
        int f3 = f2 + colStride;
        int f4 = f3 + colStride;
        int f5 = f4 + colStride;
        int f6 = f5 + colStride;
        int f7 = f6 + colStride;
        for (int p = 0; p < kc; p++) {
            int d = p * depthStride;
            int t = to + p * NR;
            panels[t] = x[from + d];
            panels[t + 1] = x[f1 + d];
            panels[t + 2] = x[f2 + d];
            panels[t + 3] = x[f3 + d];
            panels[t + 4] = x[f4 + d];
            panels[t + 5] = x[f5 + d];
            panels[t + 6] = x[f6 + d];
            panels[t + 7] = x[f7 + d];
        }
    }
}
