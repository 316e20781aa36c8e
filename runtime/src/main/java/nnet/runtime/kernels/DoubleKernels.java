package nnet.runtime.kernels;

/**
 * The innermost loops of double GEMM: rank-1 and rank-2 updates of one to three accumulator rows by
 * rows of a packed panel.
 *
 * <p>Every array here is indexed by the loop counter alone, with no offset. HotSpot C2's auto-vectoriser
 * (JDK 17) only packs loads and stores of a loop into SIMD operations when it can prove that a store
 * cannot feed a later load; it proves that for two arrays indexed by the same expression, but not for
 * {@code c[cOff + j]} against {@code b[bOff + j]}, which might overlap when both are the same array. Hence
 * accumulators and panel rows are separate arrays starting at index 0. The loop bodies are also kept
 * small: C2 unrolls (and so vectorises) a loop only when its body is below {@code LoopUnrollLimit}, which
 * rules out kernels with more than about six multiply-adds per element.
 */
final class DoubleKernels {
    private DoubleKernels() {
    }

    /** c0 += a00*x0 + a01*x1; c1 += a10*x0 + a11*x1; c2 += a20*x0 + a21*x1 over {@code [0, n)}. */
    static void threeRowsTwoDeep(double[] x0, double[] x1, double[] c0, double[] c1, double[] c2, int n,
                                 double a00, double a01, double a10, double a11, double a20, double a21) {
        for (int j = 0; j < n; j++) {
            double v0 = x0[j];
            double v1 = x1[j];
            c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
            c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
            c2[j] = Math.fma(a21, v1, Math.fma(a20, v0, c2[j]));
        }
    }

    /** c0 += a00*x0 + a01*x1; c1 += a10*x0 + a11*x1 over {@code [0, n)}. */
    static void twoRowsTwoDeep(double[] x0, double[] x1, double[] c0, double[] c1, int n,
                               double a00, double a01, double a10, double a11) {
        for (int j = 0; j < n; j++) {
            double v0 = x0[j];
            double v1 = x1[j];
            c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
            c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
        }
    }

    /** c0 += a0*x0 + a1*x1 + a2*x2 + a3*x3 over {@code [0, n)}. */
    static void oneRowFourDeep(double[] x0, double[] x1, double[] x2, double[] x3, double[] c0, int n,
                               double a0, double a1, double a2, double a3) {
        for (int j = 0; j < n; j++) {
            c0[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], c0[j]))));
        }
    }

    /** c0 += a0*x0 over {@code [0, n)}. */
    static void oneRowOneDeep(double[] x0, double[] c0, int n, double a0) {
        for (int j = 0; j < n; j++) {
            c0[j] = Math.fma(a0, x0[j], c0[j]);
        }
    }
}
