/**
 * Numeric kernels that compiled models call at run time.
 *
 * <ul>
 *   <li>{@link nnet.runtime.kernels.Gemm}: row-major float and double matrix multiply with optional
 *       transposes, accumulation, row-block entry points and a pre-packed right-hand side
 *       ({@link nnet.runtime.kernels.FloatPackedB}, {@link nnet.runtime.kernels.DoublePackedB}).</li>
 *   <li>{@link nnet.runtime.kernels.Conv}: conv2d and conv1d with PyTorch's semantics, their input, weight
 *       and bias gradients, lowered to column matrices (im2col) and GEMM, with caller-provided scratch.</li>
 *   <li>{@link nnet.runtime.kernels.ConvTranspose}: conv_transpose2d, whose passes are conv2d's with the
 *       roles exchanged.</li>
 *   <li>{@link nnet.runtime.kernels.Pool}: max_pool2d with indices, avg_pool2d and adaptive_avg_pool2d,
 *       and their gradients.</li>
 *   <li>{@link nnet.runtime.kernels.MathFns}: erf, erfc, log2 and a fast tanh for float results.</li>
 * </ul>
 *
 * <p>The GEMM has two implementations with the same results bit for bit. With the Vector API (the
 * incubator module {@code jdk.incubator.vector}, see {@link nnet.runtime.kernels.Simd}) it runs on
 * register tiles of C ({@link nnet.runtime.kernels.FloatTiles}) fed by packed panels of op(B). Without
 * it, it is written for HotSpot C2's auto-vectoriser: the innermost loops are tiny static methods over
 * arrays indexed from 0, which C2 turns into AVX/AVX-512 fused multiply-adds, and the rest (cache
 * blocking, packing, per-thread scratch) only arranges data for those loops
 * ({@link nnet.runtime.kernels.FloatBlocking}). The convolutions
 * in turn arrange data for the GEMM: C2 does not vectorise a loop that indexes the caller's scratch array
 * from an offset (see {@link nnet.runtime.kernels.FloatKernels}), so that scratch holds copies such as
 * column matrices, and the arithmetic is left to the GEMM. Everything is single-threaded; every level
 * takes explicit row and column ranges so that work can later be split over threads, each with its own
 * scratch.
 */
package nnet.runtime.kernels;
