package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ParamInfo;
import org.junit.jupiter.api.Test;

/**
 * freeze in a train section: the parameters matching its patterns are frozen in both modes (no gradient,
 * no update), the others train; a pattern that matches nothing is an error at the setting.
 */
class FreezeTest {
    private static final String MODEL = """
            import nn
            model M {
              input x: f32[batch, 6]
              input label: i32[batch]
              h = nn.dropout(relu(nn.linear(x, 8) as encoder.layers[0]), 0.1)
              h = relu(nn.linear(h, 8) as encoder.layers[1])
              logits = nn.linear(h, 3) as head
              loss = cross_entropy(logits, label)
            }
            train M {
              optimizer = adam(lr = 1e-2)
              freeze = FREEZE
            }
            """;

    @Test
    void matchingParametersAreFrozenAndTheOthersTrain() {
        Model m = Nnet.compile("freeze.nnet", MODEL.replace("FREEZE", "[\"encoder.*\", \"head.bias\"]")).model();
        Map<String, Boolean> trainable = new HashMap<>();
        for (ParamInfo p : m.info().params()) {
            trainable.put(p.name(), p.trainable());
        }
        assertThat(trainable).containsEntry("encoder.layers.0.weight", false).containsEntry("encoder.layers.1.bias", false)
                .containsEntry("head.bias", false).containsEntry("head.weight", true);
        m.initialize(1);
        Map<String, float[]> before = new HashMap<>();
        m.parameters().forEach((name, t) -> before.put(name, t.floats().clone()));
        Executor ex = m.executor(4);
        Random rnd = new Random(3);
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        ex.setInput("x", Tensor.of(x, 4, 6));
        ex.setInput("label", Tensor.of(new int[] {0, 1, 2, 1}, 4));
        for (int i = 0; i < 3; i++) {
            ex.step(1e-2);
        }
        m.parameters().forEach((name, t) -> assertThat(Arrays.equals(t.floats(), before.get(name)))
                .as("%s unchanged", name).isEqualTo(!trainable.get(name)));
    }

    @Test
    void aPatternThatMatchesNoParameterIsAnError() {
        assertThatThrownBy(() -> Nnet.compile("freeze.nnet", MODEL.replace("FREEZE", "[\"encoder.*\", \"haed.*\"]")))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("freeze.nnet:12:12: error: freeze: no parameter of 'M' matches \"haed.*\"");
    }

    @Test
    void freezeTakesStringsOnly() {
        assertThatThrownBy(() -> Nnet.compile("freeze.nnet", MODEL.replace("FREEZE", "[1, 2]")))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("freeze must be a parameter name pattern or a list of them");
    }
}
