package nnet.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ParamInfo;
import org.junit.jupiter.api.Test;

/** Small models that use each language feature, compiled to bytecode and run. */
class LanguageFeaturesTest {
    private static final float[] X = {-1, 2, -3, 4, 0.5f, -0.25f};

    private static Model compile(String source) {
        return Nnet.compile("t.nnet", source).model();
    }

    /** Runs the predict program on {@link #X} as a [2, 3] input and returns output {@code y}. */
    private static float[] predict(Model model) {
        Executor ex = model.executor(2);
        ex.setInput("x", Tensor.of(X.clone(), 2, 3));
        ex.predict();
        return ex.output("y").floats();
    }

    @Test
    void functionsReturnTuplesThatAreUnpackedAndShapesMayBeTuples() {
        Model m = compile("""
                fn split_sign(x) {
                  return relu(x), relu(-x)
                }
                model M {
                  input x: f32[batch, 3]
                  pos, neg = split_sign(x)
                  pair = (pos, neg * 2)
                  _, twice = pair
                  flat = reshape(permute(twice, (1, 0)), (-1,))
                  back = permute(reshape(flat, (3, batch)), [1, 0])
                  output y = pos - back / 2
                }
                """);
        float[] y = predict(m);
        for (int i = 0; i < X.length; i++) {
            assertThat(y[i]).isCloseTo(X[i], within(1e-6f));
        }
    }

    @Test
    void anEarlyReturnInAnIfEndsTheFunction() {
        Model m = compile("""
                fn scaled(x, k: int) {
                  if k == 0 {
                    return x
                  }
                  y = x * k
                  return y
                }
                model M {
                  input x: f32[batch, 3]
                  output y = scaled(x, 0) + scaled(x, 3)
                }
                """);
        float[] y = predict(m);
        for (int i = 0; i < X.length; i++) {
            assertThat(y[i]).isCloseTo(4 * X[i], within(1e-6f));
        }
    }

    @Test
    void stringArgumentsChooseAtCompileTime() {
        Model m = compile("""
                fn act(x, kind: "relu" | "neg" | "id" = "id", scale: float = 1) {
                  if kind == "relu" and scale > 0 {
                    return relu(x) * scale
                  } else if not (kind != "neg") or false {
                    return -x
                  }
                  return x
                }
                fn label(mode: str) {
                  return "mode " + mode
                }
                model M {
                  input x: f32[batch, 3]
                  if label('neg') == "mode neg" {
                    output y = act(x, "relu", scale = 2) + act(x, kind = 'neg') + act(scale = 5, x = x)
                  }
                }
                """);
        float[] y = predict(m);
        for (int i = 0; i < X.length; i++) {
            assertThat(y[i]).isCloseTo(2 * Math.max(X[i], 0), within(1e-6f));
        }
    }

    @Test
    void aLoopBuildsAnMlpWhoseParametersAreNamedAsInSequentialAndWhichTrains() {
        Model m = compile("""
                import nn
                model Mlp {
                  input x: f32[batch, 2]
                  input y: i32[batch]
                  h = x
                  for i in range(2) {
                    h = tanh(nn.linear(h, 8) as layers[i])
                  }
                  logits = nn.linear(h, 2) as layers[2]
                  loss = cross_entropy(logits, y)
                }
                train Mlp {
                  optimizer = sgd(lr = 0.5, momentum = 0.9)
                  seed = 1
                }
                """);
        assertThat(m.info().params()).extracting(ParamInfo::name).containsExactly("layers.0.weight", "layers.0.bias",
                "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias");
        assertThat(m.parameter("layers.1.weight").shape()).containsExactly(8, 8);
        Executor ex = m.executor(4);
        ex.setInput("x", Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2));
        ex.setInput("y", Tensor.of(new int[] {0, 1, 1, 0}, 4));
        double first = ex.step(0.5);
        for (int i = 0; i < 300; i++) {
            ex.step(0.5);
        }
        ex.gradients();
        assertThat(ex.loss()).isLessThan(first / 10);
    }

    @Test
    void loopsGoOverListsAndRangesAndLeaveTheirNamesBound() {
        Model m = compile("""
                import nn
                fn first_over(xs, limit: int) {
                  for v in xs {
                    if v > limit {
                      return v
                    }
                  }
                  return -1
                }
                model M {
                  input x: f32[batch, 3]
                  total = 0
                  for k in range(10, 0, -3) {
                    total = total + k
                  }
                  for name in ["q", "k"] {
                    last = nn.linear(x, 3) as encoder.layers[0].attn[name]
                  }
                  if total == 22 and k == 1 and first_over((1, 5, 9), 4) == 5 and len(range(2, 8, 2)) == 3 {
                    output y = x * 1 + last * 0
                  }
                }
                """);
        assertThat(m.info().params()).extracting(ParamInfo::name).containsExactly(
                "encoder.layers.0.attn.q.weight", "encoder.layers.0.attn.q.bias",
                "encoder.layers.0.attn.k.weight", "encoder.layers.0.attn.k.bias");
        float[] y = predict(m);
        for (int i = 0; i < X.length; i++) {
            assertThat(y[i]).isCloseTo(X[i], within(1e-6f));
        }
    }

    @Test
    void mseLossReducesAsPyTorchDoesAndShapesCanBeChecked() {
        Model m = compile("""
                model M {
                  input x: f32[batch, 3]
                  t = x * 0 + 1
                  assert shape(x) == [batch, 3] and shape(x) != (batch, 1), "shape() compares with lists and tuples"
                  none = mse_loss(x, t, reduction = "none")
                  output y = none + 0 * mse_loss(x, t) * mse_loss(x, t, "sum")
                  output mean = mse_loss(x, t)
                  output total = mse_loss(x, t, "sum")
                }
                """);
        Executor ex = m.executor(2);
        ex.setInput("x", Tensor.of(X.clone(), 2, 3));
        ex.predict();
        double sum = 0;
        for (int i = 0; i < X.length; i++) {
            double d = X[i] - 1;
            assertThat(ex.output("y").floats()[i]).isCloseTo((float) (d * d), within(1e-5f));
            sum += d * d;
        }
        assertThat(ex.output("total").floats()[0]).isCloseTo((float) sum, within(1e-4f));
        assertThat(ex.output("mean").floats()[0]).isCloseTo((float) sum / X.length, within(1e-5f));
    }
}
