package nnet.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.compiler.source.CompilationException;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ParamInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User modules: found beside the importing file and in the import path, never outside them; errors in
 * them are reported in their own files, with a note at the call that led there.
 */
class ModulesTest {
    private static final String MODEL = "model M {\n  input x: f32[batch, 4]\n";

    @TempDir
    Path dir;
    Path app;
    Path lib;

    @BeforeEach
    void layout() throws IOException {
        app = Files.createDirectory(dir.resolve("app"));
        lib = Files.createDirectory(dir.resolve("lib"));
    }

    private Path write(Path where, String name, String text) throws IOException {
        return Files.writeString(where.resolve(name), text);
    }

    private CompileOptions withLib() {
        return CompileOptions.defaults().withImportPath(List.of(lib));
    }

    /** Every diagnostic of a failing compilation, as "file:line:col: severity: message". */
    private static List<String> diagnostics(Runnable compile) {
        CompilationException e = catchThrowableOfType(CompilationException.class, compile::run);
        assertThat(e).as("compilation must fail").isNotNull();
        return e.diagnostics().stream().map(Object::toString).toList();
    }

    @Test
    void modulesBesideTheFileAndInTheImportPathAreFoundAndRun() throws IOException {
        write(app, "blocks.nnet", "import nn\nimport helpers\n\nfn residual(x, width: int) {\n"
                + "  return x + helpers.double(nn.linear(x, width))\n}\n");
        write(lib, "helpers.nnet", "fn double(x) {\n  return x * 2\n}\n");
        Path main = write(app, "main.nnet", "import blocks\nimport nn as n\n" + MODEL
                + "  h = blocks.residual(x, 4) as r1\n  output y = h + 0 * n.linear(h, 4) as out\n}\n");
        Model m = Nnet.compile(main, withLib()).model();
        assertThat(m.info().params()).extracting(ParamInfo::name)
                .containsExactly("r1.linear.weight", "r1.linear.bias", "out.weight", "out.bias");
        m.setParameter("r1.linear.weight", Tensor.of(new float[16], 4, 4));
        m.setParameter("r1.linear.bias", Tensor.of(new float[] {1, 2, 3, 4}, 4));
        Executor ex = m.executor(1);
        ex.setInput("x", Tensor.of(new float[] {1, 1, 1, 1}, 1, 4));
        ex.predict();
        float[] y = ex.output("y").floats();
        for (int i = 0; i < 4; i++) {
            assertThat(y[i]).isCloseTo(1 + 2 * (i + 1), within(1e-6f));
        }
    }

    @Test
    void aSourceGivenAsTextFindsModulesInTheImportPathOnly() throws IOException {
        write(lib, "helpers.nnet", "fn double(x) {\n  return x * 2\n}\n");
        String source = "import helpers\n" + MODEL + "  output y = helpers.double(x)\n}\n";
        assertThat(Nnet.compile("t.nnet", source, withLib()).modelNames()).containsExactly("M");
        assertThat(diagnostics(() -> Nnet.compile("t.nnet", source))).containsExactly(
                "t.nnet:1:8: error: no module named 'helpers': it is not in the standard library, and no import "
                        + "path is given to look for helpers.nnet in");
    }

    @Test
    void anUnknownModuleSaysWhereItWasLookedForAndSuggestsOne() throws IOException {
        write(lib, "helpers.nnet", "fn double(x) {\n  return x * 2\n}\n");
        Path main = write(app, "main.nnet", "import helper\nimport nnn\n" + MODEL + "  output y = helper.double(x)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib()))).containsExactly(
                main + ":1:8: error: no module named 'helper': it is not in the standard library, and there is no "
                        + "helper.nnet beside " + main + " or in the import path (" + lib + "); did you mean 'helpers'?",
                main + ":2:8: error: no module named 'nnn': it is not in the standard library, and there is no "
                        + "nnn.nnet beside " + main + " or in the import path (" + lib + "); did you mean 'nn'?");
    }

