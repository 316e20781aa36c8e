package nnet.runtime.kernels;

/**
 * Multiplies a few rows of packed scalars by a whole packed panel, accumulating into as many accumulator
 * rows. The scalars of row r are {@code s[sRow + r*kc + p]} for depth p; the panel row for depth p is
 * {@code panel[p]}. Working on three rows at once loads each panel element once per three rows, which is
 * the register blocking: each panel element read feeds three multiply-adds.
 */
final class DoubleRowGroups {
    private DoubleRowGroups() {
    }

    static void three(double[][] panel, int kc, int nc, double[] s, int sRow, double[] c0, double[] c1, double[] c2) {
        int s1 = sRow + kc;
        int s2 = s1 + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            DoubleKernels.threeRowsTwoDeep(panel[p], panel[p + 1], c0, c1, c2, nc,
                    s[sRow + p], s[sRow + p + 1], s[s1 + p], s[s1 + p + 1], s[s2 + p], s[s2 + p + 1]);
        }
        if (p < kc) {
            DoubleKernels.oneRowOneDeep(panel[p], c0, nc, s[sRow + p]);
            DoubleKernels.oneRowOneDeep(panel[p], c1, nc, s[s1 + p]);
            DoubleKernels.oneRowOneDeep(panel[p], c2, nc, s[s2 + p]);
        }
    }

    static void two(double[][] panel, int kc, int nc, double[] s, int sRow, double[] c0, double[] c1) {
        int s1 = sRow + kc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            DoubleKernels.twoRowsTwoDeep(panel[p], panel[p + 1], c0, c1, nc,
                    s[sRow + p], s[sRow + p + 1], s[s1 + p], s[s1 + p + 1]);
        }
        if (p < kc) {
            DoubleKernels.oneRowOneDeep(panel[p], c0, nc, s[sRow + p]);
            DoubleKernels.oneRowOneDeep(panel[p], c1, nc, s[s1 + p]);
        }
    }

    static void one(double[][] panel, int kc, int nc, double[] s, int sRow, double[] c0) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            DoubleKernels.oneRowFourDeep(panel[p], panel[p + 1], panel[p + 2], panel[p + 3], c0, nc,
                    s[sRow + p], s[sRow + p + 1], s[sRow + p + 2], s[sRow + p + 3]);
        }
        for (; p < kc; p++) {
            DoubleKernels.oneRowOneDeep(panel[p], c0, nc, s[sRow + p]);
        }
    }
}
