package nnet.runtime.kernels;

import java.util.Random;
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

    /**
     * Small and prime sizes, and sizes on either side of the scalar kernels' row group (3), packed-row block
     * (60), transposition threshold (64) and panel depth (96), and of the register tiles' rows (6), panel
     * widths (16 and 32: f64 and f32 at 512 bits), row block (120) and depth block (128).
     */
    private static final int[] TELLING_SIZES = {0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 15, 16, 17, 31, 32, 33, 59, 60, 61, 63,
        64, 65, 95, 96, 97, 119, 120, 121, 127, 128, 129, 191, 193};

    /** A random case: sizes up to 193, any transposes, offsets up to 5 and padding up to 4. */
    static GemmCase random(Random random) {
        return of(random.nextBoolean(), random.nextBoolean(), size(random), size(random), size(random),
                random.nextInt(6), random.nextInt(5), random.nextBoolean(), random.nextLong());
    }

    /** The same sizes and layout with the given transposes (leading dimensions recomputed). */
    GemmCase withTransposes(boolean newTransA, boolean newTransB) {
        return of(newTransA, newTransB, m, n, k, aOff, lda - (transA ? m : k), accumulate, seed);
    }

    private static int size(Random random) {
        return random.nextBoolean() ? TELLING_SIZES[random.nextInt(TELLING_SIZES.length)] : random.nextInt(141);
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
