package nnet.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
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
    void functionsReturnTuplesThatAreUnpacked() {
        Model m = compile("""
                fn split_sign(x) {
                  return relu(x), relu(-x)
                }
                model M {
                  input x: f32[batch, 3]
                  pos, neg = split_sign(x)
                  pair = (pos, neg * 2)
                  _, twice = pair
                  output y = pos - twice / 2
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
}
