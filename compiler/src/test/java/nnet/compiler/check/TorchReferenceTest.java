package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.testing.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The indexing and layout ops against PyTorch: each model under {@code reference/indexing} (written by
 * {@code compiler/src/test/python/indexing_reference.py}) is compiled, fused and unfused, in f64 and in
 * f32, run on the inputs PyTorch was given, and its outputs and input gradients are compared with
 * PyTorch's: f64 to 1e-10 relative, f32 to a few units in the last place (both relative to at least 1,
 * for values near zero that come from sums), integers exactly.
 */
class TorchReferenceTest {
    private static final Path DIR = Repo.path("compiler/src/test/resources/reference/indexing");
    private static final double F64_TOLERANCE = 1e-10;
    private static final int F32_ULPS = 4;

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Map<String, Tensor>> arrays = Map.of("f64", Npz.read(DIR.resolve("f64.npz")),
                "f32", Npz.read(DIR.resolve("f32.npz")));
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".nnet")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".nnet", "");
                String source = Files.readString(file);
                for (String dtype : List.of("f64", "f32")) {
                    for (boolean fuse : List.of(true, false)) {
                        String label = name + " " + dtype + (fuse ? "" : " unfused");
                        String typed = dtype.equals("f64") ? source : source.replace("f64[", "f32[");
                        tests.add(DynamicTest.dynamicTest(label, () -> check(label, name, typed, arrays.get(dtype), fuse)));
                    }
                }
            }
        }
        assertThat(tests).as("reference cases in " + DIR).hasSizeGreaterThan(20);
        return tests.stream();
    }

    private static void check(String label, String name, String source, Map<String, Tensor> arrays, boolean fuse) {
        Compilation compilation = Nnet.compile(name + ".nnet", source, Runs.options(fuse));
        Model model = compilation.model("Case");
        Executor ex = model.executor(Map.of());
        String prefix = name + "/";
        arrays.forEach((key, value) -> {
            if (key.startsWith(prefix + "input/")) {
                ex.setInput(key.substring((prefix + "input/").length()), value);
            }
        });
        if (model.info().program(nnet.runtime.model.ProgramInfo.TRAIN).isPresent()) {
            ex.gradients();
            compareAll(label, arrays, prefix + "grad/", ex::inputGradient);
        }
        ex.predict();
        compareAll(label, arrays, prefix + "output/", ex::output);
    }

    private static void compareAll(String label, Map<String, Tensor> arrays, String prefix,
                                   java.util.function.Function<String, Tensor> actual) {
        int compared = 0;
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String name = e.getKey().substring(prefix.length());
                compare(label + " " + e.getKey(), actual.apply(name), e.getValue());
                compared++;
            }
        }
        assertThat(compared).as(label + ": arrays " + prefix + "*").isPositive();
    }

    static void compare(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        assertThat(actual.dtype()).as(what + " dtype").isEqualTo(expected.dtype());
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.getDouble(i);
            double b = expected.getDouble(i);
            double scale = Math.max(1, Math.abs(b));
            double allowed = switch (expected.dtype()) {
                case F64 -> F64_TOLERANCE * scale;
                case F32 -> F32_ULPS * Math.ulp((float) scale);
                case I32 -> 0;
            };
            if (!(Math.abs(a - b) <= allowed)) {
                throw new AssertionError(what + "[" + i + "]: got " + a + ", PyTorch " + b + " (allowed error "
                        + allowed + ")\n  got     " + ModelCase.values(actual) + "\n  PyTorch " + ModelCase.values(expected));
            }
        }
    }
}
