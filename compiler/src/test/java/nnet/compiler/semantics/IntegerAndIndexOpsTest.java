package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Integer tensors as elementwise operands, PyTorch's type promotion, the index tensors (arange, eye,
 * tril, triu, one_hot) and the constructors, against values worked out by hand.
 */
class IntegerAndIndexOpsTest {

    private static Executor run(String body, Map<String, Tensor> inputs, int batch) {
        Model m = Nnet.compile("t.nnet", "model T {\n" + body + "\n}\n").model();
        Executor ex = m.executor(batch);
        inputs.forEach(ex::setInput);
        ex.predict();
        return ex;
    }

    @Test
    void integerArithmeticStaysIntegerAndFollowsPythonRounding() {
        Executor ex = run("""
                  input ids: i32[batch]
                  output plus = ids + 1
                  output affine = ids * 2 - 3
                  output quotient = floor_divide(ids, 3)
                  output rest = remainder(ids, 3)
                  output big = ids > 2
                  output neg = -ids
                """, Map.of("ids", Tensor.of(new int[] {-7, -1, 0, 2, 7}, 5)), 5);
        assertThat(ex.output("plus").dtype()).isEqualTo(DType.I32);
        assertThat(ex.output("plus").ints()).containsExactly(-6, 0, 1, 3, 8);
        assertThat(ex.output("affine").ints()).containsExactly(-17, -5, -3, 1, 11);
        assertThat(ex.output("quotient").ints()).containsExactly(-3, -1, 0, 0, 2);
        assertThat(ex.output("rest").ints()).containsExactly(2, 2, 0, 2, 1);
        assertThat(ex.output("big").ints()).containsExactly(0, 0, 0, 0, 1);
        assertThat(ex.output("neg").ints()).containsExactly(7, 1, 0, -2, -7);
    }

    @Test
    void integersMetWithFloatsArePromoted() {
        Executor ex = run("""
                  input ids: i32[batch]
                  input x: f32[batch]
                  output half = ids * 0.5
                  output ratio = ids / 2
                  output e = exp(ids)
                  output sum = ids + x
                  output picked = where(ids > 0, x, 0)
                  output floats = float(ids) * 3
                  output truncated = int(x)
                  output fl = remainder(x, 2)
                """, Map.of("ids", Tensor.of(new int[] {-3, 0, 5}, 3), "x", Tensor.of(new float[] {1.5f, -2.75f, 4}, 3)), 3);
        assertThat(ex.output("half").floats()).containsExactly(-1.5f, 0, 2.5f);
        assertThat(ex.output("ratio").floats()).containsExactly(-1.5f, 0, 2.5f);
        assertThat(ex.output("e").floats()).containsExactly((float) Math.exp(-3), 1, (float) Math.exp(5));
        assertThat(ex.output("sum").floats()).containsExactly(-1.5f, -2.75f, 9);
        assertThat(ex.output("picked").floats()).containsExactly(0, 0, 4);
        assertThat(ex.output("floats").floats()).containsExactly(-9, 0, 15);
        assertThat(ex.output("truncated").ints()).containsExactly(1, -2, 4);
        assertThat(ex.output("fl").floats()).containsExactly(1.5f, 1.25f, 0);
    }

    @Test
    void arangeAndEye() {
        Executor ex = run("""
                  input x: f32[seq]
                  output a = arange(5)
                  output b = arange(1, 2, 0.25)
                  output c = arange(10, 0, -3)
                  output positions = arange(seq)
                  output e = eye(2, 3)
                """, Map.of("x", Tensor.of(new float[4], 4)), 4);
        assertThat(ex.output("a").ints()).containsExactly(0, 1, 2, 3, 4);
        assertThat(ex.output("b").floats()).containsExactly(1, 1.25f, 1.5f, 1.75f);
        assertThat(ex.output("c").ints()).containsExactly(10, 7, 4, 1);
        assertThat(ex.output("positions").ints()).containsExactly(0, 1, 2, 3);
        assertThat(ex.output("e").floats()).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void trilAndTriuOverTheLastTwoDims() {
        float[] x = new float[2 * 3 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        Executor ex = run("""
                  input x: f32[batch, 3, 4]
                  output lower = tril(x)
                  output upper = triu(x, 1)
                  output band = tril(x, -1)
                """, Map.of("x", Tensor.of(x, 2, 3, 4)), 2);
        float[] lower = ex.output("lower").floats();
        float[] upper = ex.output("upper").floats();
        float[] band = ex.output("band").floats();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    int at = (b * 3 + i) * 4 + j;
                    assertThat(lower[at]).isEqualTo(j <= i ? x[at] : 0);
                    assertThat(upper[at]).isEqualTo(j - i >= 1 ? x[at] : 0);
                    assertThat(band[at]).isEqualTo(j - i <= -1 ? x[at] : 0);
                }
            }
        }
    }

    @Test
    void oneHotMaskedFillAndConstructors() {
        Executor ex = run("""
                  input ids: i32[batch]
                  input x: f32[batch, 3]
                  output hot = one_hot(ids, 3)
                  output filled = masked_fill(x, x > 1, -1)
                  output z = zeros([2, batch]) + ones_like(ids)
                  output f = full([batch], 2.5)
                  output k = full([2], 7)
                  output d = zeros([batch, 2], dtype = f64)
                """, Map.of("ids", Tensor.of(new int[] {2, 0}, 2), "x", Tensor.of(new float[] {0, 1, 2, 3, -4, 0.5f}, 2, 3)), 2);
        assertThat(ex.output("hot").ints()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThat(ex.output("filled").floats()).containsExactly(0, 1, -1, -1, -4, 0.5f);
        assertThat(ex.output("z").floats()).containsExactly(1, 1, 1, 1);
        assertThat(ex.output("f").floats()).containsExactly(2.5f, 2.5f);
        assertThat(ex.output("k").ints()).containsExactly(7, 7);
        assertThat(ex.output("d").dtype()).isEqualTo(DType.F64);
    }
}
