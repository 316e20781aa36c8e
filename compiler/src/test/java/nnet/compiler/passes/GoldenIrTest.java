package nnet.compiler.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.compiler.frontend.Frontend;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.elementwise.Fused;
import nnet.compiler.source.SourceFile;
import nnet.testing.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The IR of the samples and of small purpose-written sources at every stage (as written, with the
 * backward graph, after each pass of each program, final, and the memory plan), compared with golden
 * files in {@code src/test/resources/golden}. A pass that changes nothing is listed as unchanged, so each
 * golden shows what every pass did.
 *
 * <p>After an intended change of the compiler, regenerate the goldens with
 * {@code mvn -pl compiler -am test -Dtest=GoldenIrTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnnet.golden.update=true} and read the diff.
 */
class GoldenIrTest {
    private static final Path GOLDEN = Repo.path("compiler/src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("nnet.golden.update");

    private static final List<String> SOURCES = List.of(
            "samples/xor/xor.nnet",
            "samples/digits/digits.nnet",
            "compiler/src/test/resources/golden/cse.nnet",
            "compiler/src/test/resources/golden/folding.nnet",
            "compiler/src/test/resources/golden/algebra.nnet",
            "compiler/src/test/resources/golden/transpose.nnet",
            "compiler/src/test/resources/golden/fusion.nnet",
            "compiler/src/test/resources/golden/epilogue.nnet",
            "compiler/src/test/resources/golden/modes.nnet",
            "compiler/src/test/resources/golden/conv.nnet",
            "compiler/src/test/resources/golden/scan.nnet");

    @TestFactory
    Stream<DynamicTest> irMatchesTheGoldenFiles() {
        return SOURCES.stream().map(s -> DynamicTest.dynamicTest(s, () -> check(s)));
    }

    private static void check(String source) throws IOException {
        String name = Path.of(source).getFileName().toString().replace(".nnet", "");
        Path golden = GOLDEN.resolve(name + ".ir.txt");
        String actual = dump(source);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file %s is missing; create it with -Dnnet.golden.update=true", golden).exists();
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        assertThat(actual).as("IR of %s differs from %s (if the change is intended, regenerate with "
                + "-Dnnet.golden.update=true and review the diff)", source, golden).isEqualTo(expected);
    }

    @Test
    void aProducerReadTwiceIsComputedOnceInTheFusedLoop() {
        Graph g = Frontend.compile(new SourceFile("t.nnet", "model M {\n  input x: f32[batch, 4]\n"
                + "  output y = (x * 2 + 1) * (x * 2 + 1)\n}\n")).models().get("M").train();
        Graph optimised = Pipeline.standard().run(g);
        List<Node> fused = optimised.nodesOf(Fused.class);
        assertThat(fused).hasSize(1);
        Scalar body = ((Fused) fused.get(0).op()).body();
        // x*2, +1 and the product: three operations when the shared operand is one tree, five if copied.
        assertThat(body.postOrder().stream().filter(Scalar.Binary.class::isInstance)).hasSize(3);
    }

    /** Every stage of every model of the source, a pass's output only where it changed the graph. */
    static String dump(String source) {
        StringBuilder sb = new StringBuilder();
        String[] previous = {null};
        CompileOptions options = CompileOptions.defaults().withDump("all", (title, text) -> {
            boolean before = title.contains(" before ");
            if (before && text.equals(previous[0])) {
                return;
            }
            if (!before && title.contains(" after ") && text.equals(previous[0])) {
                sb.append("=== ").append(title).append(": unchanged\n");
                return;
            }
            sb.append("=== ").append(title).append('\n').append(text);
            previous[0] = text;
        });
        Compilation c = Nnet.compile(Repo.path(source), options);
        for (String model : c.modelNames()) {
            c.compiled(model);
        }
        return sb.toString();
    }
}
