package nnet.runtime.kernels;

import java.util.SplittableRandom;

/**
 * One randomly laid out GEMM problem: sizes, transposes, offsets and leading dimensions with padding, and
 * the index arithmetic of the specification, written out plainly for the reference loops.
 */
record GemmCase(boolean transA, boolean transB, int m, int n, int k,
                int aOff, int lda, int bOff, int ldb, int cOff, int ldc, boolean accumulate, long seed) {

    static GemmCase of(boolean transA, boolean transB, int m, int n, int k, int offset, int padding,
                       boolean accumulate, long seed) {
        int lda = (transA ? m : k) + padding;
        int ldb = (transB ? k : n) + padding;
        int ldc = n + padding;
        return new GemmCase(transA, transB, m, n, k, offset, lda, offset + 1, ldb, offset + 2, ldc, accumulate, seed);
    }

    int aLength() {
        return aOff + (transA ? k : m) * lda + 3;
    }

    int bLength() {
        return bOff + (transB ? n : k) * ldb + 3;
    }

    int cLength() {
        return cOff + m * ldc + 3;
    }

    int aIndex(int i, int p) {
        return transA ? aOff + p * lda + i : aOff + i * lda + p;
    }

    int bIndex(int p, int j) {
        return transB ? bOff + j * ldb + p : bOff + p * ldb + j;
    }

    int cIndex(int i, int j) {
        return cOff + i * ldc + j;
    }

    boolean insideC(int index) {
        int rel = index - cOff;
        return rel >= 0 && rel < m * ldc && rel % ldc < n;
    }

    float[] randomFloats(int length, int stream) {
        SplittableRandom random = new SplittableRandom(seed * 31 + stream);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    double[] randomDoubles(int length, int stream) {
        SplittableRandom random = new SplittableRandom(seed * 31 + stream);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        return x;
    }
}
