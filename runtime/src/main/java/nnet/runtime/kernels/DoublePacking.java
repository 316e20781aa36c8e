package nnet.runtime.kernels;

/**
 * Copies parts of strided matrices into the layouts the kernels read. A matrix element (r, q) lives at
 * {@code x[off + r*rowStride + q*colStride]}; a transposed operand is just the same array with the two
 * strides swapped, so one routine serves every combination of transposes.
 */
final class DoublePacking {
    private DoublePacking() {
    }

    /**
     * Packs the kc x nc panel starting at (p0, j0) of a depth x cols matrix: {@code panel[p][jj]} becomes
     * element (p0 + p, j0 + jj). Each panel row is its own array, indexed from 0 (see {@link DoubleKernels}).
     */
    static void panel(double[] x, int off, int depthStride, int colStride,
                      int p0, int kc, int j0, int nc, double[][] panel) {
        int origin = off + p0 * depthStride + j0 * colStride;
        if (colStride == 1) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(x, origin + p * depthStride, panel[p], 0, nc);
            }
        } else if (depthStride == 1) {
            transposedPanel(x, origin, colStride, kc, nc, panel);
        } else {
            gatherPanel(x, origin, depthStride, colStride, kc, nc, panel);
        }
    }

    /**
     * The transposed case: the source is contiguous along the depth. Eight source lines are read side by
     * side, so that each panel row receives eight consecutive elements per visit instead of one: the
     * writes then fill whole cache lines and each panel row reference is fetched once per eight elements.
     */
    private static void transposedPanel(double[] x, int origin, int colStride, int kc, int nc, double[][] panel) {
        int jj = 0;
        for (; jj + 8 <= nc; jj += 8) {
            transposeEight(x, origin + jj * colStride, colStride, kc, panel, jj);
        }
        for (; jj < nc; jj++) {
            int src = origin + jj * colStride;
            for (int p = 0; p < kc; p++) {
                panel[p][jj] = x[src + p];
            }
        }
    }

    private static void transposeEight(double[] x, int src, int colStride, int kc, double[][] panel, int jj) {
        int s1 = src + colStride;
        int s2 = s1 + colStride;
        int s3 = s2 + colStride;
        int s4 = s3 + colStride;
        int s5 = s4 + colStride;
        int s6 = s5 + colStride;
        int s7 = s6 + colStride;
        for (int p = 0; p < kc; p++) {
            double[] row = panel[p];
            row[jj] = x[src + p];
            row[jj + 1] = x[s1 + p];
            row[jj + 2] = x[s2 + p];
            row[jj + 3] = x[s3 + p];
            row[jj + 4] = x[s4 + p];
            row[jj + 5] = x[s5 + p];
            row[jj + 6] = x[s6 + p];
            row[jj + 7] = x[s7 + p];
        }
    }

    /** Neither stride is 1 (no GEMM operand looks like this); element by element. */
    private static void gatherPanel(double[] x, int origin, int depthStride, int colStride,
                                    int kc, int nc, double[][] panel) {
        for (int p = 0; p < kc; p++) {
            double[] row = panel[p];
            for (int jj = 0; jj < nc; jj++) {
                row[jj] = x[origin + p * depthStride + jj * colStride];
            }
        }
    }

    /**
     * Packs the mc x kc block starting at (i0, 0) of a rows x depth matrix, row-major and dense:
     * {@code s[i*kc + p]} becomes element (i0 + i, p).
     */
    static void scalars(double[] x, int off, int rowStride, int depthStride, int i0, int mc, int kc, double[] s) {
        int origin = off + i0 * rowStride;
        if (depthStride == 1) {
            for (int i = 0; i < mc; i++) {
                System.arraycopy(x, origin + i * rowStride, s, i * kc, kc);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int src = origin + p * depthStride;
                for (int i = 0; i < mc; i++) {
                    s[i * kc + p] = x[src + i * rowStride];
                }
            }
        }
    }
}
