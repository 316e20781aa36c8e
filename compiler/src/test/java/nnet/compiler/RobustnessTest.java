package nnet.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.runtime.Executor;
import nnet.runtime.Tensor;
import nnet.grammar.NnetLexer;
import nnet.testing.Properties;
import nnet.testing.Repo;
import org.antlr.v4.runtime.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes the compiler fail with anything but a {@link CompilationException}: garbage, extreme
 * sizes, deep nesting, random token sequences and random edits of real sources. Whatever compiles is
 * also compiled to bytecode and loaded, which runs the JVM's verifier on it.
 */
class RobustnessTest {
    private static final String PRELUDE = "model M {\n  input x: f32[batch, 4]\n  output y = ";

    /** A source shown shortened and escaped in failure messages. */
    record Source(String text) {
        @Override
        public String toString() {
            String t = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
            StringBuilder sb = new StringBuilder("\"");
            for (char c : t.toCharArray()) {
                sb.append(c == '\n' ? "\\n" : c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return sb.append('"').toString();
        }
    }

    /** Compiles a source through every stage; only a CompilationException with located diagnostics may come out. */
    static void compilesOrReports(String source) {
        try {
            Compilation c = Nnet.compile("t.nnet", source);
            for (String name : c.modelNames()) {
                c.model(name);
            }
        } catch (CompilationException e) {
            assertThat(e.diagnostics()).isNotEmpty();
            assertThat(e.errorCount()).isPositive();
            for (Diagnostic d : e.diagnostics()) {
                assertThat(d.span().line()).isBetween(0, Math.max(1, d.span().file().lineCount()));
                assertThat(d.render()).doesNotContain("\r").doesNotContain("\0").doesNotContain("Exception");
            }
            assertThat(e.render()).isNotBlank();
        }
    }

    private static void fails(String source, String firstLine) {
        try {
            Nnet.compile("t.nnet", source);
            throw new AssertionError("compiled: " + new Source(source));
        } catch (CompilationException e) {
            assertThat(e.diagnostics().get(0).toString()).isEqualTo(firstLine);
        }
    }

    @Test
    void emptyAndBlankFilesHaveNoModel() {
        String noModel = "error: no model in this file; declare one with 'model Name { ... }'";
        fails("", "t.nnet:1:1: " + noModel);
        fails(" \n\t\n  \r\n", "t.nnet:1:1: " + noModel);
        fails("// only a comment", "t.nnet:1:1: " + noModel);
    }

    @Test
    void binaryGarbageIsAnUnexpectedCharacter() {
        fails("\0\0\0model\0", "t.nnet:1:1: error: unexpected character U+0000");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1};
        fails(new String(jpeg, StandardCharsets.ISO_8859_1), "t.nnet:1:1: error: unexpected character U+00FF");
        fails(new String(jpeg, StandardCharsets.UTF_8), "t.nnet:1:1: error: unexpected character U+FFFD");
        Random r = new Random(5);
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[1 + r.nextInt(2000)];
            r.nextBytes(b);
            compilesOrReports(new String(b, StandardCharsets.ISO_8859_1));
            compilesOrReports(new String(b, StandardCharsets.UTF_8));
        }
    }

