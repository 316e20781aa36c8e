package nnet.compiler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Severity;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** The embedding API as the README shows it: compile in memory, bind a batch size, train, read back. */
class EmbeddingApiTest {
    private static final Path XOR = Path.of("../samples/xor/xor.nnet");

    @Test
    void theReadmeExampleTrainsXorInMemory() throws Exception {
        Compilation c = Nnet.compile("xor.nnet", Files.readString(XOR));
        Model model = c.model("Xor");
        Executor ex = model.executor(4);
        ex.setInput("x", Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2));
        ex.setInput("y", Tensor.of(new int[] {0, 1, 1, 0}, 4));
        double first = ex.step(0.5);
        for (int i = 0; i < 300; i++) {
            ex.step(0.5);
        }
        ex.predict();
        Tensor probs = ex.output("probs");
        assertThat(probs.shape()).containsExactly(4, 2);
        float[] p = probs.floats();
        assertThat(p[1]).isLessThan(0.1f);
        assertThat(p[3]).isGreaterThan(0.9f);
        assertThat(p[5]).isGreaterThan(0.9f);
        assertThat(p[7]).isLessThan(0.1f);
        ex.gradients();
        assertThat(ex.loss()).isLessThan(first / 10);
        assertThat(model.gradient("h.weight").shape()).containsExactly(8, 2);
        assertThat(ex.input("y").ints()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void parametersRoundTripAndExecutorsShareThem() throws Exception {
        Model model = Nnet.compile(XOR).model("Xor");
        Tensor w = Tensor.of(new float[16], 8, 2);
        w.floats()[3] = 2.5f;
        model.setParameter("h.weight", w);
        assertThat(model.parameter("h.weight").floats()).containsExactly(w.floats());
        Executor one = model.executor(1);
        Executor four = model.executor(Map.of("batch", 4));
        one.setInput("x", Tensor.of(new float[] {1, 0}, 1, 2));
        four.setInput("x", Tensor.of(new float[] {1, 0, 1, 0, 1, 0, 1, 0}, 4, 2));
        one.predict();
        four.predict();
        assertThat(four.output("probs").floats()[0]).isEqualTo(one.output("probs").floats()[0]);
        assertThatThrownBy(() -> model.setParameter("h.weight", Tensor.of(new float[2], 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[8, 2]");
        assertThatThrownBy(() -> one.setInput("x", Tensor.of(new float[4], 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 2]");
    }

    @Test
    void errorsArriveAsDiagnosticObjects() {
        String source = "model M {\n  input x: f32[batch, 3]\n  output y = x @ x\n  output z = nope(x)\n}\n";
        assertThatThrownBy(() -> Nnet.compile("m.nnet", source))
                .isInstanceOfSatisfying(CompilationException.class, e -> {
                    assertThat(e.diagnostics()).hasSize(2);
                    Diagnostic first = e.diagnostics().get(0);
                    assertThat(first.severity()).isEqualTo(Severity.ERROR);
                    assertThat(first.span().line()).isEqualTo(3);
                    assertThat(e.diagnostics().get(1).span().line()).isEqualTo(4);
                    assertThat(e.render()).contains("m.nnet:3:").contains("2 errors");
                });
    }
}
