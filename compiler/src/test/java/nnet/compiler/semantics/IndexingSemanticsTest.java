package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.IndexOutOfRange;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Indexing and layout ops against values worked out by hand: the embedding's weight gradient adding up
 * repeated ids and skipping padding_idx, slices of dims bound at run time, i32 tensors through every op
 * that copies, type promotion in cat, and the run-time errors for indices out of range.
 */
class IndexingSemanticsTest {

    private static Model compile(String body) {
        return Nnet.compile("t.nnet", "model T {\n" + body + "\n}\n").model();
    }

    private static Executor run(String body, Map<String, Tensor> inputs, int batch) {
        Executor ex = compile(body).executor(batch);
        inputs.forEach(ex::setInput);
        ex.predict();
        return ex;
    }

    private static float[] rows(int rows, int cols) {
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        return w;
    }

    @Test
    void embeddingGradientAddsRepeatedIdsAndSkipsThePaddingRow() {
        Model m = compile("""
                  input ids: i32[batch, 3]
                  input r: f32[batch, 3, 2]
                  param w: [4, 2] = zeros
                  output e = embedding(ids, w, padding_idx = -3)
                  loss = sum(e * r)
                """);
        m.setParameter("w", Tensor.of(rows(4, 2), 4, 2));
        Executor ex = m.executor(2);
        // Id 2 appears three times, id 1 (padding_idx -3 of 4 rows) twice, id 3 never.
        ex.setInput("ids", Tensor.of(new int[] {2, 1, 2, 0, 2, 1}, 2, 3));
        ex.setInput("r", Tensor.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60}, 2, 3, 2));
        ex.gradients();
        assertThat(m.gradient("w").floats()).containsExactly(4, 40, 0, 0, 1 + 3 + 5, 10 + 30 + 50, 0, 0);
        ex.predict();
        assertThat(ex.output("e").floats()).containsExactly(4, 5, 2, 3, 4, 5, 0, 1, 4, 5, 2, 3);
    }

    @Test
    void embeddingOfAScalarIdAndWithoutPadding() {
        Model m = compile("""
                  input id: i32[]
                  input r: f32[3]
                  param w: [2, 3] = zeros
                  output e = embedding(id, w)
                  loss = sum(e * r)
                """);
        m.setParameter("w", Tensor.of(rows(2, 3), 2, 3));
        Executor ex = m.executor(Map.of());
        ex.setInput("id", Tensor.of(new int[] {1}));
        ex.setInput("r", Tensor.of(new float[] {1, 2, 3}, 3));
        ex.gradients();
        assertThat(m.gradient("w").floats()).containsExactly(0, 0, 0, 1, 2, 3);
        ex.predict();
        assertThat(ex.output("e").floats()).containsExactly(3, 4, 5);
    }

    @Test
    void idsOutOfRangeStopTheRunNamingTheOp() {
        Model m = compile("""
                  input ids: i32[batch]
                  param w: [4, 2] = zeros
                  output e = embedding(ids, w)
                """);
        Executor ex = m.executor(3);
        ex.setInput("ids", Tensor.of(new int[] {0, 3, 4}, 3));
        assertThatThrownBy(ex::predict).isInstanceOf(IndexOutOfRange.class).hasMessage(
                "'embedding': index 4 (element 2 of its index tensor) is out of range for a dim of size 4 (valid: 0 to 3)");
        ex.setInput("ids", Tensor.of(new int[] {-1, 0, 0}, 3));
        assertThatThrownBy(ex::predict).isInstanceOf(IndexOutOfRange.class).hasMessage(
                "'embedding': index -1 (element 0 of its index tensor) is out of range for a dim of size 4 (valid: 0 to 3)");
    }

    @Test
    void indicesOutOfRangeInGatherIndexSelectAndScatterAdd() {
        String body = """
                  input x: f32[batch, 3]
                  input index: i32[batch, 2]
                  input picks: i32[2]
                  output g = gather(x, 1, index)
                  output s = index_select(x, 1, picks)
                  output a = scatter_add(x, 1, index, x)
                """;
        Tensor x = Tensor.of(rows(2, 3), 2, 3);
        Executor ok = run(body, Map.of("x", x, "index", Tensor.of(new int[] {2, 0, 1, 1}, 2, 2),
                "picks", Tensor.of(new int[] {2, 2}, 2)), 2);
        assertThat(ok.output("g").floats()).containsExactly(2, 0, 4, 4);
        assertThat(ok.output("s").floats()).containsExactly(2, 2, 5, 5);
        assertThat(ok.output("a").floats()).containsExactly(1, 1, 2, 3, 4 + 3 + 4, 5);
        Executor ex = compile(body).executor(2);
        ex.setInput("x", x);
        ex.setInput("index", Tensor.of(new int[] {0, 0, 3, 0}, 2, 2));
        ex.setInput("picks", Tensor.of(new int[] {0, 0}, 2));
        assertThatThrownBy(ex::predict).isInstanceOf(IndexOutOfRange.class).hasMessage(
                "'gather': index 3 (element 2 of its index tensor) is out of range for a dim of size 3 (valid: 0 to 2)");
        ex.setInput("index", Tensor.of(new int[] {0, 0, 0, 0}, 2, 2));
        ex.setInput("picks", Tensor.of(new int[] {0, -2}, 2));
        assertThatThrownBy(ex::predict).isInstanceOf(IndexOutOfRange.class).hasMessageStartingWith(
                "'index_select': index -2 (element 1 of its index tensor)");
    }

    @Test
    void slicesOfRunTimeDims() {
        float[] x = rows(3, 2);
        Executor ex = run("""
                  input x: f32[batch, 2]
                  output last = x[-1]
                  output first = x[0, 1]
                  output column = x[:, 1]
                  output reversed = flip(x, [0])
                  output both = cat([x, x], 0)
                  output pairs = stack([x, x], -1)
                  output wider = x[:, None, ...]
                """, Map.of("x", Tensor.of(x, 3, 2)), 3);
        assertThat(ex.output("last").floats()).containsExactly(4, 5);
        assertThat(ex.output("first").shape()).isEmpty();
        assertThat(ex.output("first").floats()).containsExactly(1);
        assertThat(ex.output("column").floats()).containsExactly(1, 3, 5);
        assertThat(ex.output("reversed").floats()).containsExactly(4, 5, 2, 3, 0, 1);
        assertThat(ex.output("both").shape()).containsExactly(6, 2);
        assertThat(ex.output("both").floats()).containsExactly(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        assertThat(ex.output("pairs").floats()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(ex.output("wider").shape()).containsExactly(3, 1, 2);
    }

    @Test
    void anIntIndexBeyondARunTimeDimStopsTheRun() {
        Model m = compile("""
                  input x: f32[batch, 2]
                  output third = x[2]
                  output back = x[-3]
                """);
        Executor ex = m.executor(2);
        ex.setInput("x", Tensor.of(rows(2, 2), 2, 2));
        assertThatThrownBy(ex::predict).isInstanceOf(IndexOutOfRange.class).hasMessageMatching(
                "'slice': index (2|-3) is out of range for a dim of size 2 \\(valid: -2 to 1\\)");
        Executor three = m.executor(3);
        three.setInput("x", Tensor.of(rows(3, 2), 3, 2));
        three.predict();
        assertThat(three.output("third").floats()).containsExactly(4, 5);
        assertThat(three.output("back").floats()).containsExactly(0, 1);
    }

    @Test
    void integerTensorsGoThroughEveryCopy() {
        Executor ex = run("""
                  input ids: i32[batch, 3]
                  output sliced = ids[:, 1:]
                  output joined = cat([ids, ids[:, :1]], 1)
                  output picked = gather(ids, 1, ids)
                  output chosen = index_select(ids, 1, ids[0])
                  output flipped = flip(ids, [1])
                  output rolled = roll(ids, 1, 1)
                  output padded = pad(ids, [1, 0], value = 7)
                  output tiled = repeat(ids, [1, 2])
                  a, b = split(ids, [1, 2], 1)
                  output first = a
                  output rest = b
                """, Map.of("ids", Tensor.of(new int[] {2, 0, 1, 1, 1, 0}, 2, 3)), 2);
        assertThat(ex.output("sliced").dtype()).isEqualTo(DType.I32);
        assertThat(ex.output("sliced").ints()).containsExactly(0, 1, 1, 0);
        assertThat(ex.output("joined").ints()).containsExactly(2, 0, 1, 2, 1, 1, 0, 1);
        assertThat(ex.output("picked").ints()).containsExactly(1, 2, 0, 1, 1, 1);
        assertThat(ex.output("chosen").ints()).containsExactly(1, 2, 0, 0, 1, 1);
        assertThat(ex.output("flipped").ints()).containsExactly(1, 0, 2, 0, 1, 1);
        assertThat(ex.output("rolled").ints()).containsExactly(1, 2, 0, 0, 1, 1);
        assertThat(ex.output("padded").ints()).containsExactly(7, 2, 0, 1, 7, 1, 1, 0);
        assertThat(ex.output("tiled").ints()).containsExactly(2, 0, 1, 2, 0, 1, 1, 1, 0, 1, 1, 0);
        assertThat(ex.output("first").ints()).containsExactly(2, 1);
        assertThat(ex.output("rest").ints()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void catPromotesAsTorchDoes() {
        Executor ex = run("""
                  input ids: i32[2]
                  input x: f32[2]
                  input y: f64[2]
                  output ints = cat([ids, ids])
                  output floats = cat([ids, x])
                  output doubles = stack((x, y, ids))
                """, Map.of("ids", Tensor.of(new int[] {1, 2}, 2), "x", Tensor.of(new float[] {0.5f, 1.5f}, 2),
                "y", Tensor.of(new double[] {-1, -2}, 2)), 1);
        assertThat(ex.output("ints").dtype()).isEqualTo(DType.I32);
        assertThat(ex.output("floats").floats()).containsExactly(1, 2, 0.5f, 1.5f);
        assertThat(ex.output("doubles").dtype()).isEqualTo(DType.F64);
        assertThat(ex.output("doubles").doubles()).containsExactly(0.5, 1.5, -1, -2, 1, 2);
    }

    @Test
    void listsAndTuplesTakeSlicesWithNegativeSteps() {
        Executor ex = run("""
                  input x: f32[batch]
                  sizes = [1, 2, 3, 4, 5]
                  pair = (x, x * 2, x * 3)
                  a, b = pair[1:]
                  output total = x * len(sizes[1:4]) + x * sizes[::-2][0] + sizes[-2:][1]
                  output second = a + b
                """, Map.of("x", Tensor.of(new float[] {1, 2}, 2)), 2);
        assertThat(ex.output("total").floats()).containsExactly(1 * 3 + 1 * 5 + 5, 2 * 3 + 2 * 5 + 5);
        assertThat(ex.output("second").floats()).containsExactly(5, 10);
    }
}