    @Test
    void invalidUtf8FromAFileIsReportedWhereItIs(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.nnet");
        byte[] head = "model M {\n  input x: f32[batch, 4]\n  output y = x ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = '\n';
        Files.write(f, bytes);
        try {
            Nnet.compile(f);
            throw new AssertionError("compiled");
        } catch (CompilationException e) {
            assertThat(e.diagnostics().get(0).render()).isEqualTo(f + ":3:16: error: not valid UTF-8: byte 0xC3 (at byte "
                    + "50 of the file); save the file as UTF-8\n    output y = x \ufffd(\n                 ^");
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheSource(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bom.nnet");
        Files.write(f, ("\ufeff" + PRELUDE + "x\n}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Nnet.compile(f).modelNames()).containsExactly("M");
        byte[] bad = ("\ufeff" + PRELUDE + "x \u00ff\n}\n").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 4] = (byte) 0xFF;
        bad[bad.length - 5] = (byte) ' ';
        Files.write(f, bad);
        assertThatThrownBy(() -> Nnet.compile(f)).isInstanceOf(CompilationException.class)
                .hasMessageStartingWith(f + ":3:17: error: not valid UTF-8: byte 0xFF (at byte 54 of the file)");
    }

    @Test
    void longOrBinaryLinesAreQuotedAroundTheColumn() {
        String line = "  output y = x" + " ".repeat(500) + "+ nope" + " ".repeat(500);
        try {
            Nnet.compile("t.nnet", "model M {\n  input x: f32[batch, 4]\n" + line + "\n}\n");
            throw new AssertionError("compiled");
        } catch (CompilationException e) {
            String[] rendered = e.diagnostics().get(0).render().split("\n");
            assertThat(rendered[0]).isEqualTo("t.nnet:3:517: error: unknown name 'nope'");
            assertThat(rendered[1]).isEqualTo("  …" + " ".repeat(98) + "+ nope" + " ".repeat(96) + "…");
            assertThat(rendered[2]).isEqualTo("   " + " ".repeat(100) + "^~~~");
        }
        byte[] garbage = new byte[5000];
        new Random(3).nextBytes(garbage);
        try {
            Nnet.compile("t.nnet", PRELUDE + new String(garbage, StandardCharsets.ISO_8859_1) + "\n}\n");
            throw new AssertionError("compiled");
        } catch (CompilationException e) {
            for (Diagnostic d : e.diagnostics()) {
                assertThat(d.render().lines().skip(1)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(204));
            }
        }
    }

    @Test
    void extremelyLongLinesAndNames() {
        compilesOrReports(PRELUDE + "x" + " ".repeat(1_000_000) + "\n}\n");
        fails(PRELUDE + "x".repeat(200_000) + "\n}\n", "t.nnet:3:14: error: unknown name '" + "x".repeat(200_000) + "'");
        compilesOrReports(PRELUDE + "x" + " + x".repeat(150) + "\n}\n");
        compilesOrReports("model M {\n  input x: f32[batch, 4]\n" + "  y = x * 2\n".repeat(20_000) + "  output z = y\n}\n");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String tooDeep = "error: nested too deeply: more than 200 levels of brackets and operators; "
                + "name some parts with intermediate statements";
        fails(PRELUDE + "(".repeat(10_000) + "x" + ")".repeat(10_000) + "\n}\n", "t.nnet:3:212: " + tooDeep);
        fails(PRELUDE + "-".repeat(10_000) + "x\n}\n", "t.nnet:3:212: " + tooDeep);
        fails(PRELUDE + "x" + " ** 1".repeat(10_000) + "\n}\n", "t.nnet:3:1006: " + tooDeep);
        fails(PRELUDE + "x" + " + x".repeat(10_000) + "\n}\n", "t.nnet:3:20016: error: nested too deeply: more than "
                + "5000 operators in one expression; name some parts with intermediate statements");
        fails(PRELUDE + "relu(".repeat(10_000) + "x" + ")".repeat(10_000) + "\n}\n", "t.nnet:3:1008: " + tooDeep);
        fails(PRELUDE + "sum(x, " + "[".repeat(10_000) + "1" + "]".repeat(10_000) + ")\n}\n", "t.nnet:3:218: " + tooDeep);
        fails("model M {\n  input x: f32[batch, 4]\n" + "if true {\n".repeat(10_000) + "}\n".repeat(10_001),
                "t.nnet:201:9: " + tooDeep);
        // A long flat chain is not deep nesting: it compiles, and runs.
        Compilation sum = Nnet.compile("t.nnet", PRELUDE + "x" + " + x * 2 - 1".repeat(1_600) + "\n}\n");
        Executor ex = sum.model().executor(1);
        ex.setInput("x", Tensor.of(new float[] {1, 2, 3, 4}, 1, 4));
        ex.predict();
        assertThat(ex.output("y").data()).isEqualTo(new float[] {1601, 4802, 8003, 11204});
        // Just below the limit everything still compiles.
        compilesOrReports(PRELUDE + "(".repeat(150) + "x" + ")".repeat(150) + "\n}\n");
        compilesOrReports(PRELUDE + "relu(".repeat(150) + "x" + ")".repeat(150) + "\n}\n");
    }

    /** Cases SourceFuzzTest found, each of which once ended in an exception. */
    @Test
    void sourcesTheFuzzerFound() {
        fails("import nn\n" + PRELUDE + "relu(nn.linear(x, 3) as ), 2)\n}\n", "t.nnet:4:38: error: unexpected ')', expected a name");
    }

    @Test
    void deepChainsOfFunctionCallsAreReported() {
        StringBuilder src = new StringBuilder("fn f0(x) {\n  return x + 1\n}\n");
        for (int i = 1; i <= 100; i++) {
            src.append("fn f").append(i).append("(x) {\n  return f").append(i - 1).append("(x) * 2\n}\n");
        }
        src.append(PRELUDE).append("f100(x)\n}\n");
        fails(src.toString(), "t.nnet:113:10: error: function calls nested more than 64 deep, here calling 'f36'");
    }

    @Test
    void hugeNumbers() {
        fails(PRELUDE + "x * 123456789012345678901234567890\n}\n", "t.nnet:3:18: error: integer 123456789012345678901234567890 "
                + "is too large; ints go up to 9223372036854775807 (write a float such as 1e30 for a large number)");
        fails(PRELUDE + "x * 1" + "0".repeat(100_000) + "\n}\n", "t.nnet:3:18: error: integer 10000000000000000000..."
                + "0000000000 is too large; ints go up to 9223372036854775807 (write a float such as 1e30 for a large number)");
        compilesOrReports(PRELUDE + "x * 9223372036854775807\n}\n");
        compilesOrReports(PRELUDE + "x * 1e308 * 1e308\n}\n");
        fails(PRELUDE + "reshape(x, [9223372036854775807, -1])\n}\n", "t.nnet:3:25: error: cannot infer the -1 in "
                + "this shape: batch*4 elements do not divide by 9223372036854775807");
        fails(PRELUDE + "broadcast_to(x, [2147483647, 2147483647, batch, 4])\n}\n", "t.nnet:3:14: error: the result "
                + "f32[2147483647, 2147483647, batch, 4] would have more than 2147483647 elements per unit of its "
                + "run-time dims, more than a tensor can hold");
        fails("model M {\n  input x: f32[batch, 4]\n  n = 2 ** 62 * 4\n  output y = x\n}\n",
                "t.nnet:3:15: error: integer overflow in 4611686018427387904 * 4");
        fails("model M {\n  input x: f32[batch, 4]\n  param w: [65536, 65536] = zeros\n  output y = x\n}\n",
                "t.nnet:3:12: error: parameter 'w' would have 4294967296 elements (17.18 GB of f32); a tensor holds "
                        + "at most 2147483647 elements");
        fails("model M {\n  input x: f32[batch, 4]\n  param w: [40000, 40000] = zeros\n  param v: [40000, 40000] = zeros\n"
                + "  output y = x\n}\n", "t.nnet:4:12: error: the f32 parameters of the model would hold 3200000000 "
                + "elements (12.80 GB); at most 2147483647 fit");
    }

    // ---- properties

    private static final List<String> TOKENS = tokens();

    /** Every token of the grammar, with a few spellings for names and numbers. */
    private static List<String> tokens() {
        List<String> out = new ArrayList<>();
        Vocabulary v = NnetLexer.VOCABULARY;
        for (int t = 1; t <= v.getMaxTokenType(); t++) {
            String literal = v.getLiteralName(t);
            if (literal != null) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        out.addAll(List.of("x", "y", "M", "batch", "nn", "linear", "relu", "softmax", "matmul", "reshape",
                "cross_entropy", "f32", "f64", "i32", "zeros", "adam", "sgd", "0", "1", "2", "-1", "64", "0.5", "1e-3",
                "\n", "\n", "\n", "// c\n", "/* c */", "/*", "\"", "$", "\0"));
        return List.copyOf(out);
    }

    @Test
    void randomTokenSoupNeverThrows() {
        Properties.forAll("token soup", 300, r -> {
            StringBuilder sb = new StringBuilder();
            if (r.nextBoolean()) {
                sb.append("model M {\n  input x: f32[batch, 4]\n");
            }
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(TOKENS.get(r.nextInt(TOKENS.size()))).append(r.nextInt(4) == 0 ? "" : " ");
            }
            if (r.nextBoolean()) {
                sb.append("\n}\n");
            }
            return new Source(sb.toString());
        }, s -> compilesOrReports(s.text()));
    }

    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        try {
            List<String> out = new ArrayList<>();
            for (String p : List.of("samples/xor/xor.nnet", "samples/digits/digits.nnet",
                    "stdlib/src/main/resources/nnet/stdlib/nn.nnet", "stdlib/src/main/resources/nnet/stdlib/prelude.nnet")) {
                out.add(Files.readString(Repo.path(p)));
            }
            out.add("""
                    fn block(x, width: int, scale: float = 0.5) {
                      h = gelu(x) * scale
                      param g: [width] = ones
                      return h * g + leaky_relu(x, 0.2)
                    }
                    model Mixed {
                      input x: f64[batch, 3, 4]
                      input t: i32[batch]
                      a = permute(x, [0, 2, 1])
                      b = reshape(a, [batch, -1])
                      h = block(b, 12) as blk
                      if dim(h, 1) == 12 {
                        h = h - mean(h, 1, true)
                      } else {
                        h = h
                      }
                      param w: [12, 5] = xavier_uniform
                      logits = matmul(h, w) + unsqueeze(squeeze(unsqueeze(sum(x, [1, 2]), 1), 1), 1) * 0
                      output p = log_softmax(logits, dim = -1)
                      loss = cross_entropy(logits, t) + 0.01 * sum(abs(h)) + mse_loss(maximum(logits, 0), exp(logits))
                      metric acc = accuracy(logits, t)
                    }
                    train Mixed { optimizer = sgd(lr = 0.1, momentum = 0.9, nesterov = true)  batch = 2 }
                    """);
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void randomEditsOfRealSourcesNeverThrow() {
        Properties.forAll("mutated sources", 300, r -> new Source(mutate(SEEDS.get(r.nextInt(SEEDS.size())), r)),
                s -> compilesOrReports(s.text()));
    }

    /** One to four random edits: delete, duplicate or swap characters or lines, or insert a token. */
    static String mutate(String source, Random r) {
        StringBuilder sb = new StringBuilder(source);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 1; e++) {
            int at = r.nextInt(sb.length());
            int len = 1 + r.nextInt(Math.min(8, sb.length() - at));
            switch (r.nextInt(6)) {
                case 0 -> sb.delete(at, at + len);
                case 1 -> sb.insert(at, sb.substring(at, at + len));
                case 2 -> {
                    int other = r.nextInt(sb.length());
                    char a = sb.charAt(at);
                    sb.setCharAt(at, sb.charAt(other));
                    sb.setCharAt(other, a);
                }
                case 3 -> sb.insert(at, " " + TOKENS.get(r.nextInt(TOKENS.size())) + " ");
                case 4 -> {
                    int lineStart = sb.lastIndexOf("\n", at) + 1;
                    int lineEnd = sb.indexOf("\n", lineStart);
                    sb.delete(lineStart, lineEnd < 0 ? sb.length() : lineEnd);
                }
                default -> sb.setCharAt(at, (char) r.nextInt(128));
            }
        }
        return sb.toString();
    }

    @Test
    void theMixedSeedCompiles() {
        // The hand-written seed exercises much of the language; its mutations only mean something if it is valid.
        Compilation c = Nnet.compile("mixed.nnet", SEEDS.get(SEEDS.size() - 1));
        assertThat(c.model("Mixed").info().params()).isNotEmpty();
    }
}
