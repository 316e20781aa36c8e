package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * The row operations of {@link FloatAttention} on one row of a score block: the products q·k turned
 * into scores, the online softmax's exponentials, and the probabilities and their gradients of the
 * backward pass. Columns from {@code n} on are keys the row does not see (past the causal limit): they
 * get probability 0 exactly, as exp(-inf) would give.
 */
final class FloatAttentionRows {
    private FloatAttentionRows() {
    }

    /**
     * s[at + j] = s[at + j]·scale + bias[biasAt + j·biasCol] for j < n (no bias when it is null), rounded
     * after each operation as (q @ kᵀ)·scale + bias is; returns their maximum (-inf when n = 0).
     */
    static float scores(float[] s, int at, int n, float scale, float[] bias, int biasAt, int biasCol) {
        float max = Float.NEGATIVE_INFINITY;
        if (bias == null) {
            for (int j = 0; j < n; j++) {
                float x = s[at + j] * scale;
                s[at + j] = x;
                max = x > max ? x : max;
            }
        } else {
            for (int j = 0; j < n; j++) {
                float x = s[at + j] * scale + bias[biasAt + j * biasCol];
                s[at + j] = x;
                max = x > max ? x : max;
            }
        }
        return max;
    }

    /** s[at + j] = exp(s[at + j] − shift) for j < n and 0 for n ≤ j < cols; returns the sum of the first n. */
    static float exponentials(float[] s, int at, int n, int cols, float shift) {
        float sum = 0;
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(s[at + j] - shift);
            s[at + j] = e;
            sum += e;
        }
        Arrays.fill(s, at + n, at + cols, 0);
        return sum;
    }

    /** a[at + j] *= factor for j < n. */
    static void scale(float[] a, int at, int n, float factor) {
        for (int j = 0; j < n; j++) {
            a[at + j] *= factor;
        }
    }

    /** The dot product of x[xAt, xAt + n) and y[yAt, yAt + n). */
    static float dot(float[] x, int xAt, float[] y, int yAt, int n) {
        float sum = 0;
        for (int j = 0; j < n; j++) {
            sum += x[xAt + j] * y[yAt + j];
        }
        return sum;
    }

    /** dS = p ⊙ (dP − delta) in dp[at, at + cols), from the probabilities p[at, at + cols). */
    static void scoreGradients(float[] p, float[] dp, int at, int cols, float delta) {
        for (int j = 0; j < cols; j++) {
            dp[at + j] = p[at + j] * (dp[at + j] - delta);
        }
    }

    /** How many of the keys [j0, j0 + cols) query i sees: all, or those up to i when causal. */
    static int visible(boolean causal, int i, int j0, int cols) {
        return causal ? Math.max(0, Math.min(cols, i + 1 - j0)) : cols;
    }
}
