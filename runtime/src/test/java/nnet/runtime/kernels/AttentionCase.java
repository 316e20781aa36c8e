package nnet.runtime.kernels;

import java.util.Random;

/**
 * A random attention problem for the runtime kernel's tests, in double, with a reference computed
 * directly from the definition: the whole score matrix, softmax, product, and the gradients of
 * Σ out ⊙ dOut by the chain rule through each of those steps.
 */
record AttentionCase(int batch, int queries, int keys, int depth, int valueDepth, boolean causal, double scale,
                     double[] q, double[] k, double[] v, double[] bias, int inner, int groups, int plane, int row,
                     int col, double[] dOut) {

    private static final int[] SIZES = {1, 2, 3, 5, 17, 63, 64, 65, 130};

    static AttentionCase random(Random r) {
        int batch = 1 + r.nextInt(3);
        int queries = SIZES[r.nextInt(SIZES.length)];
        int keys = SIZES[r.nextInt(SIZES.length)];
        int depth = 1 + r.nextInt(9);
        int valueDepth = 1 + r.nextInt(9);
        double[] bias = null;
        int inner = 1;
        int groups = 1;
        int plane = 0;
        int row = 0;
        int col = 0;
        if (r.nextBoolean()) {
            // A bias per head, or shared by all (groups 1), or by groups of heads; broadcasting rows or columns.
            groups = r.nextBoolean() ? batch : 1;
            row = r.nextInt(4) == 0 ? 0 : keys;
            col = r.nextInt(4) == 0 ? 0 : 1;
            plane = queries * keys;
            bias = uniform(r, groups * plane, 2);
        }
        return new AttentionCase(batch, queries, keys, depth, valueDepth, r.nextBoolean(), 0.2 + r.nextDouble(),
                uniform(r, batch * queries * depth, 1), uniform(r, batch * keys * depth, 1),
                uniform(r, batch * keys * valueDepth, 1), bias, inner, groups, plane, row, col,
                uniform(r, batch * queries * valueDepth, 1));
    }

    static double[] uniform(Random r, int n, double bound) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (2 * r.nextDouble() - 1) * bound;
        }
        return x;
    }

    double biasAt(int h, int i, int j) {
        return bias == null ? 0 : bias[h / inner % groups * plane + i * row + j * col];
    }

    /** The probabilities [batch][queries][keys] (0 past the causal limit). */
    double[] probabilities() {
        double[] p = new double[batch * queries * keys];
        for (int h = 0; h < batch; h++) {
            for (int i = 0; i < queries; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] s = new double[keys];
                for (int j = 0; j < keys; j++) {
                    double dot = 0;
                    for (int c = 0; c < depth; c++) {
                        dot += q[(h * queries + i) * depth + c] * k[(h * keys + j) * depth + c];
                    }
                    s[j] = causal && j > i ? Double.NEGATIVE_INFINITY : dot * scale + biasAt(h, i, j);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < keys; j++) {
                    sum += Math.exp(s[j] - max);
                }
                for (int j = 0; j < keys; j++) {
                    p[(h * queries + i) * keys + j] = Math.exp(s[j] - max) / sum;
                }
            }
        }
        return p;
    }

    double[] out(double[] p) {
        double[] out = new double[batch * queries * valueDepth];
        for (int h = 0; h < batch; h++) {
            for (int i = 0; i < queries; i++) {
                for (int c = 0; c < valueDepth; c++) {
                    double sum = 0;
                    for (int j = 0; j < keys; j++) {
                        sum += p[(h * queries + i) * keys + j] * v[(h * keys + j) * valueDepth + c];
                    }
                    out[(h * queries + i) * valueDepth + c] = sum;
                }
            }
        }
        return out;
    }

    /** {dq, dk, dv, dScores} of Σ out ⊙ dOut. */
    double[][] gradients(double[] p) {
        double[] dq = new double[q.length];
        double[] dk = new double[k.length];
        double[] dv = new double[v.length];
        double[] ds = new double[p.length];
        for (int h = 0; h < batch; h++) {
            for (int i = 0; i < queries; i++) {
                int pi = (h * queries + i) * keys;
                double[] dp = new double[keys];
                double dot = 0;
                for (int j = 0; j < keys; j++) {
                    for (int c = 0; c < valueDepth; c++) {
                        double g = dOut[(h * queries + i) * valueDepth + c];
                        dp[j] += g * v[(h * keys + j) * valueDepth + c];
                        dv[(h * keys + j) * valueDepth + c] += p[pi + j] * g;
                    }
                    dot += dp[j] * p[pi + j];
                }
                for (int j = 0; j < keys; j++) {
                    ds[pi + j] = p[pi + j] * (dp[j] - dot);
                    for (int c = 0; c < depth; c++) {
                        dq[(h * queries + i) * depth + c] += ds[pi + j] * scale * k[(h * keys + j) * depth + c];
                        dk[(h * keys + j) * depth + c] += ds[pi + j] * scale * q[(h * queries + i) * depth + c];
                    }
                }
            }
        }
        return new double[][] {dq, dk, dv, ds};
    }
}
