package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernel against the definition computed directly ({@link AttentionCase}), for
 * float and double, shapes around the block size (one, several and partial blocks), causal or not,
 * with biases that broadcast; results the same bit for bit on 1 to 3 threads; NaN for a query whose
 * keys are all masked, as PyTorch gives.
 */
class AttentionTest {
    private final int threadsBefore = Workers.threads();

    @AfterEach
    void restoreThreads() {
        Workers.setThreads(threadsBefore);
    }

    /** out and lse, then {dq, dk, dv, dBias}, in double. */
    private static double[][] run(AttentionCase c) {
        double[] out = new double[c.batch() * c.queries() * c.valueDepth()];
        double[] lse = new double[c.batch() * c.queries()];
        Attention.forward(c.batch(), c.queries(), c.keys(), c.depth(), c.valueDepth(), c.causal(), c.scale(),
                c.q(), 0, c.k(), 0, c.v(), 0, c.bias(), 0, c.inner(), c.groups(), c.plane(), c.row(), c.col(),
                out, 0, lse, 0);
        double[] dq = new double[c.q().length];
        double[] dk = new double[c.k().length];
        double[] dv = new double[c.v().length];
        double[] dBias = new double[c.batch() * c.queries() * c.keys()];
        Attention.backward(c.batch(), c.queries(), c.keys(), c.depth(), c.valueDepth(), c.causal(), c.scale(),
                c.q(), 0, c.k(), 0, c.v(), 0, c.bias(), 0, c.inner(), c.groups(), c.plane(), c.row(), c.col(),
                out, 0, lse, 0, c.dOut(), 0, dq, 0, dk, 0, dv, 0, dBias, 0);
        return new double[][] {out, dq, dk, dv, dBias};
    }

    private static float[] floats(double[] x) {
        if (x == null) {
            return null;
        }
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** |actual − expected| ≤ tolerance · max(max |expected|, 1e-2), element by element. */
    private static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
        double scale = 1e-2;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance * scale);
        }
    }

    @Test
    void doubleMatchesTheDefinition() {
        Properties.forAll("double attention", 40, AttentionCase::random, c -> {
            double[] p = c.probabilities();
            double[][] expected = c.gradients(p);
            double[][] actual = run(c);
            assertClose("out", actual[0], c.out(p), 1e-12);
            assertClose("dq", actual[1], expected[0], 1e-12);
            assertClose("dk", actual[2], expected[1], 1e-12);
            assertClose("dv", actual[3], expected[2], 1e-12);
            assertClose("dScores", actual[4], expected[3], 1e-12);
        });
    }

    @Test
    void floatMatchesTheDefinition() {
        Properties.forAll("float attention", 30, AttentionCase::random, c -> {
            double[] p = c.probabilities();
            double[][] expected = c.gradients(p);
            float[] out = new float[c.batch() * c.queries() * c.valueDepth()];
            float[] lse = new float[c.batch() * c.queries()];
            float[] q = floats(c.q());
            float[] k = floats(c.k());
            float[] v = floats(c.v());
            float[] bias = floats(c.bias());
            Attention.forward(c.batch(), c.queries(), c.keys(), c.depth(), c.valueDepth(), c.causal(),
                    (float) c.scale(), q, 0, k, 0, v, 0, bias, 0, c.inner(), c.groups(), c.plane(), c.row(),
                    c.col(), out, 0, lse, 0);
            float[] dq = new float[q.length];
            float[] dk = new float[k.length];
            float[] dv = new float[v.length];
            Attention.backward(c.batch(), c.queries(), c.keys(), c.depth(), c.valueDepth(), c.causal(),
                    (float) c.scale(), q, 0, k, 0, v, 0, bias, 0, c.inner(), c.groups(), c.plane(), c.row(),
                    c.col(), out, 0, lse, 0, floats(c.dOut()), 0, dq, 0, dk, 0, dv, 0, null, 0);
            assertClose("out", doubles(out), c.out(p), 1e-5);
            assertClose("dq", doubles(dq), expected[0], 1e-4);
            assertClose("dk", doubles(dk), expected[1], 1e-4);
            assertClose("dv", doubles(dv), expected[2], 1e-4);
        });
    }

    private static double[] doubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Properties.forAll("attention on 1-3 threads", 6, r -> large(r), c -> {
            Workers.setThreads(1);
            double[][] one = run(c);
            for (int threads = 2; threads <= 3; threads++) {
                Workers.setThreads(threads);
                double[][] many = run(c);
                for (int i = 0; i < one.length; i++) {
                    assertThat(many[i]).as("result %d on %d threads", i, threads).isEqualTo(one[i]);
                }
            }
        });
    }

    private static AttentionCase large(Random r) {
        AttentionCase c = AttentionCase.random(r);
        return new AttentionCase(4, 130, 100, 16, 16, c.causal(), c.scale(), AttentionCase.uniform(r, 4 * 130 * 16, 1),
                AttentionCase.uniform(r, 4 * 100 * 16, 1), AttentionCase.uniform(r, 4 * 100 * 16, 1), null, 1, 1, 0, 0,
                0, AttentionCase.uniform(r, 4 * 130 * 16, 1));
    }

    @Test
    void aQueryWithEveryKeyMaskedGetsNaNAsInPyTorch() {
        Random r = new Random(5);
        int keys = 70;
        double[] bias = new double[2 * keys];
        java.util.Arrays.fill(bias, 0, keys, Double.NEGATIVE_INFINITY);
        AttentionCase c = new AttentionCase(1, 2, keys, 3, 2, false, 0.5, AttentionCase.uniform(r, 6, 1),
                AttentionCase.uniform(r, keys * 3, 1), AttentionCase.uniform(r, keys * 2, 1), bias, 1, 1, 0, keys, 1,
                AttentionCase.uniform(r, 4, 1));
        double[] out = run(c)[0];
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isFinite();
        assertThat(out[3]).isFinite();
    }
}
