package nnet.runtime.kernels;

/**
 * Working memory of {@link FloatAttention} for one thread: a block of scores (the probabilities after
 * the softmax), a block of their gradients, the accumulator rows of a block of queries and three
 * per-row values. It grows to the largest size asked for and is then reused, so calls in steady state
 * allocate nothing; being per thread, it lets the parts of one call run at the same time.
 */
final class FloatAttentionScratch {
    private static final ThreadLocal<FloatAttentionScratch> PER_THREAD =
            ThreadLocal.withInitial(FloatAttentionScratch::new);

    float[] scores = new float[0];
    float[] gradients = new float[0];
    float[] accumulators = new float[0];
    float[] maxima = new float[0];
    float[] sums = new float[0];
    float[] deltas = new float[0];

    private FloatAttentionScratch() {
    }

    /** This thread's scratch, with room for blocks of {@code rows} x {@code cols} and {@code width} wide rows. */
    static FloatAttentionScratch forCurrentThread(int rows, int cols, int width) {
        FloatAttentionScratch s = PER_THREAD.get();
        if (s.scores.length < rows * cols) {
            s.scores = new float[rows * cols];
            s.gradients = new float[rows * cols];
        }
        if (s.accumulators.length < rows * width) {
            s.accumulators = new float[rows * width];
        }
        if (s.maxima.length < rows) {
            s.maxima = new float[rows];
            s.sums = new float[rows];
            s.deltas = new float[rows];
        }
        return s;
    }
}
