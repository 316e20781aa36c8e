package nnet.runtime.kernels;

/**
 * Fused scaled dot-product attention, out = softmax(q·kᵀ·scale + bias)·v over the last dim, for float
 * and double, with PyTorch's semantics ({@code torch.nn.functional.scaled_dot_product_attention} without
 * dropout): an optional additive bias (0 and -inf entries mask keys), and a causal flag that lets query
 * i see keys 0..i only (the mask aligned at the top left). A query whose keys are all masked gets NaN,
 * as in PyTorch. See {@link FloatAttention} for the algorithm (flash attention: blocks and an online
 * softmax, never the whole score matrix) and the operands' layout.
 *
 * <p>The forward pass may save lse, each query's log Σ exp of its scores, which the backward pass needs:
 * it recomputes the probabilities from it. The backward pass overwrites dq, dk and dv and, when dBias is
 * not null, writes the gradient of the scores [batch][queries][keys] there (the bias's, before summing
 * over the dims it broadcasts along). Work is split over {@link Workers} with results that do not depend
 * on the number of threads; steady-state calls allocate nothing.
 */
public final class Attention {
    private Attention() {
    }

    /** out = attention(q, k, v); lse (may be null) = each query's log Σ exp. */
    public static void forward(int batch, int queries, int keys, int depth, int valueDepth, boolean causal,
                               float scale, float[] q, int qOff, float[] k, int kOff, float[] v, int vOff,
                               float[] bias, int biasOff, int biasInner, int biasGroups, int biasPlane, int biasRow,
                               int biasCol, float[] out, int outOff, float[] lse, int lseOff) {
        checkOperands(batch, queries, keys, depth, valueDepth, q.length, qOff, k.length, kOff, v.length, vOff);
        checkBias(bias == null ? -1 : bias.length, biasOff, biasGroups, biasPlane, biasRow, biasCol, queries, keys);
        checkResults(batch, queries, valueDepth, out.length, outOff, lse == null ? -1 : lse.length, lseOff);
        FloatAttention.job(batch, queries, keys, depth, valueDepth, causal, scale, q, qOff, k, kOff, v, vOff)
                .bias(bias, biasOff, biasInner, biasGroups, biasPlane, biasRow, biasCol)
                .forward(out, outOff, lse, lseOff);
    }

    /** The double counterpart of the float {@code forward}. */
    public static void forward(int batch, int queries, int keys, int depth, int valueDepth, boolean causal,
                               double scale, double[] q, int qOff, double[] k, int kOff, double[] v, int vOff,
                               double[] bias, int biasOff, int biasInner, int biasGroups, int biasPlane, int biasRow,
                               int biasCol, double[] out, int outOff, double[] lse, int lseOff) {
        checkOperands(batch, queries, keys, depth, valueDepth, q.length, qOff, k.length, kOff, v.length, vOff);
        checkBias(bias == null ? -1 : bias.length, biasOff, biasGroups, biasPlane, biasRow, biasCol, queries, keys);
        checkResults(batch, queries, valueDepth, out.length, outOff, lse == null ? -1 : lse.length, lseOff);
        DoubleAttention.job(batch, queries, keys, depth, valueDepth, causal, scale, q, qOff, k, kOff, v, vOff)
                .bias(bias, biasOff, biasInner, biasGroups, biasPlane, biasRow, biasCol)
                .forward(out, outOff, lse, lseOff);
    }

