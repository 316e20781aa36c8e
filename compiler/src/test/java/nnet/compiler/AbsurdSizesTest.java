package nnet.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.runtime.Model;
import nnet.runtime.memory.MemoryNeeds;
import org.junit.jupiter.api.Test;

/**
 * Sizes no machine can hold are errors at their declaration that say how large they are, and a model
 * larger than this JVM's heap says so, with its size and how to give Java more, before it allocates.
 */
class AbsurdSizesTest {
    private static final String HEAD = "model M {\n  input x: f32[batch, 4]\n";

    private static List<String> errors(String source) {
        try {
            Nnet.compile("t.nnet", source);
            throw new AssertionError("compiled");
        } catch (CompilationException e) {
            return e.diagnostics().stream().map(Diagnostic::toString).toList();
        }
    }

    @Test
    void tensorsBeyondAnArrayAreErrorsNamingTheirBytes() {
        assertThat(errors(HEAD + "  param w: [100000, 100000] = zeros\n  output y = x\n}\n")).containsExactly(
                "t.nnet:3:12: error: parameter 'w' would have 10000000000 elements (40.00 GB of f32); a tensor holds "
                        + "at most 2147483647 elements");
        assertThat(errors(HEAD + "  buffer b: f64[70000, 70000] = zeros\n  output y = x\n}\n")).containsExactly(
                "t.nnet:3:13: error: buffer 'b' would have 4900000000 elements (39.20 GB of f64); a tensor holds "
                        + "at most 2147483647 elements");
        assertThat(errors("model M {\n  input x: i32[batch, 100000, 100000]\n  output y = x\n}\n")).containsExactly(
                "t.nnet:2:12: error: input 'x' would have 10000000000 elements (40.00 GB of i32) per unit of its "
                        + "run-time dims; a tensor holds at most 2147483647 elements");
        assertThat(errors(HEAD + "  param w: [2147483647, 2147483647, 2147483647] = zeros\n  output y = x\n}\n"))
                .containsExactly("t.nnet:3:12: error: parameter 'w' would have more than 2^63 elements; a tensor "
                        + "holds at most 2147483647 elements");
        assertThat(errors(HEAD + "  param w: [40000, 40000] = zeros\n  param v: [40000, 40000] = zeros\n"
                + "  output y = x\n}\n")).containsExactly("t.nnet:4:12: error: the f32 parameters of the model would "
                        + "hold 3200000000 elements (12.80 GB); at most 2147483647 fit");
    }

    /** 2e9 f32 parameters: 8 GB, and as much again for their gradients. */
    private static final String LARGE = HEAD + "  param w: [50000, 40000] = zeros\n  output y = x + sum(w)\n"
            + "  loss = sum(y)\n}\ntrain M {\n  optimizer = sgd(lr = 0.1)\n  batch = 8\n}\n";

    @Test
    void aModelLargerThanTheHeapIsAWarningAtCompileTimeAndAnErrorBeforeItAllocates() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 15_000_000_000L, "the test JVM's heap would hold the model");
        Compilation c = Nnet.compile("t.nnet", LARGE);
        assertThat(c.compiled("M").warnings()).singleElement().asString()
                .startsWith("model M with batch=8 needs 16.00 GB of memory, more than the Java heap may grow to (")
                .contains("give Java more with -Xmx21g (java -Xmx21g -jar MODEL.jar ..., or NNETC_JAVA_OPTS=-Xmx21g");
        assertThatThrownBy(() -> c.model("M")).isInstanceOf(MemoryNeeds.TooLarge.class)
                .hasMessageStartingWith("model M needs 16.00 GB of memory, more than the Java heap may grow to (");
    }

    @Test
    void anExecutorLargerThanTheHeapIsAnErrorBeforeItAllocates() {
        Model m = Nnet.compile("t.nnet", "model M {\n  input x: f32[batch, 100000]\n  output y = exp(x) * 2\n}\n").model();
        long max = Runtime.getRuntime().maxMemory();
        assumeTrue(max < 15_000_000_000L, "the test JVM's heap would hold the executor");
        // x and y take 800 kB an example.
        int batch = (int) (max / 800_000 + 100);
        assertThatThrownBy(() -> m.executor(batch)).isInstanceOf(MemoryNeeds.TooLarge.class)
                .hasMessageStartingWith("model M with batch=" + batch + " needs ");
        assertThatThrownBy(() -> m.executor(30_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input 'x' of model M with batch=30000 would have 3000000000 elements, more than a Java "
                        + "array holds; use a smaller batch");
    }

    @Test
    void trainingSettingsOutOfRangeAreErrorsAtTheirLines() {
        assertThat(errors(HEAD + "  loss = sum(x)\n}\ntrain M {\n  optimizer = adam(lr = -0.5)\n  batch = 0\n"
                + "  epochs = -1\n  validation = 1\n}\n")).containsExactly(
                        "t.nnet:6:25: error: adam: lr must be a finite number ≥ 0, got -0.5",
                        "t.nnet:7:11: error: batch must be a positive int, got the int 0",
                        "t.nnet:8:12: error: epochs must be a positive int, got the int -1",
                        "t.nnet:9:16: error: validation must be a fraction in [0, 1), got the int 1");
        assertThat(errors(HEAD + "  loss = sum(x)\n}\ntrain M {\n  validation = -0.1\n  optimizer = sgd(lr = 1)\n}\n"))
                .containsExactly("t.nnet:6:16: error: validation must be a fraction in [0, 1), got the float -0.1");
    }
}
