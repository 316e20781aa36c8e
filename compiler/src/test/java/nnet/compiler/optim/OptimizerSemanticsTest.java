package nnet.compiler.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated optimizer updates follow torch.optim's formulas. The model's loss is sum(w * c) with c an
 * input, so the gradient of w is exactly c; a new c each step gives a varied gradient sequence, and
 * the parameters after several steps are compared with a reference written here from PyTorch's
 * documented update rules, in double precision (the model computes in f64 too).
 */
class OptimizerSemanticsTest {
    private static final int N = 7;
    private static final int STEPS = 6;

    /** A reference optimizer: updates params in place given a gradient, for step t (1-based). */
    interface Reference {
        void step(double[] p, double[] g, int t);
    }

    record Case(String optimizer, double lr, Reference reference) {
        @Override
        public String toString() {
            return optimizer;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("sgd(lr = 0.1)", 0.1, sgd(0.1, 0, 0, 0, false)),
                new Case("sgd(lr = 0.1, momentum = 0.9)", 0.1, sgd(0.1, 0.9, 0, 0, false)),
                new Case("sgd(lr = 0.05, momentum = 0.8, dampening = 0.3)", 0.05, sgd(0.05, 0.8, 0.3, 0, false)),
                new Case("sgd(lr = 0.05, momentum = 0.9, nesterov = true)", 0.05, sgd(0.05, 0.9, 0, 0, true)),
                new Case("sgd(lr = 0.1, momentum = 0.5, weight_decay = 0.01)", 0.1, sgd(0.1, 0.5, 0, 0.01, false)),
                new Case("adam(lr = 0.01)", 0.01, adam(0.01, 0.9, 0.999, 1e-8, 0)),
                new Case("adam(lr = 0.002, beta1 = 0.8, beta2 = 0.99, eps = 1e-6, weight_decay = 0.1)", 0.002,
                        adam(0.002, 0.8, 0.99, 1e-6, 0.1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void updatesMatchPyTorchsRules(Case c) {
        String source = "model M {\n  input c: f64[" + N + "]\n  param w: [" + N + "] = normal(0, 1)\n"
                + "  loss = sum(w * c)\n}\ntrain M { optimizer = " + c.optimizer() + "; seed = 3 }\n";
        Model model = Nnet.compile("opt.nnet", source).model("M");
        Executor ex = model.executor(java.util.Map.of());
        double[] reference = model.parameter("w").doubles().clone();
        Random rng = new Random(11);
        for (int t = 1; t <= STEPS; t++) {
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                g[i] = rng.nextGaussian();
            }
            ex.setInput("c", Tensor.of(g.clone(), N));
            ex.step(c.lr());
            c.reference().step(reference, g, t);
        }
        double[] got = model.parameter("w").doubles();
        for (int i = 0; i < N; i++) {
            assertThat(got[i]).as("w[%d]", i).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /**
     * NAdam's prologue recomputes the product of the momentum schedule at every step and stops once it
     * is below 2^-60, which must not change a single bit: against the full product (written here in
     * PyTorch's order) over 300 steps, where with β1 = 0.5 the product gets there after about 60.
     */
    @Test
    void nadamsShortenedProductChangesNoBit() {
        double lr = 0.01;
        double beta1 = 0.5;
        double beta2 = 0.999;
        double eps = 1e-8;
        double decay = 4e-3;
        String source = "model M {\n  input c: f64[" + N + "]\n  param w: [" + N + "] = normal(0, 1)\n"
                + "  loss = sum(w * c)\n}\ntrain M { optimizer = nadam(lr = " + lr + ", beta1 = " + beta1
                + "); seed = 3 }\n";
        Model model = Nnet.compile("opt.nnet", source).model("M");
        Executor ex = model.executor(java.util.Map.of());
        double[] p = model.parameter("w").doubles().clone();
        double[] m = new double[N];
        double[] v = new double[N];
        Random rng = new Random(5);
        for (int t = 1; t <= 300; t++) {
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                g[i] = rng.nextGaussian();
            }
            ex.setInput("c", Tensor.of(g.clone(), N));
            ex.step(lr);
            double product = 1;
            for (int s = 1; s <= t; s++) {
                product *= beta1 * (1 - 0.5 * Math.pow(0.96, s * decay));
            }
            double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * decay));
            double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * decay));
            double bc2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < N; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i]);
                double denom = Math.sqrt(v[i] / bc2) + eps;
                p[i] = p[i] - lr * (1 - mu) / (1 - product) * g[i] / denom;
                p[i] = p[i] - lr * muNext / (1 - product * muNext) * m[i] / denom;
            }
            assertThat(model.parameter("w").doubles()).as("after step %d", t).containsExactly(p);
        }
    }

    private static Reference sgd(double lr, double momentum, double dampening, double decay, boolean nesterov) {
        double[][] buf = new double[1][];
        return (p, g, t) -> {
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + decay * p[i];
                if (momentum != 0) {
                    if (t == 1) {
                        buf[0] = buf[0] == null ? new double[p.length] : buf[0];
                        buf[0][i] = d;
                    } else {
                        buf[0][i] = momentum * buf[0][i] + (1 - dampening) * d;
                    }
                    d = nesterov ? d + momentum * buf[0][i] : buf[0][i];
                }
                p[i] -= lr * d;
            }
        };
    }

    private static Reference adam(double lr, double beta1, double beta2, double eps, double decay) {
        double[][] m = new double[1][];
        double[][] v = new double[1][];
        return (p, g, t) -> {
            if (m[0] == null) {
                m[0] = new double[p.length];
                v[0] = new double[p.length];
            }
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + decay * p[i];
                m[0][i] = beta1 * m[0][i] + (1 - beta1) * d;
                v[0][i] = beta2 * v[0][i] + (1 - beta2) * d * d;
                double mHat = m[0][i] / (1 - Math.pow(beta1, t));
                double vHat = v[0][i] / (1 - Math.pow(beta2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }
}