    /** dq, dk, dv (and dBias when not null) of attention, from the forward pass's out and lse and dOut. */
    public static void backward(int batch, int queries, int keys, int depth, int valueDepth, boolean causal,
                                float scale, float[] q, int qOff, float[] k, int kOff, float[] v, int vOff,
                                float[] bias, int biasOff, int biasInner, int biasGroups, int biasPlane, int biasRow,
                                int biasCol, float[] out, int outOff, float[] lse, int lseOff, float[] dOut,
                                int dOutOff, float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff,
                                float[] dBias, int dBiasOff) {
        checkOperands(batch, queries, keys, depth, valueDepth, q.length, qOff, k.length, kOff, v.length, vOff);
        checkBias(bias == null ? -1 : bias.length, biasOff, biasGroups, biasPlane, biasRow, biasCol, queries, keys);
        checkResults(batch, queries, valueDepth, out.length, outOff, lse.length, lseOff);
        AttentionChecks.dense("dOut", dOut.length, dOutOff, (long) batch * queries * valueDepth);
        checkOperands(batch, queries, keys, depth, valueDepth, dq.length, dqOff, dk.length, dkOff, dv.length, dvOff);
        if (dBias != null) {
            AttentionChecks.dense("dBias", dBias.length, dBiasOff, (long) batch * queries * keys);
        }
        FloatAttention.job(batch, queries, keys, depth, valueDepth, causal, scale, q, qOff, k, kOff, v, vOff)
                .bias(bias, biasOff, biasInner, biasGroups, biasPlane, biasRow, biasCol)
                .backward(out, outOff, lse, lseOff, dOut, dOutOff, dq, dqOff, dk, dkOff, dv, dvOff, dBias, dBiasOff);
    }

    /** The double counterpart of the float {@code backward}. */
    public static void backward(int batch, int queries, int keys, int depth, int valueDepth, boolean causal,
                                double scale, double[] q, int qOff, double[] k, int kOff, double[] v, int vOff,
                                double[] bias, int biasOff, int biasInner, int biasGroups, int biasPlane, int biasRow,
                                int biasCol, double[] out, int outOff, double[] lse, int lseOff, double[] dOut,
                                int dOutOff, double[] dq, int dqOff, double[] dk, int dkOff, double[] dv, int dvOff,
                                double[] dBias, int dBiasOff) {
        checkOperands(batch, queries, keys, depth, valueDepth, q.length, qOff, k.length, kOff, v.length, vOff);
        checkBias(bias == null ? -1 : bias.length, biasOff, biasGroups, biasPlane, biasRow, biasCol, queries, keys);
        checkResults(batch, queries, valueDepth, out.length, outOff, lse.length, lseOff);
        AttentionChecks.dense("dOut", dOut.length, dOutOff, (long) batch * queries * valueDepth);
        checkOperands(batch, queries, keys, depth, valueDepth, dq.length, dqOff, dk.length, dkOff, dv.length, dvOff);
        if (dBias != null) {
            AttentionChecks.dense("dBias", dBias.length, dBiasOff, (long) batch * queries * keys);
        }
        DoubleAttention.job(batch, queries, keys, depth, valueDepth, causal, scale, q, qOff, k, kOff, v, vOff)
                .bias(bias, biasOff, biasInner, biasGroups, biasPlane, biasRow, biasCol)
                .backward(out, outOff, lse, lseOff, dOut, dOutOff, dq, dqOff, dk, dkOff, dv, dvOff, dBias, dBiasOff);
    }

    private static void checkOperands(int batch, int queries, int keys, int depth, int valueDepth, int qLength,
                                      int qOff, int kLength, int kOff, int vLength, int vOff) {
        AttentionChecks.sizes(batch, queries, keys, depth, valueDepth);
        AttentionChecks.dense("q", qLength, qOff, (long) batch * queries * depth);
        AttentionChecks.dense("k", kLength, kOff, (long) batch * keys * depth);
        AttentionChecks.dense("v", vLength, vOff, (long) batch * keys * valueDepth);
    }

    private static void checkBias(int length, int off, int groups, int plane, int row, int col, int queries,
                                  int keys) {
        if (length >= 0) {
            AttentionChecks.bias(length, off, groups, plane, row, col, queries, keys);
        }
    }

    private static void checkResults(int batch, int queries, int valueDepth, int outLength, int outOff,
                                     int lseLength, int lseOff) {
        AttentionChecks.dense("out", outLength, outOff, (long) batch * queries * valueDepth);
        if (lseLength >= 0) {
            AttentionChecks.dense("lse", lseLength, lseOff, (long) batch * queries);
        }
    }
}
