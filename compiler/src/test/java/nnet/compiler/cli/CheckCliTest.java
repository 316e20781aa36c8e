package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnetc check}: exit code 0 for good sources, 1 with diagnostics on standard error for bad ones
 * (and for files that cannot be read), 2 for usage errors; never a stack trace.
 */
class CheckCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** Runs nnetc in this JVM with standard output and error captured. */
    static synchronized Run nnetc(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args);
            o.flush();
            e.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void noStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
        assertThat(r.out()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void goodSourcesAreOk() {
        for (String sample : new String[] {"samples/xor/xor.nnet", "samples/digits/digits.nnet",
            "samples/digits/regularized.nnet", "samples/fashion-mlp/mlp.nnet", "samples/fashion-cnn/cnn.nnet",
            "samples/fashion-resnet/resnet.nnet"}) {
            Path f = Repo.path(sample);
            Run r = nnetc("check", f.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(f + ": ok (");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void badSourcesPrintEveryDiagnosticAndExitWith1() throws IOException {
        Path f = write("bad.nnet", "model M {\n  input x: f32[batch, 4]\n  y = reluu(x)\n  output z = x @ x\n}\n");
        Run r = nnetc("check", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(f + ":3:7: error: unknown function 'reluu'; did you mean 'relu'?\n"
                + "    y = reluu(x)\n"
                + "        ^~~~~\n"
                + f + ":4:16: error: 'matmul' cannot multiply f32[batch, 4] by f32[batch, 4]: inner dims 4 and batch differ\n"
                + "    output z = x @ x\n"
                + "                 ^\n"
                + "2 errors\n");
        noStackTrace(r);
    }

    @Test
    void filesThatCannotBeReadAreOneClearError() throws IOException {
        Path missing = dir.resolve("missing.nnet");
        Run r = nnetc("check", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(missing + ": error: file does not exist\n1 error\n");
        r = nnetc("check", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(dir + ": error: file cannot be read: ");
        noStackTrace(r);
    }

    @Test
    void garbageFilesAreDiagnosed() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        Path f = dir.resolve("garbage.nnet");
        Files.write(f, bytes);
        Run r = nnetc("check", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":1:2: error: not valid UTF-8: byte 0x93 (at byte 1 of the file)");
        noStackTrace(r);
        Path empty = write("empty.nnet", "");
        r = nnetc("check", empty.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(empty + ":1:1: error: no model in this file");
        Path deep = write("deep.nnet", "model M {\n  input x: f32[4]\n  output y = " + "(".repeat(10_000) + "x"
                + ")".repeat(10_000) + "\n}\n");
        r = nnetc("check", deep.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(deep + ":3:212: error: nested too deeply");
        noStackTrace(r);
    }

    @Test
    void usageErrorsExitWith2() {
        String xor = Repo.path("samples/xor/xor.nnet").toString();
        String[][] usage = {
            {},
            {"check"},
            {"check", "--bogus", xor},
            {"frobnicate", xor},
            {"check", xor, "--model", "Nope"},
            {"check", xor, "--dump-ir=bogus"},
            {"compile", xor},
            {"run", xor},
        };
        for (String[] args : usage) {
            Run r = nnetc(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: ");
            noStackTrace(r);
        }
        assertThat(nnetc("check", xor, "--model", "Nope").err())
                .startsWith("error: " + xor + " has no model 'Nope'; it has [Xor]\n");
    }

    @Test
    void everyCommandFindsModulesInTheImportPath() throws IOException {
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.writeString(lib.resolve("blocks.nnet"), "import nn\nfn layer(x) {\n  return tanh(nn.linear(x, 2))\n}\n");
        Path f = write("uses.nnet", "import blocks\nmodel M {\n  input x: f32[batch, 2]\n  input y: i32[batch]\n"
                + "  logits = blocks.layer(x)\n  loss = cross_entropy(logits, y)\n}\ntrain M {\n  optimizer = sgd(lr = 0.1)\n}\n");
        Run missing = nnetc("check", f.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith(f + ":1:8: error: no module named 'blocks'");
        Run ok = nnetc("check", f.toString(), "--import-path", lib.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Run compiled = nnetc("compile", f.toString(), "--import-path=" + lib, "-o", dir.resolve("m.jar").toString());
        assertThat(compiled.code()).as(compiled.err()).isZero();
        Path data = write("d.csv", "0,0,0\n1,1,1\n");
        Run trained = nnetc("train", f.toString(), "--import-path", dir.resolve("none").toString(),
                "--import-path", lib.toString(), "--data", data.toString(), "--epochs", "1", "--quiet");
        assertThat(trained.code()).isEqualTo(1);
        assertThat(trained.err()).isEqualTo(dir.resolve("none") + ": error: import path entry is not a directory\n1 error\n");
        noStackTrace(trained);
    }

    @Test
    void dumpIrPrintsTheRequestedStage() {
        Run r = nnetc("check", Repo.path("samples/xor/xor.nnet").toString(), "--dump-ir=graph");
        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("=== Xor graph\ngraph Xor {\n");
    }
}
