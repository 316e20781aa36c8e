package nnet.runtime.kernels;

/**
 * Working memory of double GEMM for one thread: the packed panel, the packed scalars and the accumulator
 * rows. Buffers grow to the largest size asked for and are then reused, so calls in steady state allocate
 * nothing; being per thread, they let several threads multiply at once.
 */
final class DoubleScratch {
    private static final ThreadLocal<DoubleScratch> PER_THREAD = ThreadLocal.withInitial(DoubleScratch::new);

    private final double[][] panel = new double[DoubleBlocking.KC][];
    private final double[][] accumulators = new double[3][];
    private double[] scalars = new double[0];

    private DoubleScratch() {
    }

    static DoubleScratch forCurrentThread() {
        return PER_THREAD.get();
    }

    /** The panel rows, at least kc of them, each at least nc long. */
    double[][] panel(int kc, int nc) {
        for (int p = 0; p < kc; p++) {
            if (panel[p] == null || panel[p].length < nc) {
                panel[p] = new double[nc];
            }
        }
        return panel;
    }

    double[] scalars(int length) {
        if (scalars.length < length) {
            scalars = new double[length];
        }
        return scalars;
    }

    /** Accumulator row r (0 to 2), at least n long. */
    double[] accumulator(int r, int n) {
        double[] row = accumulators[r];
        if (row == null || row.length < n) {
            row = new double[n];
            accumulators[r] = row;
        }
        return row;
    }
}
