package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.ClassIndexOutOfRange;
import nnet.runtime.Executor;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** The losses' values and gradients where PyTorch's definitions matter, against numbers worked out by hand. */
class LossSemanticsTest {
    private static final double LN3 = Math.log(3);

    /** Runs the train program of a model whose body is given, with input gradients. */
    private static Executor train(String body, Map<String, Tensor> inputs) {
        Executor ex = Nnet.compile("t.nnet", "model T {\n" + body + "\n}\n",
                CompileOptions.defaults().withInputGradients(true)).model().executor(Map.of());
        inputs.forEach(ex::setInput);
        ex.gradients();
        return ex;
    }

    /**
     * Both rows have softmax [1/4, 3/4]. Row 0 (target 0, weight 2) costs 2·ln 4, row 1 (target 1, weight
     * 1) ln 4/3, row 2 is ignored: the weighted mean divides by 2 + 1. The gradient of a row is
     * w_t·(p − onehot)/3: [−1/2, 1/2] and [1/12, −1/12].
     */
    @Test
    void weightedCrossEntropyDividesByTheWeightsOfTheCountedTargets() {
        Executor ex = train("""
                  input x: f64[3, 2]
                  input t: i32[3]
                  input w: f64[2]
                  loss = cross_entropy(x, t, weight = w, ignore_index = 7)
                """, Map.of("x", Tensor.of(new double[] {0, LN3, 0, LN3, 5, -5}, 3, 2),
                "t", Tensor.of(new int[] {0, 1, 7}, 3), "w", Tensor.of(new double[] {2, 1}, 2)));
        assertThat(ex.loss()).isCloseTo((2 * Math.log(4) + Math.log(4.0 / 3)) / 3, within(1e-15));
        double[] dx = ex.inputGradient("x").doubles();
        double[] expected = {-0.5, 0.5, 1.0 / 12, -1.0 / 12, 0, 0};
        for (int i = 0; i < dx.length; i++) {
            assertThat(dx[i]).as("d x[%d]", i).isCloseTo(expected[i], within(1e-15));
        }
    }

    /**
     * Logits [0, 0] give p = [1/2, 1/2]. The probabilities [1, 0] smoothed by 0.2 are [0.9, 0.1]; with
     * weights [1, 3] the loss is (1·0.9 + 3·0.1)·ln 2, and the mean over one row is that.
     */
    @Test
    void crossEntropyOverProbabilitiesSmoothsAndWeightsThem() {
        Executor ex = train("""
                  input x: f64[1, 2]
                  input p: f64[1, 2]
                  input w: f64[2]
                  loss = cross_entropy(x, p, weight = w, label_smoothing = 0.2)
                """, Map.of("x", Tensor.of(new double[] {0, 0}, 1, 2), "p", Tensor.of(new double[] {1, 0}, 1, 2),
                "w", Tensor.of(new double[] {1, 3}, 2)));
        assertThat(ex.loss()).isCloseTo(1.2 * Math.log(2), within(1e-15));
        // d p_c = (1 − ε)·w_c·(−log p_c) = 0.8·w_c·ln 2.
        assertThat(ex.inputGradient("p").doubles()).containsExactly(new double[] {0.8 * Math.log(2), 2.4 * Math.log(2)},
                within(1e-15));
    }

    @Test
    void nllLossStopsTheRunOnAClassIndexOutOfRange() {
        Executor ex = Nnet.compile("t.nnet", """
                model T {
                  input x: f64[2, 3]
                  input t: i32[2]
                  loss = nll_loss(x, t)
                }
                """).model().executor(Map.of());
        ex.setInput("x", Tensor.of(new double[6], 2, 3));
        ex.setInput("t", Tensor.of(new int[] {2, 3}, 2));
        assertThatThrownBy(ex::evaluate).isInstanceOf(ClassIndexOutOfRange.class)
                .hasMessage("class index 3 of example 1 in the batch is out of range: 3 classes, 0 to 2");
    }

