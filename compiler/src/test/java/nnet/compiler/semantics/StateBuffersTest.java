package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.train.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State buffers: declared, read, updated by programs, kept across runs, saved and loaded with the weights. */
class StateBuffersTest {

    @Test
    void programsUpdateBuffersAndTheyPersistAcrossRuns() {
        Model m = Nnet.compile("c.nnet", """
                model Counter {
                  input x: f32[batch, 3]
                  buffer seen: i32[] = zeros
                  buffer total: [3] = constant(0.5)
                  update seen = seen + 1
                  update total = total + sum(x, 0)
                  output y = x * 2
                }
                """).model();
        assertThat(m.state("total").floats()).containsExactly(0.5f, 0.5f, 0.5f);
        Executor ex = m.executor(2);
        ex.setInput("x", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        for (int i = 0; i < 3; i++) {
            ex.predict();
        }
        assertThat(m.state("seen").ints()).containsExactly(3);
        assertThat(m.state("total").floats()).containsExactly(15.5f, 21.5f, 27.5f);
        m.initialize(0);
        assertThat(m.state("seen").ints()).containsExactly(0);
    }

    /**
     * A name read after its update sees the new value, as after an in-place update in PyTorch; a value
     * read before it keeps the old one, even when buffers trade values (the writes happen last).
     */
    @Test
    void updatesSeeTheValuesTheirStatementsSee() {
        Model m = Nnet.compile("s.nnet", """
                model Swap {
                  input x: f32[batch]
                  buffer a: [2] = zeros
                  buffer b: [2] = ones
                  old_a = a
                  update a = b
                  update b = old_a + 1
                  output y = x + sum(old_a) + 10 * sum(b)
                }
                """).model();
        Executor ex = m.executor(1);
        ex.setInput("x", Tensor.of(new float[] {0}, 1));
        ex.predict();
        assertThat(ex.output("y").floats()).containsExactly(20);
        assertThat(m.state("a").floats()).containsExactly(1, 1);
        assertThat(m.state("b").floats()).containsExactly(1, 1);
        ex.predict();
        assertThat(ex.output("y").floats()).containsExactly(42);
        assertThat(m.state("a").floats()).containsExactly(1, 1);
        assertThat(m.state("b").floats()).containsExactly(2, 2);
    }

    /** Batch-norm style: training normalises with batch statistics and moves the running mean. */
    @Test
    void trainingUpdatesRunningStatisticsThatEvaluationUses() {
        Model m = Nnet.compile("n.nnet", """
                fn centre(x, momentum: float = 0.1) {
                  buffer running_mean: [dim(x, 1)] = zeros
                  if training {
                    m = mean(x, 0)
                    update running_mean = (1 - momentum) * running_mean + momentum * m
                    return x - m
                  } else {
                    return x - running_mean
                  }
                }
                model N {
                  input x: f32[batch, 2]
                  param w: [2] = ones
                  h = centre(x * w)
                  output y = h
                  loss = sum(h * 0)
                }
                """).model();
        assertThat(m.info().state("h.running_mean")).isPresent();
        Executor ex = m.executor(2);
        ex.setInput("x", Tensor.of(new float[] {1, 2, 3, 6}, 2, 2));
        ex.gradients();
        assertThat(m.state("h.running_mean").floats()).containsExactly(0.2f, 0.4f);
        ex.gradients();
        assertThat(m.state("h.running_mean").floats()[0]).isCloseTo(0.38f, within(1e-6f));
        ex.predict();
        float[] y = ex.output("y").floats();
        assertThat(y[0]).isCloseTo(1 - 0.38f, within(1e-6f));
        assertThat(m.state("h.running_mean").floats()[1]).as("predicting leaves the statistics").isCloseTo(0.76f, within(1e-6f));
    }

    @Test
    void buffersAreSavedAndLoadedWithTheParameters(@TempDir Path dir) {
        String source = """
                model B {
                  input x: f32[batch, 2]
                  param w: [2] = ones
                  buffer count: i32[] = zeros
                  buffer mean: [2] = zeros
                  update count = count + 1
                  update mean = mean + x[0:1, :] * 0 + 1
                  output y = x * w
                }
                """.replace("x[0:1, :] * 0 + 1", "0 * sum(x, 0) + 1");
        Model m = Nnet.compile("b.nnet", source).model();
        Executor ex = m.executor(1);
        ex.setInput("x", Tensor.of(new float[] {1, 2}, 1, 2));
        ex.predict();
        ex.predict();
        Path file = dir.resolve("b.safetensors");
        Weights.save(m, file);
        assertThat(SafeTensors.read(file).tensors()).containsOnlyKeys("w", "count", "mean");
        Model fresh = Nnet.compile("b.nnet", source).model();
        Weights.load(fresh, file);
        assertThat(fresh.state("count").ints()).containsExactly(2);
        assertThat(fresh.state("mean").floats()).containsExactly(2, 2);
    }

    @Test
    void aFileMissingABufferIsRefusedAndChangesNothing(@TempDir Path dir) {
        Model m = Nnet.compile("b.nnet", """
                model B {
                  input x: f32[batch, 2]
                  param w: [2] = ones
                  buffer count: i32[] = zeros
                  output y = x * w + count
                }
                """).model();
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {3, 4}, 2)), Map.of());
        assertThatThrownBy(() -> Weights.load(m, file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": not the weights of model B: missing: count");
        assertThat(m.parameter("w").floats()).containsExactly(1, 1);
    }
}
