package nnet.runtime.kernels;

/**
 * The innermost loops of float GEMM: rank-1 and rank-2 updates of one to three accumulator rows by
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
final class FloatKernels {
    private FloatKernels() {
    }

    /** c0 += a00*x0 + a01*x1; c1 += a10*x0 + a11*x1; c2 += a20*x0 + a21*x1 over {@code [0, n)}. */
    static void threeRowsTwoDeep(float[] x0, float[] x1, float[] c0, float[] c1, float[] c2, int n,
                                 float a00, float a01, float a10, float a11, float a20, float a21) {
        for (int j = 0; j < n; j++) {
            float v0 = x0[j];
            float v1 = x1[j];
            c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
            c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
            c2[j] = Math.fma(a21, v1, Math.fma(a20, v0, c2[j]));
        }
    }

    /** c0 += a00*x0 + a01*x1; c1 += a10*x0 + a11*x1 over {@code [0, n)}. */
    static void twoRowsTwoDeep(float[] x0, float[] x1, float[] c0, float[] c1, int n,
                               float a00, float a01, float a10, float a11) {
        for (int j = 0; j < n; j++) {
            float v0 = x0[j];
            float v1 = x1[j];
            c0[j] = Math.fma(a01, v1, Math.fma(a00, v0, c0[j]));
            c1[j] = Math.fma(a11, v1, Math.fma(a10, v0, c1[j]));
        }
    }

    /** c0 += a0*x0 + a1*x1 + a2*x2 + a3*x3 over {@code [0, n)}. */
    static void oneRowFourDeep(float[] x0, float[] x1, float[] x2, float[] x3, float[] c0, int n,
                               float a0, float a1, float a2, float a3) {
        for (int j = 0; j < n; j++) {
            c0[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], c0[j]))));
        }
    }

    /** c0 += a0*x0 over {@code [0, n)}. */
    static void oneRowOneDeep(float[] x0, float[] c0, int n, float a0) {
        for (int j = 0; j < n; j++) {
            c0[j] = Math.fma(a0, x0[j], c0[j]);
        }
    }
}
