package nnet.compiler.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.testing.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares nnet's elementwise ops, activations and reductions with PyTorch's values, committed in
 * {@code reference/elementwise.*} by {@code compiler/src/test/python/elementwise_reference.py}: for each
 * case and dtype, the output y and the gradients of sum(y·w) with respect to the inputs, compiled with
 * and without fusion.
 *
 * <p>Values are compared relative to the largest finite magnitude of their tensor: within 1e-10 of it in
 * f64, within {@link #F32_ULPS}·2^-23 of it in f32, about four units in its last place (PyTorch's f32
 * kernels and nnet's, which compute functions in double and round once, differ by up to two here).
 * NaN must be NaN, infinities equal, i32 results equal.
 */
class TorchReferenceTest {
    private static final Path DIR = Repo.path("compiler/src/test/resources/reference");
    private static final double F64_TOLERANCE = 1e-10;
    static final int F32_ULPS = 4;

    /** One line of the manifest. */
    record Case(String id, String expr, List<String> inputs, boolean grad, Double f64GradTolerance, String note) {
        static Case parse(String line) {
            String[] f = line.split("\t", -1);
            Double tolerance = f[4].isEmpty() ? null : Double.parseDouble(f[4]);
            return new Case(f[0], f[1], List.of(f[2].split(",")), f[3].equals("grad"), tolerance, f[5]);
        }
    }

    static List<Case> cases(String name) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(name + ".tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                out.add(Case.parse(line));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> elementwiseOpsAgreeWithPyTorch() throws IOException {
        List<Case> cases = cases("elementwise");
        Map<String, Tensor> arrays = Npz.read(DIR.resolve("elementwise.npz"));
        assertThat(cases).hasSizeGreaterThan(50);
        return cases.stream().flatMap(c -> Stream.of("f64", "f32").flatMap(dtype -> Stream.of(true, false).map(fuse ->
                DynamicTest.dynamicTest(c.id() + " " + dtype + (fuse ? "" : " unfused"),
                        () -> check(c, dtype, fuse, arrays)))));
    }

    private static void check(Case c, String dtype, boolean fuse, Map<String, Tensor> arrays) {
        String prefix = c.id() + "/" + dtype + "/";
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (String name : c.inputs()) {
            inputs.put(name, array(arrays, prefix + name));
        }
        if (c.grad()) {
            inputs.put("w", array(arrays, prefix + "w"));
        }
        Executor ex = executor(c, inputs, fuse);
        if (c.grad()) {
            ex.gradients();
        } else {
            ex.predict();
        }
        String what = c.expr() + " in " + dtype + (c.note().isEmpty() ? "" : " (" + c.note() + ")");
        compare(what, ex.output("y"), array(arrays, prefix + "y"), tolerance(dtype, null));
        if (c.grad()) {
            for (String name : c.inputs()) {
                Tensor expected = arrays.get(prefix + "grad_" + name);
                if (expected != null) {
                    compare("the gradient of " + what + " for " + name, ex.inputGradient(name), expected,
                            tolerance(dtype, c.f64GradTolerance()));
                }
            }
        }
    }

    private static Tensor array(Map<String, Tensor> arrays, String key) {
        Tensor t = arrays.get(key);
        assertThat(t).as("array %s", key).isNotNull();
        return t;
    }

    private static double tolerance(String dtype, Double f64Override) {
        if (dtype.equals("f32")) {
            return F32_ULPS * Math.ulp(1.0f);
        }
        return f64Override == null ? F64_TOLERANCE : f64Override;
    }

    private static Executor executor(Case c, Map<String, Tensor> inputs, boolean fuse) {
        StringBuilder src = new StringBuilder("model Reference {\n");
        inputs.forEach((name, t) -> src.append("  input ").append(name).append(": ").append(t.dtype().spelling())
                .append(Tensor.shapeString(t.shape())).append('\n'));
        src.append("  output y = ").append(c.expr()).append('\n');
        if (c.grad()) {
            src.append("  loss = sum(y * w)\n");
        }
        src.append("}\n");
        CompileOptions options = CompileOptions.defaults().withInputGradients(true).withFusion(fuse);
        Executor ex = Nnet.compile("reference.nnet", src.toString(), options).model().executor(Map.of());
        inputs.forEach(ex::setInput);
        return ex;
    }

    /** Element by element, relative to the largest finite magnitude of the expected tensor. */
    static void compare(String what, Tensor actual, Tensor expected, double tolerance) {
        assertThat(actual.shape()).as("shape of %s", what).containsExactly(expected.shape());
        assertThat(actual.dtype()).as("dtype of %s", what).isEqualTo(expected.dtype());
        if (expected.dtype() == DType.I32) {
            assertThat(actual.ints()).as(what).containsExactly(expected.ints());
            return;
        }
        double scale = Double.MIN_NORMAL;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.getDouble(i);
            double e = expected.getDouble(i);
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? a == e : Math.abs(a - e) <= tolerance * scale;
            if (!ok) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: element %d is %s, PyTorch's %s (error %.3g of "
                        + "the scale %.6g, tolerance %.3g)%n  nnet    %s%n  PyTorch %s", what, i, a, e,
                        Math.abs(a - e) / scale, scale, tolerance, values(actual), values(expected)));
            }
        }
    }

    private static String values(Tensor t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(t.getDouble(i));
        }
        return sb.toString();
    }
}
