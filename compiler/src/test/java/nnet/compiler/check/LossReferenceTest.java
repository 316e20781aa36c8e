package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss function against PyTorch 1.13, in f64 and f32: for each case of
 * {@code reference/losses.txt} (written with its arrays by {@code src/test/python/loss_reference.py}),
 * a model computes the loss of the case's inputs as {@code output y} and trains on {@code sum(y * r)};
 * the output and the gradients of the inputs PyTorch differentiates must match PyTorch's (see
 * {@link #assertClose} for the tolerances). Infinities and NaNs must be the same.
 */
class LossReferenceTest {
    static final double F64_RELATIVE = 1e-10;
    static final int F32_ULPS = 4;
    private static final Map<DType, Map<String, Tensor>> ARRAYS = new LinkedHashMap<>();

    record Case(String name, String expression, List<String> differentiated) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            for (Case c : manifest()) {
                out.add(Arguments.of(dtype, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(DType dtype, Case c) {
        Map<String, Tensor> arrays = arrays(dtype, c.name());
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith("in/")) {
                inputs.put(k.substring(3), v);
            }
        });
        inputs.put("r", arrays.get("r"));
        String source = source(c.expression(), inputs);
        Compilation compilation = Nnet.compile("reference.nnet", source, Runs.options(true));
        Model model = compilation.model("Reference");
        Executor ex = model.executor(Map.of());
        inputs.forEach(ex::setInput);
        ex.gradients();
        String where = c.name() + " (" + dtype.spelling() + "), " + source;
        assertClose(where + ": output", arrays, "out", ex.output("y"));
        for (String input : c.differentiated()) {
            assertClose(where + ": gradient of " + input, arrays, "grad/" + input, ex.inputGradient(input));
        }
    }

    private static String source(String expression, Map<String, Tensor> inputs) {
        StringBuilder sb = new StringBuilder("model Reference {\n");
        inputs.forEach((name, t) -> sb.append("  input ").append(name).append(": ").append(t.dtype().spelling())
                .append(Arrays.toString(t.shape())).append('\n'));
        sb.append("  output y = ").append(expression).append('\n');
        sb.append("  loss = sum(y * r)\n}\n");
        return sb.toString();
    }

    /**
     * In f64, actual must be PyTorch's within {@link #F64_RELATIVE} of the tensor's scale. In f32 it is
     * compared with the exact values for the same inputs: within {@link #F32_ULPS} ulps of the scale,
     * plus twice PyTorch's own f32 error at that element (where both lose digits to cancellation).
     */
    static void assertClose(String what, Map<String, Tensor> arrays, String key, Tensor actual) {
        Tensor torch = arrays.get(key);
        boolean f32 = torch.dtype() == DType.F32;
        Tensor expected = f32 ? arrays.get("exact/" + key) : torch;
        assertThat(actual.shape()).as(what + ": shape").containsExactly(expected.shape());
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            scale = Double.isFinite(e) ? Math.max(scale, Math.abs(e)) : scale;
        }
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            double allowed = f32 ? F32_ULPS * Math.ulp((float) scale) + 2 * Math.abs(torch.getDouble(i) - e)
                    : F64_RELATIVE * scale;
            if (Double.compare(e, a) != 0 && !(Math.abs(a - e) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e
                        + " (allowed error " + allowed + ")\n  nnet    " + ModelCase.values(actual)
                        + "\n  PyTorch " + ModelCase.values(torch));
            }
        }
    }

    private static List<Case> manifest() {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(resource("losses.txt"))) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                List<String> grads = parts[2].isEmpty() ? List.of() : List.of(parts[2].split(","));
                cases.add(new Case(parts[0], parts[1], grads));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The arrays of one case, keyed without the case's prefix. */
    private static Map<String, Tensor> arrays(DType dtype, String name) {
        Map<String, Tensor> all = ARRAYS.computeIfAbsent(dtype,
                d -> Npz.read(resource("losses_" + d.spelling() + ".npz")));
        Map<String, Tensor> mine = new LinkedHashMap<>();
        String prefix = name + "/";
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                mine.put(k.substring(prefix.length()), v);
            }
        });
        assertThat(mine).as("arrays of " + name).containsKeys("out", "r");
        return mine;
    }

    private static Path resource(String name) {
        try {
            return Path.of(LossReferenceTest.class.getResource("/reference/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
