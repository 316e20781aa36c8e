package nnet.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.testing.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The generated classes of many models pass ASM's bytecode analysis, keep every method under HotSpot's
 * 8000-byte JIT limit, and are accepted by the JVM's own verifier when loaded (a class defined by a
 * custom class loader is always verified) and run.
 */
class VerifierTest {
    /** HotSpot does not JIT-compile methods with more bytecode than this (-XX:-DontCompileHugeMethods). */
    static final int HUGE_METHOD = 8000;

    private static final String ALL_OPS = """
            model AllOps {
              input x: f32[batch, 6]
              input v: f32[6]
              input t: i32[batch]
              param w: [6] = normal(0, 0.1)
              frozen param f: [6] = constant(0.5)
              a = relu(x) + sigmoid(x) - tanh(x) * exp(-abs(x)) / (1 + sqrt(abs(x))) + log(1 + abs(x)) + erf(x)
              b = neg(a) + add(a, v) - sub(a, w) * mul(a, f) / div(a, 2) + pow(abs(a), 1.5) + a ** 2
              c = maximum(a, b) - minimum(a, w) + where(a > b, a, b) + where(a >= 0, 1, 0) + (a < b) + (a <= 0)
                  + (a == b) + (a != b) + gt(a, 0) + ge(a, b) + lt(a, 1) + le(a, 2) + eq(a, a) + ne(a, b)
              d = gelu(c) + silu(c) + leaky_relu(c, 0.2)
              s = sum(d) + mean(sum(d, 1)) + mean(d) + max(d)
              r = sum(d, 1, true) + mean(d, [0, 1], true) + max(d, 1, true) + max(d, -1, true)
              e = softmax(d) + log_softmax(d, dim = 0) + softmax(r, 1)
              m = e @ transpose(reshape(w, [1, 6]), 0, 1)
              g = flatten(permute(unsqueeze(m, 0), [1, 0, 2]), 1) + squeeze(unsqueeze(m, 2), 2)
              h = broadcast_to(g, [batch, 6]) * x + reshape(reshape(x, [batch, 2, 3]), [-1, 6])
              k = float(rank(h)) * int(2.7) + dim(h, 1)
              output p = softmax(h * k, dim = 1)
              loss = cross_entropy(h, t) + mse_loss(h, x) + 0.001 * mean(s) + 0.001 * sum(r)
              metric acc = accuracy(h, t)
            }
            train AllOps {
              optimizer = adam(lr = 1e-3, weight_decay = 0.01)
              batch = 4
            }
            """;

    private static final String BATCHED = """
            model Batched {
              input a: f64[batch, seq, 8]
              input v: f64[8]
              input m: f64[8, 5]
              input q: f64[2, batch, 3, 8]
              param w: [8, 8] = xavier_normal
              x = a @ w
              y = matmul(x, transpose(a, 1, 2))
              z = y @ a
              p = v @ m
              u = matmul(transpose(m, 0, 1), v)
              output o1 = z
              output o2 = v @ v + sum(p)
              output o3 = q @ m
              output o4 = transpose(a, 1, 2) @ a
              loss = mean(z * z) + mean(q @ w)
            }
            train Batched {
              optimizer = sgd(lr = 0.01, momentum = 0.9, nesterov = true, weight_decay = 0.1)
            }
            """;

    private static final String NO_TRAINING = """
            model Plain {
              input x: f64[n, 3]
              param w: [3, 3] = kaiming_uniform(0, true)
              output y = tanh(x @ w)
              output same = x
            }
            """;

    /** Every optimizer with all its options on, updating an f32 and an f64 model; and clipping both ways. */
    private static final List<String> OPTIMIZERS = List.of(
            "adam(amsgrad = true, weight_decay = 0.1)", "adamw(amsgrad = true)",
            "rmsprop(momentum = 0.9, centered = true, weight_decay = 0.1)",
            "adagrad(lr_decay = 0.1, weight_decay = 0.1, initial_accumulator_value = 0.1)",
            "nadam(weight_decay = 0.1)", "radam(weight_decay = 0.1)", "lion(weight_decay = 0.1)",
            "sgd(lr = 0.1, momentum = 0.9)\n  clip_grad_value = 0.5\n  clip_grad_norm = 1.0");

