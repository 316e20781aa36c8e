package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** Behaviours where an earlier version differed from PyTorch, checked against values worked out by hand. */
class TorchSemanticsFixesTest {

    /** x.max() over all elements shares the gradient evenly among tied maxima; max(x, dim) picks one. */
    @Test
    void maxOverAllElementsSplitsTheGradientAmongTies() {
        Model m = Nnet.compile("ties.nnet", """
                model Ties {
                  param w: [2, 3] = zeros
                  loss = max(w)
                }
                """).model();
        m.setParameter("w", Tensor.of(new float[] {1, 3, 2, 3, 0, 3}, 2, 3));
        Executor ex = m.executor(Map.of());
        ex.gradients();
        assertThat(m.gradient("w").floats()).containsExactly(0, 1f / 3, 0, 1f / 3, 0, 1f / 3);
    }

    @Test
    void maxAlongADimSendsTheGradientToTheFirstMaximum() {
        Model m = Nnet.compile("ties.nnet", """
                model Ties {
                  param w: [2, 3] = zeros
                  loss = sum(max(w, 1))
                }
                """).model();
        m.setParameter("w", Tensor.of(new float[] {1, 3, 3, 2, 2, 0}, 2, 3));
        Executor ex = m.executor(Map.of());
        ex.gradients();
        assertThat(m.gradient("w").floats()).containsExactly(0, 1, 0, 1, 0, 0);
    }

    /**
     * For logits [1000, 999, 0] in f32, log_softmax is about [-0.3133, -1.3133, -1000.3133]. Computing
     * x − (max + log Σ) rounds 1000.3133 to f32 first and is off by up to 3e-5; (x − max) − log Σ is off
     * by one rounding of the result.
     */
    @Test
    void largeLogitsKeepF32Precision() {
        Model m = Nnet.compile("big.nnet", """
                model Big {
                  input x: f32[batch, 3]
                  input label: i32[batch]
                  output y = log_softmax(x)
                  loss = cross_entropy(x, label)
                }
                """).model();
        Executor ex = m.executor(1);
        ex.setInput("x", Tensor.of(new float[] {1000, 999, 0}, 1, 3));
        ex.setInput("label", Tensor.of(new int[] {1}, 1));
        ex.evaluate();
        double logSum = Math.log(1 + Math.exp(-1) + Math.exp(-1000));
        float[] y = ex.output("y").floats();
        double[] exact = {-logSum, -1 - logSum, -1000 - logSum};
        for (int i = 0; i < 3; i++) {
            assertThat((double) y[i]).isCloseTo(exact[i], within(Math.ulp((float) exact[i]) * 1.0));
        }
        assertThat(ex.loss()).isCloseTo(1 + logSum, within((double) Math.ulp(1.3133f)));
    }
}
