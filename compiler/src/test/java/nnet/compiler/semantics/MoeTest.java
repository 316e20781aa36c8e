package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * nn.moe against a direct computation from its parameters: each token's gate scores, its top 2 of 3
 * experts, their softmax probabilities renormalised, the mix of those experts' outputs (w1, ReLU, w2);
 * the load (each expert's share of the choices) and the Switch Transformer's balancing loss.
 */
class MoeTest {
    private static final int TOKENS = 7;
    private static final int D = 3;
    private static final int EXPERTS = 3;
    private static final int HIDDEN = 4;

    @Test
    void theMixIsThatOfTheTopTwoExpertsWithRenormalisedGates() {
        Model m = Nnet.compile("moe.nnet", """
                import nn
                model M {
                  input x: f64[7, 3]
                  y, aux, load = nn.moe(x, 3, top_k = 2, hidden = 4, activation = "relu") as moe
                  output y_ = y
                  output aux_ = aux
                  output load_ = load
                }
                """).model();
        m.initialize(9);
        Random rnd = new Random(2);
        double[] x = new double[TOKENS * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        Executor ex = m.executor(Map.of());
        ex.setInput("x", Tensor.of(x, TOKENS, D));
        ex.predict();
        double[] y = ex.output("y_").doubles();
        double[] load = new double[EXPERTS];
        double[] meanProb = new double[EXPERTS];
        for (int t = 0; t < TOKENS; t++) {
            double[] token = java.util.Arrays.copyOfRange(x, t * D, t * D + D);
            double[] p = softmax(linear(token, m.parameter("moe.gate.weight").doubles(), null, EXPERTS));
            int first = argmax(p, -1);
            int second = argmax(p, first);
            double[] expected = new double[D];
            for (int e : new int[] {first, second}) {
                double gate = p[e] / (p[first] + p[second]);
                double[] out = expert(token, m, e);
                for (int j = 0; j < D; j++) {
                    expected[j] += gate * out[j];
                }
                load[e] += 1.0 / (2 * TOKENS);
            }
            for (int e = 0; e < EXPERTS; e++) {
                meanProb[e] += p[e] / TOKENS;
            }
            for (int j = 0; j < D; j++) {
                assertThat(y[t * D + j]).as("token %d, feature %d", t, j).isCloseTo(expected[j], within(1e-12));
            }
        }
        double aux = 0;
        for (int e = 0; e < EXPERTS; e++) {
            assertThat(ex.output("load_").getDouble(e)).as("load of expert %d", e).isCloseTo(load[e], within(1e-12));
            aux += EXPERTS * load[e] * meanProb[e];
        }
        assertThat(ex.output("aux_").getDouble(0)).isCloseTo(aux, within(1e-12));
    }

    private static double[] expert(double[] token, Model m, int e) {
        String p = "moe.experts." + e + ".";
        double[] h = linear(token, m.parameter(p + "w1.weight").doubles(), m.parameter(p + "w1.bias").doubles(), HIDDEN);
        for (int i = 0; i < HIDDEN; i++) {
            h[i] = Math.max(0, h[i]);
        }
        return linear(h, m.parameter(p + "w2.weight").doubles(), m.parameter(p + "w2.bias").doubles(), D);
    }

    private static double[] linear(double[] x, double[] w, double[] b, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b == null ? 0 : b[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] softmax(double[] s) {
        double max = java.util.Arrays.stream(s).max().orElseThrow();
        double[] p = java.util.Arrays.stream(s).map(v -> Math.exp(v - max)).toArray();
        double sum = java.util.Arrays.stream(p).sum();
        return java.util.Arrays.stream(p).map(v -> v / sum).toArray();
    }

    /** The index of the largest element other than {@code skip}. */
    private static int argmax(double[] p, int skip) {
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (i != skip && (best < 0 || p[i] > p[best])) {
                best = i;
            }
        }
        return best;
    }
}
