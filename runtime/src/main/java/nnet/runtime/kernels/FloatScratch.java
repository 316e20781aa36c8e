package nnet.runtime.kernels;

/**
 * Working memory of float GEMM for one thread: the packed panel, the packed scalars and the accumulator
 * rows. Buffers grow to the largest size asked for and are then reused, so calls in steady state allocate
 * nothing; being per thread, they let several threads multiply at once.
 */
final class FloatScratch {
    private static final ThreadLocal<FloatScratch> PER_THREAD = ThreadLocal.withInitial(FloatScratch::new);

    private final float[][] panel = new float[FloatBlocking.KC][];
    private final float[][] accumulators = new float[3][];
    private float[] scalars = new float[0];

    private FloatScratch() {
    }

    static FloatScratch forCurrentThread() {
        return PER_THREAD.get();
    }

    /** The panel rows, at least kc of them, each at least nc long. */
    float[][] panel(int kc, int nc) {
        for (int p = 0; p < kc; p++) {
            if (panel[p] == null || panel[p].length < nc) {
                panel[p] = new float[nc];
            }
        }
        return panel;
    }

    float[] scalars(int length) {
        if (scalars.length < length) {
            scalars = new float[length];
        }
        return scalars;
    }

    /** Accumulator row r (0 to 2), at least n long. */
    float[] accumulator(int r, int n) {
        float[] row = accumulators[r];
        if (row == null || row.length < n) {
            row = new float[n];
            accumulators[r] = row;
        }
        return row;
    }
}