    private static String optimized(String optimizer, String dtype) {
        return "model Optimized {\n  input x: " + dtype + "[batch, 6]\n  param w: [6, 3] = normal(0, 0.1)\n"
                + "  param b: [3] = zeros\n  loss = mean(tanh(x @ w + b))\n}\n"
                + "train Optimized {\n  optimizer = " + optimizer + "\n}\n";
    }

    /** Thirty stacked linear layers, trained with Adam. */
    static String deepMlp(int layers, int width) {
        StringBuilder sb = new StringBuilder("import nn\nmodel Deep {\n  input x: f32[batch, " + width
                + "]\n  input t: i32[batch]\n  h0 = x\n");
        for (int i = 1; i <= layers; i++) {
            sb.append("  h").append(i).append(" = relu(nn.linear(h").append(i - 1).append(", ").append(width)
                    .append("))\n");
        }
        sb.append("  logits = nn.linear(h").append(layers).append(", 10)\n")
                .append("  output probs = softmax(logits)\n  loss = cross_entropy(logits, t)\n")
                .append("  metric accuracy = accuracy(logits, t)\n}\ntrain Deep {\n  optimizer = adam()\n}\n");
        return sb.toString();
    }

    private record Source(String name, String text) {
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        for (String p : List.of("samples/xor/xor.nnet", "samples/digits/digits.nnet", "samples/digits/regularized.nnet",
                "samples/fashion-mlp/mlp.nnet", "samples/fashion-cnn/cnn.nnet", "samples/fashion-resnet/resnet.nnet",
                "samples/fashion-gru/gru.nnet", "samples/char-lstm/char_lstm.nnet", "samples/seq2seq/seq2seq.nnet",
                "samples/tiny-gpt/tiny_gpt.nnet", "samples/sort-gpt/sort_gpt.nnet", "samples/lora/pretrain.nnet",
                "samples/lora/finetune.nnet", "samples/moe/moe.nnet",
                "samples/t5-copy/t5_copy.nnet", "samples/fashion-vit/vit.nnet")) {
            out.add(new Source(p, Files.readString(Repo.path(p))));
        }
        try (Stream<java.nio.file.Path> golden = Files.list(Repo.path("compiler/src/test/resources/golden"))) {
            for (java.nio.file.Path p : golden.filter(f -> f.toString().endsWith(".nnet")).sorted().toList()) {
                out.add(new Source(p.getFileName().toString(), Files.readString(p)));
            }
        }
        out.add(new Source("all ops f32", ALL_OPS));
        out.add(new Source("all ops f64", ALL_OPS.replace("f32", "f64")));
        out.add(new Source("batched matmul", BATCHED));
        out.add(new Source("batched matmul f32", BATCHED.replace("f64", "f32")));
        out.add(new Source("no training", NO_TRAINING));
        out.add(new Source("30 linear layers", deepMlp(30, 64)));
        for (String optimizer : OPTIMIZERS) {
            for (String dtype : List.of("f32", "f64")) {
                out.add(new Source(optimizer + " " + dtype, optimized(optimizer, dtype)));
            }
        }
        return out;
    }

