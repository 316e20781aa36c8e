package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The counter-based random numbers and dropout: statistics within bounds of many standard deviations
 * (so that a correct implementation fails with negligible probability, a wrong one surely), masks
 * new at every step and for every call, the same for the same seed, and dropout off outside training.
 */
class RandomAndDropoutTest {
    private static final int N = 20_000;
    private static final String SOURCE = """
            model D {
              input x: f32[batch, 1000]
              param w: [1000] = ones
              y = dropout(x * w, 0.3)
              output first = y
              output second = dropout(x * w, 0.3)
              loss = mean(y)
            }
            """;

    private static Model model() {
        // With input gradients the train program also delivers the outputs, as computed in training mode.
        return Nnet.compile("d.nnet", SOURCE, CompileOptions.defaults().withInputGradients(true)).model();
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + (i % 97) / 16f;
        }
        return x;
    }

    @Test
    void dropoutZeroesAFractionPAndScalesTheRest() {
        Model m = model();
        Executor ex = m.executor(N / 1000);
        float[] x = ramp(N);
        ex.setInput("x", Tensor.of(x, N / 1000, 1000));
        ex.gradients();
        float[] y = ex.output("first").floats();
        int zeros = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < N; i++) {
            if (y[i] == 0) {
                zeros++;
            } else {
                assertThat(y[i]).isEqualTo(x[i] * (float) (1 / 0.7));
            }
            sumX += x[i];
            sumY += y[i];
        }
        double sd = Math.sqrt(0.3 * 0.7 / N);
        assertThat(zeros / (double) N).isCloseTo(0.3, within(6 * sd));
        assertThat(sumY / sumX).isCloseTo(1, within(0.05));
    }

    @Test
    void masksAreNewAtEveryStepAndForEveryCallAndRepeatForTheSameSeed() {
        Model m = model();
        Executor ex = m.executor(2);
        ex.setInput("x", Tensor.of(ramp(2000), 2, 1000));
        ex.gradients();
        float[] first = ex.output("first").floats();
        float[] second = ex.output("second").floats();
        ex.gradients();
        assertThat(ex.output("first").floats()).as("same step, same mask").containsExactly(first);
        assertThat(second).as("another call draws another mask").isNotEqualTo(first);
        ex.step(0);
        ex.gradients();
        float[] next = ex.output("first").floats();
        assertThat(next).as("a new step draws a new mask").isNotEqualTo(first);
        m.initialize(0);
        ex.gradients();
        assertThat(ex.output("first").floats()).as("the same seed repeats the masks").containsExactly(first);
        m.initialize(1);
        ex.gradients();
        assertThat(ex.output("first").floats()).as("another seed").isNotEqualTo(first);
    }

    @Test
    void masksDoNotDependOnTheBatchSize() {
        Model m = model();
        float[] x = ramp(4000);
        Executor four = m.executor(4);
        four.setInput("x", Tensor.of(x, 4, 1000));
        four.gradients();
        Executor two = m.executor(2);
        two.setInput("x", Tensor.of(Arrays.copyOf(x, 2000), 2, 1000));
        two.gradients();
        assertThat(two.output("first").floats())
                .containsExactly(Arrays.copyOf(four.output("first").floats(), 2000));
    }

    @Test
    void dropoutIsTheIdentityWhenPredicting() {
        Model m = model();
        Executor ex = m.executor(2);
        float[] x = ramp(2000);
        ex.setInput("x", Tensor.of(x, 2, 1000));
        ex.predict();
        assertThat(ex.output("first").floats()).containsExactly(x);
        assertThat(ex.output("second").floats()).containsExactly(x);
    }

    /** dropout2d zeroes whole channels of each example, a fraction p of them, and scales the rest. */
    @Test
    void channelDropoutDropsWholeChannels() {
        Model m = Nnet.compile("c.nnet", """
                model C {
                  input x: f32[batch, 50, 2, 3]
                  param w: [1] = ones
                  output y = dropout2d(x * w, 0.4)
                  loss = mean(y)
                }
                """, CompileOptions.defaults().withInputGradients(true)).model();
        int batch = 40;
        Executor ex = m.executor(batch);
        float[] x = new float[batch * 50 * 6];
        java.util.Arrays.fill(x, 2f);
        ex.setInput("x", Tensor.of(x, batch, 50, 2, 3));
        ex.gradients();
        float[] y = ex.output("y").floats();
        int dropped = 0;
        for (int channel = 0; channel < batch * 50; channel++) {
            float first = y[channel * 6];
            for (int k = 1; k < 6; k++) {
                assertThat(y[channel * 6 + k]).as("channel %d is dropped or kept whole", channel).isEqualTo(first);
            }
            assertThat(first).isIn(0f, 2f * (float) (1 / 0.6));
            dropped += first == 0 ? 1 : 0;
        }
        double n = batch * 50;
        assertThat(dropped / n).isCloseTo(0.4, within(6 * Math.sqrt(0.4 * 0.6 / n)));
    }

    @Test
    void randLikeIsUniformOnTheUnitInterval() {
        Model m = Nnet.compile("r.nnet", """
                model R {
                  input x: f64[batch, 1000]
                  output u = rand_like(x)
                  output v = rand([batch, 1000], dtype = f32)
                }
                """).model();
        Executor ex = m.executor(N / 1000);
        ex.setInput("x", Tensor.of(new double[N], N / 1000, 1000));
        ex.predict();
        double[] u = ex.output("u").doubles();
        float[] v = ex.output("v").floats();
        double mean = 0;
        double meanSquare = 0;
        int below = 0;
        for (int i = 0; i < N; i++) {
            assertThat(u[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(v[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
            mean += u[i] / N;
            meanSquare += u[i] * u[i] / N;
            below += v[i] < 0.25 ? 1 : 0;
        }
        assertThat(mean).isCloseTo(0.5, within(6 * Math.sqrt(1 / 12.0 / N)));
        assertThat(meanSquare).isCloseTo(1 / 3.0, within(6 * Math.sqrt(4 / 45.0 / N)));
        assertThat(below / (double) N).isCloseTo(0.25, within(6 * Math.sqrt(0.25 * 0.75 / N)));
    }
}
