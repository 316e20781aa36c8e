package nnet.runtime.kernels;

/**
 * Chooses between computing C and computing C^T = op(B)^T op(A)^T on register tiles. The two cost the same
 * multiply-adds but differ in three ways: tiles padded to MR x NR waste more in one orientation when C is
 * narrow or short; the operand packed into panels (op(B), or op(A)^T) is copied row by row when its columns
 * are contiguous and element by element otherwise; and the transposed C is written through the tile buffer.
 * The costs below are in cycles of one core, fitted to the kernels' times on the MLP's shapes (AVX-512).
 */
final class FloatTileOrientation {
    private static final double FLOPS_PER_CYCLE = 4.0 * FloatTiles.LANES;
    private static final double CONTIGUOUS_COPY = 0.8;
    private static final double STRIDED_COPY = 2.0;
    /** Every transposed tile is copied in and out element by element, once per depth block. */
    private static final double TRANSPOSED_STORE = 2.0;

    private FloatTileOrientation() {
    }

    static boolean transposed(int m, int n, int k, boolean bColumnsContiguous, boolean aRowsContiguous) {
        double normal = tiles(m, n, k) + packing(k, n, bColumnsContiguous);
        double swapped = tiles(n, m, k) * TRANSPOSED_STORE + packing(k, m, aRowsContiguous);
        return swapped < normal;
    }

    private static double tiles(int rows, int cols, int k) {
        return 2.0 * FloatTiles.roundUp(rows, FloatTiles.MR) * FloatTiles.roundUp(cols, FloatTiles.NR) * k
                / FLOPS_PER_CYCLE;
    }

    private static double packing(int k, int cols, boolean contiguous) {
        return (double) k * cols * (contiguous ? CONTIGUOUS_COPY : STRIDED_COPY);
    }
}
