package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * softmax(q·kᵀ·scale + bias)·v and its gradients as flash attention computes them: queries and keys
 * are taken in blocks of {@link #BLOCK}, the products of a block come from the GEMM into a block of
 * scratch, and the softmax is taken online (a running maximum and sum per query, by which the
 * accumulated output rows are rescaled when the maximum grows), so no more than a block of any score
 * row exists at a time. Causal rows stop at their own position: blocks of keys past a query block's
 * last query are skipped. The forward pass can save each row's log Σ exp (lse), from which the backward
 * pass recomputes the probabilities block by block.
 *
 * <p>Operands are dense: q [batch][queries][depth], k [batch][keys][depth], v [batch][keys][valueDepth],
 * out [batch][queries][valueDepth], lse [batch][queries]. The bias of head h, row i, column j is at
 * {@code biasOff + ((h / biasInner) % biasGroups)·biasPlane + i·biasRow + j·biasCol} (strides 0 where
 * it broadcasts).
 *
 * <p>The forward pass is cut into (head, query block) parts, the backward pass into heads (each head's
 * dk and dv sum over its query blocks). Each part is computed the same way whoever runs it, so results
 * do not depend on the number of threads. One job per calling thread is reused: calls allocate nothing.
 */
final class FloatAttention implements Workers.Task {
    static final int BLOCK = 64;
    /** Below this many multiply-adds a call stays on one thread: handing parts over costs microseconds. */
    private static final long PARALLEL_FMAS = 1L << 18;
    private static final ThreadLocal<FloatAttention> PER_THREAD = ThreadLocal.withInitial(FloatAttention::new);

    private int batch;
    private int queries;
    private int keys;
    private int depth;
    private int valueDepth;
    private boolean causal;
    private float scale;
    private float[] q;
    private int qOff;
    private float[] k;
    private int kOff;
    private float[] v;
    private int vOff;
    private float[] bias;
    private int biasOff;
    private int biasInner;
    private int biasGroups;
    private int biasPlane;
    private int biasRow;
    private int biasCol;
    private float[] out;
    private int outOff;
    private float[] lse;
    private int lseOff;
    private boolean backward;
    private float[] dOut;
    private int dOutOff;
    private float[] dq;
    private int dqOff;
    private float[] dk;
    private int dkOff;
    private float[] dv;
    private int dvOff;
    private float[] dBias;
    private int dBiasOff;

    private FloatAttention() {
    }

    /** The job of the calling thread, with the geometry and operands shared by both passes set. */
    static FloatAttention job(int batch, int queries, int keys, int depth, int valueDepth, boolean causal, float scale,
                              float[] q, int qOff, float[] k, int kOff, float[] v, int vOff) {
        FloatAttention job = PER_THREAD.get();
        job.batch = batch;
        job.queries = queries;
        job.keys = keys;
        job.depth = depth;
        job.valueDepth = valueDepth;
        job.causal = causal;
        job.scale = scale;
        job.q = q;
        job.qOff = qOff;
        job.k = k;
        job.kOff = kOff;
        job.v = v;
        job.vOff = vOff;
        return job;
    }

    /** Sets the bias (null: none) and its strides. */
    FloatAttention bias(float[] bias, int biasOff, int inner, int groups, int plane, int row, int col) {
        this.bias = bias;
        this.biasOff = biasOff;
        this.biasInner = Math.max(1, inner);
        this.biasGroups = Math.max(1, groups);
        this.biasPlane = plane;
        this.biasRow = row;
        this.biasCol = col;
        return this;
    }

    /** out = attention, and lse = each row's log Σ exp when lse is not null. */
    void forward(float[] out, int outOff, float[] lse, int lseOff) {
        this.out = out;
        this.outOff = outOff;
        this.lse = lse;
        this.lseOff = lseOff;
        backward = false;
        split(batch * blocks(queries));
    }

    /** dq, dk, dv (overwritten) and dBias, the score gradients [batch][queries][keys] when not null. */
    void backward(float[] out, int outOff, float[] lse, int lseOff, float[] dOut, int dOutOff, float[] dq, int dqOff,
                  float[] dk, int dkOff, float[] dv, int dvOff, float[] dBias, int dBiasOff) {
        this.out = out;
        this.outOff = outOff;
        this.lse = lse;
        this.lseOff = lseOff;
        this.dOut = dOut;
        this.dOutOff = dOutOff;
        this.dq = dq;
        this.dqOff = dqOff;
        this.dk = dk;
        this.dkOff = dkOff;
        this.dv = dv;
        this.dvOff = dvOff;
        this.dBias = dBias;
        this.dBiasOff = dBiasOff;
        backward = true;
        split(batch);
    }

    private void split(int items) {
        long fmas = (long) batch * queries * keys * (depth + valueDepth);
        int parts = fmas < PARALLEL_FMAS ? Math.min(1, items) : Math.min(Workers.threads(), items);
        Workers.run(parts, this);
    }

    private static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    @Override
    public void run(int part, int parts) {
        int items = backward ? batch : batch * blocks(queries);
        int first = (int) ((long) items * part / parts);
        int last = (int) ((long) items * (part + 1) / parts);
        FloatAttentionScratch scratch = FloatAttentionScratch.forCurrentThread(BLOCK, BLOCK,
                Math.max(depth, valueDepth));
        for (int item = first; item < last; item++) {
            if (backward) {
                backwardHead(item, scratch);
            } else {
                int qBlocks = blocks(queries);
                forwardBlock(item / qBlocks, item % qBlocks * BLOCK, scratch);
            }
        }
    }

    /** The bias row of query i of head h (its first column). */
    private int biasAt(int h, int i) {
        return biasOff + h / biasInner % biasGroups * biasPlane + i * biasRow;
    }

    /** The keys query block [i0, i0 + rows) sees: all, or those up to its last query when causal. */
    private int keyLimit(int i0, int rows) {
        return causal ? Math.min(keys, i0 + rows) : keys;
    }

    // ---- forward

    /** Output rows [i0, i0 + BLOCK) of head h, and their lse. */
    private void forwardBlock(int h, int i0, FloatAttentionScratch sc) {
        int rows = Math.min(BLOCK, queries - i0);
        int qAt = qOff + (h * queries + i0) * depth;
        Arrays.fill(sc.maxima, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(sc.sums, 0, rows, 0);
        Arrays.fill(sc.accumulators, 0, rows * valueDepth, 0);
        int limit = keyLimit(i0, rows);
        for (int j0 = 0; j0 < limit; j0 += BLOCK) {
            int cols = Math.min(BLOCK, limit - j0);
            FloatGemm.multiply(false, true, rows, cols, depth, q, qAt, depth, k, kOff + (h * keys + j0) * depth, depth,
                    sc.scores, 0, cols, false);
            for (int r = 0; r < rows; r++) {
                onlineSoftmax(h, i0 + r, j0, cols, r, sc);
            }
            FloatGemm.multiply(false, false, rows, valueDepth, cols, sc.scores, 0, cols, v,
                    vOff + (h * keys + j0) * valueDepth, valueDepth, sc.accumulators, 0, valueDepth, true);
        }
        for (int r = 0; r < rows; r++) {
            finishRow(h, i0 + r, r, sc);
        }
    }

    /**
     * Row r of the block (query i): its scores for keys [j0, j0 + cols) become exp(s − m) for the new
     * running maximum m, and what was accumulated under the old maximum is rescaled to it. A row that
     * has seen only -inf so far keeps m = -inf and contributes nothing yet (exp(-inf − -inf) is NaN).
     */
    private void onlineSoftmax(int h, int i, int j0, int cols, int r, FloatAttentionScratch sc) {
        int at = r * cols;
        int n = FloatAttentionRows.visible(causal, i, j0, cols);
        float blockMax = FloatAttentionRows.scores(sc.scores, at, n, scale, bias,
                bias == null ? 0 : biasAt(h, i) + j0 * biasCol, biasCol);
        float old = sc.maxima[r];
        float max = blockMax > old ? blockMax : old;
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(sc.scores, at, at + cols, 0);
            return;
        }
        if (max != old) {
            float factor = (float) Math.exp(old - max);
            FloatAttentionRows.scale(sc.accumulators, r * valueDepth, valueDepth, factor);
            sc.sums[r] *= factor;
            sc.maxima[r] = max;
        }
        sc.sums[r] += FloatAttentionRows.exponentials(sc.scores, at, n, cols, max);
    }

    /** out = accumulated / sum (NaN for a row whose keys are all masked, as PyTorch), lse = m + log sum. */
    private void finishRow(int h, int i, int r, FloatAttentionScratch sc) {
        int o = outOff + (h * queries + i) * valueDepth;
        float inverse = 1 / sc.sums[r];
        for (int c = 0; c < valueDepth; c++) {
            out[o + c] = sc.accumulators[r * valueDepth + c] * inverse;
        }
        if (lse != null) {
            lse[lseOff + h * queries + i] = sc.maxima[r] + (float) Math.log(sc.sums[r]);
        }
    }

    // ---- backward

    /** dq, dk and dv of head h (and its score gradients), over all its blocks. */
    private void backwardHead(int h, FloatAttentionScratch sc) {
        Arrays.fill(dq, dqOff + h * queries * depth, dqOff + (h + 1) * queries * depth, 0);
        Arrays.fill(dk, dkOff + h * keys * depth, dkOff + (h + 1) * keys * depth, 0);
        Arrays.fill(dv, dvOff + h * keys * valueDepth, dvOff + (h + 1) * keys * valueDepth, 0);
        if (dBias != null) {
            Arrays.fill(dBias, dBiasOff + h * queries * keys, dBiasOff + (h + 1) * queries * keys, 0);
        }
        for (int i0 = 0; i0 < queries; i0 += BLOCK) {
            int rows = Math.min(BLOCK, queries - i0);
            for (int r = 0; r < rows; r++) {
                int row = (h * queries + i0 + r) * valueDepth;
                sc.deltas[r] = FloatAttentionRows.dot(dOut, dOutOff + row, out, outOff + row, valueDepth);
            }
            int limit = keyLimit(i0, rows);
            for (int j0 = 0; j0 < limit; j0 += BLOCK) {
                backwardBlock(h, i0, rows, j0, Math.min(BLOCK, limit - j0), sc);
            }
        }
    }

    /**
     * One block of queries [i0, i0 + rows) against keys [j0, j0 + cols): p = exp(s − lse) again, then
     * dv += pᵀ·dOut, dP = dOut·vᵀ, dS = p ⊙ (dP − D), dq += dS·k·scale and dk += dSᵀ·q·scale.
     */
    private void backwardBlock(int h, int i0, int rows, int j0, int cols, FloatAttentionScratch sc) {
        int qAt = qOff + (h * queries + i0) * depth;
        int kAt = kOff + (h * keys + j0) * depth;
        int vAt = vOff + (h * keys + j0) * valueDepth;
        int dOutAt = dOutOff + (h * queries + i0) * valueDepth;
        float[] p = sc.scores;
        float[] ds = sc.gradients;
        FloatGemm.multiply(false, true, rows, cols, depth, q, qAt, depth, k, kAt, depth, p, 0, cols, false);
        for (int r = 0; r < rows; r++) {
            probabilities(h, i0 + r, j0, cols, r * cols, p);
        }
        FloatGemm.multiply(true, false, cols, valueDepth, rows, p, 0, cols, dOut, dOutAt, valueDepth,
                dv, dvOff + (h * keys + j0) * valueDepth, valueDepth, true);
        FloatGemm.multiply(false, true, rows, cols, valueDepth, dOut, dOutAt, valueDepth, v, vAt, valueDepth,
                ds, 0, cols, false);
        for (int r = 0; r < rows; r++) {
            FloatAttentionRows.scoreGradients(p, ds, r * cols, cols, sc.deltas[r]);
            if (dBias != null) {
                System.arraycopy(ds, r * cols, dBias, dBiasOff + (h * queries + i0 + r) * keys + j0, cols);
            }
            FloatAttentionRows.scale(ds, r * cols, cols, scale);
        }
        FloatGemm.multiply(false, false, rows, depth, cols, ds, 0, cols, k, kAt, depth,
                dq, dqOff + (h * queries + i0) * depth, depth, true);
        FloatGemm.multiply(true, false, cols, depth, rows, ds, 0, cols, q, qAt, depth,
                dk, dkOff + (h * keys + j0) * depth, depth, true);
    }

    /** Row r of a block (query i, at {@code at}): the products become probabilities exp(s − lse). */
    private void probabilities(int h, int i, int j0, int cols, int at, float[] p) {
        int n = FloatAttentionRows.visible(causal, i, j0, cols);
        FloatAttentionRows.scores(p, at, n, scale, bias, bias == null ? 0 : biasAt(h, i) + j0 * biasCol, biasCol);
        FloatAttentionRows.exponentials(p, at, n, cols, lse[lseOff + h * queries + i]);
    }
}