    /**
     * At probabilities of exactly 0 and 1 the logs are clamped at −100, and the gradient is PyTorch's
     * (x − t)/max(x(1 − x), 1e-12): 0 where the prediction is right, −1/1e-12 (the float constant)
     * where it is wrong, never NaN.
     */
    @Test
    void binaryCrossEntropyAtSaturatedProbabilities() {
        Executor ex = train("""
                  input x: f64[3]
                  input t: f64[3]
                  output y = binary_cross_entropy(x, t, reduction = "none")
                  loss = sum(y)
                """, Map.of("x", Tensor.of(new double[] {1, 0, 0}, 3), "t", Tensor.of(new double[] {1, 0, 1}, 3)));
        // (t − 1)·log(1 − x) − t·log x is −0 at x = t = 1, as in PyTorch.
        assertThat(ex.output("y").doubles()).containsExactly(-0.0, 0, 100);
        assertThat(ex.inputGradient("x").doubles()).containsExactly(0, 0, -1 / (double) 1e-12f);
    }

    /** softplus(−x) must neither overflow nor lose the large term: ±100 in f32 give 100, and e^−100 ≈ 0. */
    @Test
    void binaryCrossEntropyWithLogitsIsExactForLargeLogits() {
        Executor ex = train("""
                  input x: f32[4]
                  input t: f32[4]
                  output y = binary_cross_entropy_with_logits(x, t, reduction = "none")
                  loss = sum(y)
                """, Map.of("x", Tensor.of(new float[] {100, -100, 100, -100}, 4),
                "t", Tensor.of(new float[] {0, 1, 1, 0}, 4)));
        assertThat(ex.output("y").floats()).containsExactly(new float[] {100, 100, 0, 0}, within(1e-40f));
        assertThat(ex.inputGradient("x").floats()).containsExactly(1, -1, 0, 0);
    }

    /**
     * A zero vector's norm is clamped to eps = 1e-8: its similarity is 0, and its gradient is
     * x2/(eps·‖x2‖), as PyTorch gives it, not NaN.
     */
    @Test
    void cosineSimilarityOfAZeroVector() {
        Executor ex = train("""
                  input a: f64[1, 3]
                  input b: f64[1, 3]
                  output y = cosine_similarity(a, b)
                  loss = sum(y)
                """, Map.of("a", Tensor.of(new double[3], 1, 3), "b", Tensor.of(new double[] {1, 1, 1}, 1, 3)));
        assertThat(ex.output("y").doubles()).containsExactly(0);
        double each = 1 / (1e-8 * Math.sqrt(3));
        assertThat(ex.inputGradient("a").doubles()).containsExactly(new double[] {each, each, each}, within(1e-6));
        assertThat(ex.inputGradient("b").doubles()).containsExactly(0, 0, 0);
    }

    /** batchmean divides the sum by the batch size; 0·log 0 counts as 0. */
    @Test
    void klDivBatchmean() {
        Executor ex = train("""
                  input x: f64[2, 2]
                  input t: f64[2, 2]
                  loss = kl_div(x, t, reduction = "batchmean")
                """, Map.of("x", Tensor.of(new double[] {Math.log(0.5), Math.log(0.5), Math.log(0.25), Math.log(0.75)},
                2, 2), "t", Tensor.of(new double[] {1, 0, 0.5, 0.5}, 2, 2)));
        // Row 0: 1·(log 1 − log 0.5) = ln 2; row 1: 0.5·(ln 0.5 − ln 0.25) + 0.5·(ln 0.5 − ln 0.75).
        double row1 = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3);
        assertThat(ex.loss()).isCloseTo((Math.log(2) + row1) / 2, within(1e-15));
        assertThat(ex.inputGradient("x").doubles()).containsExactly(-0.5, -0.0, -0.25, -0.25);
    }

    /** Targets other than ±1 take both terms, as PyTorch computes them: (margin − x)⁺ + x. */
    @Test
    void hingeEmbeddingLossOfEveryTarget() {
        Executor ex = train("""
                  input x: f64[4]
                  input t: i32[4]
                  output y = hinge_embedding_loss(x, t, margin = 1.0, reduction = "none")
                  loss = sum(y)
                """, Map.of("x", Tensor.of(new double[] {0.25, 0.25, 0.25, 2}, 4),
                "t", Tensor.of(new int[] {1, -1, 0, -1}, 4)));
        assertThat(ex.output("y").doubles()).containsExactly(0.25, 0.75, 1, 0);
        assertThat(ex.inputGradient("x").doubles()).containsExactly(1, -1, 0, 0);
    }
}