    @Test
    void errorsInAModuleAreReportedInItsFileWithANoteAtTheCall() throws IOException {
        Path blocks = write(lib, "blocks.nnet", "import nn\n\nfn bottleneck(x) {\n  return x + nn.linear(x, 3)\n}\n");
        Path main = write(app, "main.nnet", "import blocks\n" + MODEL
                + "  a = blocks.bottleneck(x)\n  b = blocks.bottleneck(x)\n  output y = x\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib()))).containsExactly(
                blocks + ":4:12: error: '+' cannot broadcast shapes f32[batch, 4] and f32[batch, 3]",
                main + ":4:7: note: in this call of 'blocks.bottleneck'");
    }

    @Test
    void syntaxAndDeclarationErrorsInAModuleAreReportedInItsFile() throws IOException {
        Path broken = write(lib, "broken.nnet", "fn f(x) {\n  return x +\n}\n");
        Path main = write(app, "main.nnet", "import broken\n" + MODEL + "  output y = broken.f(x)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib())))
                .containsExactly(broken + ":3:1: error: unexpected '}', expected an expression");
        Path relu = write(lib, "acts.nnet", "fn relu(x) {\n  return x\n}\n");
        Path other = write(app, "other.nnet", "import acts\n" + MODEL + "  output y = acts.relu(x)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(other, withLib())))
                .containsExactly(relu + ":1:4: error: 'relu' is a built-in function; choose another name");
    }

    @Test
    void aFileNamedLikeAStandardLibraryModuleIsReportedNotUsed() throws IOException {
        Path shadow = write(lib, "nn.nnet", "fn linear(x, n: int) {\n  return x\n}\n");
        Path main = write(app, "main.nnet", "import nn\n" + MODEL + "  output y = nn.linear(x, 2)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib()))).containsExactly(
                main + ":1:8: error: 'nn' is a standard-library module, and " + shadow
                        + " would shadow it; rename that file (standard-library modules take precedence)");
    }

    @Test
    void importCyclesAreReported() throws IOException {
        Path b = write(lib, "b.nnet", "import a\nfn fb(x) {\n  return x\n}\n");
        write(lib, "a.nnet", "import b\nfn fa(x) {\n  return x\n}\n");
        Path main = write(app, "main.nnet", "import a\n" + MODEL + "  output y = a.fa(x)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib())))
                .containsExactly(b + ":1:8: error: import cycle: a -> b -> a");
        Path self = write(app, "self.nnet", "import self\n" + MODEL + "  output y = x\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(self)))
                .containsExactly(self + ":1:8: error: import cycle: " + self + " -> " + self);
    }

    @Test
    void nothingOutsideTheImportDirectoriesIsRead() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        write(outside, "secret.nnet", "fn secret(x) {\n  return x\n}\n");
        Path link = Files.createSymbolicLink(lib.resolve("leak.nnet"), outside.resolve("secret.nnet"));
        Files.createDirectory(lib.resolve("folder.nnet"));
        Path missing = dir.resolve("missing");
        Path main = write(app, "main.nnet", "import leak\nimport folder\n" + MODEL + "  output y = leak.secret(x)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(main, withLib().withImportPath(List.of(lib, missing))))).containsExactly(
                missing + ": error: import path entry is not a directory",
                main + ":1:8: error: module 'leak': " + link + " leads outside " + lib + "; modules are only read "
                        + "from inside the importing file's directory and the import path",
                main + ":2:8: error: module 'folder': " + lib.resolve("folder.nnet") + " is not a file");
    }

    @Test
    void aliasesNameModulesInTheirFileOnly() throws IOException {
        Path main = write(app, "main.nnet", "import nn as n\nimport nn as n\nimport nn\n" + MODEL
                + "  a = nn.linear(x, 2)\n  output y = n.linear(x, 2)\n}\n");
        assertThat(Nnet.compile(main).modelNames()).containsExactly("M");
        Path bad = write(app, "bad.nnet", "import nn as n\nimport prelude as n\n" + MODEL
                + "  output y = nn.linear(x, 2)\n}\n");
        assertThat(diagnostics(() -> Nnet.compile(bad))).containsExactly(
                bad + ":2:8: error: 'n' already names an imported module in this file",
                bad + ":5:14: error: unknown module 'nn'; it is imported as 'n': write 'n.linear'");
    }
}