    private static final Map<String, CompileOptions> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("fused", CompileOptions.defaults());
        OPTIONS.put("unfused", CompileOptions.defaults().withFusion(false));
        OPTIONS.put("input gradients", CompileOptions.defaults().withInputGradients(true));
    }

    @TestFactory
    Stream<DynamicTest> generatedClassesVerifyLoadAndRun() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Source s : sources()) {
            OPTIONS.forEach((label, options) -> tests.add(DynamicTest.dynamicTest(s.name() + " (" + label + ")",
                    () -> check(s, options))));
        }
        return tests.stream();
    }

    private static void check(Source s, CompileOptions options) {
        Compilation c = Nnet.compile(s.name(), s.text(), options);
        for (String name : c.modelNames()) {
            byte[] bytes = c.compiled(name).classBytes();
            assertVerifies(bytes);
            assertThat(codeSizes(bytes)).as("bytecode sizes of %s", name)
                    .allSatisfy((method, size) -> assertThat(size).as(method).isLessThanOrEqualTo(HUGE_METHOD));
            run(c.model(name));
        }
    }

    /** ASM's analyzer finds nothing to complain about. */
    static void assertVerifies(byte[] bytes) {
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), VerifierTest.class.getClassLoader(), false,
                new PrintWriter(report));
        assertThat(report.toString()).isEmpty();
    }

    /** Binds every run-time dim to 3, fills the inputs and runs every program the model has. */
    static void run(Model model) {
        ModelInfo info = model.info();
        Map<String, Integer> dims = new LinkedHashMap<>();
        info.dims().forEach(d -> dims.put(d, 3));
        Executor ex = model.executor(dims);
        Random r = new Random(1);
        for (IoInfo in : info.io(IoInfo.Kind.INPUT)) {
            int[] shape = ex.inputShape(in.name());
            Tensor t = Tensor.zeros(in.dtype(), shape);
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, in.dtype() == DType.I32 ? r.nextInt(2) : r.nextGaussian());
            }
            ex.setInput(in.name(), t);
        }
        if (info.program(ProgramInfo.PREDICT).isPresent()) {
            ex.predict();
        }
        if (info.program(ProgramInfo.EVALUATE).isPresent() && !info.io(IoInfo.Kind.LOSS).isEmpty()) {
            ex.evaluate();
        }
        if (info.program(ProgramInfo.TRAIN).isPresent()) {
            double before = ex.step(1e-3);
            ex.step(1e-3);
            assertThat(before).isFinite();
        }
    }

    /** The length of every method's bytecode, by name and descriptor, read from the class file. */
    static Map<String, Integer> codeSizes(byte[] bytes) {
        ClassReader cr = new ClassReader(bytes);
        char[] buf = new char[cr.getMaxStringLength()];
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int u = cr.header + 6;
        u += 2 + 2 * cr.readUnsignedShort(u);
        int fields = cr.readUnsignedShort(u);
        u += 2;
        for (int i = 0; i < fields; i++) {
            int attributes = cr.readUnsignedShort(u + 6);
            u += 8;
            for (int a = 0; a < attributes; a++) {
                u += 6 + cr.readInt(u + 2);
            }
        }
        int methods = cr.readUnsignedShort(u);
        u += 2;
        for (int i = 0; i < methods; i++) {
            String method = cr.readUTF8(u + 2, buf) + cr.readUTF8(u + 4, buf);
            int attributes = cr.readUnsignedShort(u + 6);
            u += 8;
            for (int a = 0; a < attributes; a++) {
                if (cr.readUTF8(u, buf).equals("Code")) {
                    sizes.put(method, cr.readInt(u + 10));
                }
                u += 6 + cr.readInt(u + 2);
            }
        }
        return sizes;
    }

    @Test
    void codeSizesAreReadCorrectly() {
        Compilation c = Nnet.compile("t.nnet", NO_TRAINING);
        Map<String, Integer> sizes = codeSizes(c.compiled("Plain").classBytes());
        assertThat(sizes).containsKeys("run(I)V", "update([D)V");
        assertThat(sizes.keySet()).anyMatch(m -> m.startsWith("<init>("));
        assertThat(sizes.values()).allMatch(n -> n > 0 && n < 65536);
        // A method that only returns is one byte of code.
        assertThat(sizes.get("update([D)V")).isPositive();
    }

    @Test
    void brokenBytecodeIsCaught() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "nnet/generated/Broken", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "()I", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.FCONST_0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        assertThatThrownBy(() -> assertVerifies(cw.toByteArray())).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected I, but found F");
    }

    @Test
    void aWideModelKeepsEveryMethodSmall() {
        // Many parameters make the optimizer update long; many layers make long programs.
        Compilation c = Nnet.compile("wide.nnet", deepMlp(120, 8));
        byte[] bytes = c.compiled("Deep").classBytes();
        assertVerifies(bytes);
        assertThat(codeSizes(bytes)).allSatisfy((m, size) -> assertThat(size).as(m).isLessThanOrEqualTo(HUGE_METHOD));
        run(c.model("Deep"));
    }
}
