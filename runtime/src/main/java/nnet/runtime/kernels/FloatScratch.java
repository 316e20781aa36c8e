package nnet.runtime.kernels;

/**
 * Working memory of float GEMM for one thread: the packed panel, the packed scalars and the accumulator
 * rows. Buffers grow to the largest size asked for and are then reused, so calls in steady state allocate
 * nothing; being per thread, they let several threads multiply at once.
 *
 * <p>The three accumulator rows are allocated together, with lengths chosen for where they fall modulo
 * 4 KiB. x86 cores guess whether a load depends on an earlier store from the low 12 bits of the addresses
 * ("4K aliasing"); when the loads of one accumulator row match the pending stores of another there, the
 * loads wait for nothing, which cost up to a third of the kernel's speed. Objects allocated one after
 * another usually lie one after another, so a row length of 4 KiB * q + 1 KiB (header included) puts the rows
 * 1 KiB apart modulo 4 KiB. Nothing guarantees the placement (a garbage collection may move things); it
 * only makes the bad case unlikely, and correctness never depends on it. Panel rows are left at their
 * natural length: rows a multiple of 4 KiB apart would all compete for the same few L1 sets.
 */
final class FloatScratch {
    private static final ThreadLocal<FloatScratch> PER_THREAD = ThreadLocal.withInitial(FloatScratch::new);
    /** The 16-byte array header (HotSpot with compressed class pointers, the default), in elements. */
    private static final int ARRAY_HEADER_ELEMENTS = 16 / Float.BYTES;
    private static final int ELEMENTS_PER_4K = 4096 / Float.BYTES;
    private static final int ELEMENTS_PER_1K = 1024 / Float.BYTES;

    private float[][] panel = new float[0][];
    private float[][] accumulators = new float[3][0];
    private float[] scalars = new float[0];

    private FloatScratch() {
    }

    static FloatScratch forCurrentThread() {
        return PER_THREAD.get();
    }

    /** The panel rows, at least kc of them, each at least nc long. */
    float[][] panel(int kc, int nc) {
        if (panel.length < kc || panel[0].length < nc) {
            allocateRows(Math.max(nc, panel.length == 0 ? 0 : panel[0].length));
        }
        return panel;
    }

    /** Accumulator row r (0 to 2), at least n long. */
    float[] accumulator(int r, int n) {
        if (accumulators[r].length < n) {
            allocateRows(n);
        }
        return accumulators[r];
    }

    float[] scalars(int length) {
        if (scalars.length < length) {
            scalars = new float[length];
        }
        return scalars;
    }

    private void allocateRows(int n) {
        float[][] rows = new float[FloatBlocking.KC][];
        for (int p = 0; p < rows.length; p++) {
            rows[p] = new float[n];
        }
        // Accumulators each spanning 4 KiB * q + 1 KiB.
        int accumulatorLength = roundUp(n, ELEMENTS_PER_4K) + ELEMENTS_PER_1K - ARRAY_HEADER_ELEMENTS;
        float[][] acc = new float[3][];
        for (int r = 0; r < acc.length; r++) {
            acc[r] = new float[accumulatorLength];
        }
        panel = rows;
        accumulators = acc;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
