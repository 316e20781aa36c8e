package nnet.compiler.optim;

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
 * Every optimizer against torch.optim (Lion against the paper's rule, NAdam against PyTorch 2's): a
 * small network with four parameters trains for 25 steps, with new inputs at every step, from the
 * starting values and on the inputs in {@code reference/optimizers_f64.npz}, written with PyTorch's
 * parameters after every step by {@code src/test/python/optimizer_reference.py}; the case list, with
 * the optimizer as written in nnet, is {@code reference/optimizers.txt}. The learning rate is the one
 * the training section sets, passed to every step as the trainer does. Each model trains twice, the
 * second time after {@code Model.resetOptimizer}, which must start it over (Adagrad's slot at its
 * initial_accumulator_value again).
 *
 * <p>After every step each parameter must be PyTorch's f64 value within {@link #F64_RELATIVE} of the
 * tensor's scale (its largest magnitude) in f64. In f32 it is compared with the same f64 values: the
 * error may be up to {@link #F32_FACTOR} times PyTorch's own f32 error on that tensor at that step
 * (from {@code optimizers_f32.npz}), plus {@link #F32_ULPS} ulps of the scale.
 */
class OptimizerTrajectoryTest {
    static final double F64_RELATIVE = 1e-9;
    static final double F32_FACTOR = 4;
    static final int F32_ULPS = 8;
    private static final List<String> PARAMS = List.of("w1", "b1", "w2", "b2");
    private static final Map<DType, Map<String, Tensor>> ARRAYS = new LinkedHashMap<>();

    record Case(String name, String optimizer) {
        @Override
        public String toString() {
            return optimizer;
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
    void followsPyTorch(DType dtype, Case c) {
        Map<String, Tensor> exact = arrays(DType.F64);
        Map<String, Tensor> torch = arrays(dtype);
        Tensor x = torch.get("x");
        Tensor y = torch.get("y");
        String source = source(dtype, x, y, c.optimizer());
        Model model = Nnet.compile("trajectory.nnet", source).model("Trajectory");
        double lr = model.info().train().optimizer().get("lr");
        Executor ex = model.executor(Map.of());
        int steps = x.dim(0);
        // The second run starts from a reset optimizer (step 0, every slot at its initial value) and
        // must repeat the first.
        for (int run = 1; run <= 2; run++) {
            if (run == 2) {
                model.resetOptimizer();
            }
            for (String p : PARAMS) {
                model.setParameter(p, torch.get("init/" + p));
            }
            for (int t = 0; t < steps; t++) {
                ex.setInput("x", row(x, t));
                ex.setInput("y", row(y, t));
                ex.step(lr);
                for (String p : PARAMS) {
                    String what = c.optimizer() + " (" + dtype.spelling() + "), " + p + " after step " + (t + 1)
                            + (run == 2 ? " after a reset" : "");
                    Tensor expected = row(exact.get(c.name() + "/" + p), t);
                    Tensor pytorch = dtype == DType.F32 ? row(torch.get(c.name() + "/" + p), t) : null;
                    assertClose(what, model.parameter(p), expected, pytorch);
                }
            }
            assertThat(model.steps()).isEqualTo(steps);
        }
    }

    private static String source(DType dtype, Tensor x, Tensor y, String optimizer) {
        String f = dtype.spelling();
        int in = x.dim(2);
        int out = y.dim(2);
        int hidden = arrays(DType.F64).get("init/b1").dim(0);
        return "model Trajectory {\n"
                + "  input x: " + f + "[" + x.dim(1) + ", " + in + "]\n"
                + "  input y: " + f + "[" + y.dim(1) + ", " + out + "]\n"
                + "  param w1: [" + in + ", " + hidden + "] = zeros\n"
                + "  param b1: [" + hidden + "] = zeros\n"
                + "  param w2: [" + hidden + ", " + out + "] = zeros\n"
                + "  param b2: [" + out + "] = zeros\n"
                + "  d = tanh(x @ w1 + b1) @ w2 + b2 - y\n"
                + "  loss = mean(d * d)\n"
                + "}\n"
                + "train Trajectory { optimizer = " + optimizer + " }\n";
    }

    /**
     * In f64 (pytorch null) within {@link #F64_RELATIVE} of the scale of expected; in f32 within
     * {@link #F32_FACTOR} times PyTorch's largest f32 error on the tensor plus {@link #F32_ULPS} ulps.
     */
    static void assertClose(String what, Tensor actual, Tensor expected, Tensor pytorch) {
        assertThat(actual.shape()).as(what + ": shape").containsExactly(expected.shape());
        double scale = 0;
        double pytorchError = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getDouble(i)));
            if (pytorch != null) {
                pytorchError = Math.max(pytorchError, Math.abs(pytorch.getDouble(i) - expected.getDouble(i)));
            }
        }
        double allowed = pytorch == null ? F64_RELATIVE * scale
                : F32_FACTOR * pytorchError + F32_ULPS * Math.ulp((float) scale);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (!(Math.abs(a - e) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e
                        + " (allowed error " + allowed + ")\n  nnet    " + Arrays.toString(values(actual))
                        + "\n  PyTorch " + Arrays.toString(values(pytorch == null ? expected : pytorch)));
            }
        }
    }

    private static double[] values(Tensor t) {
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getDouble(i);
        }
        return v;
    }

    /** Element k of the first axis. */
    private static Tensor row(Tensor t, int k) {
        int[] shape = Arrays.copyOfRange(t.shape(), 1, t.rank());
        Tensor r = Tensor.zeros(t.dtype(), shape);
        System.arraycopy(t.data(), k * r.size(), r.data(), 0, r.size());
        return r;
    }

    private static List<Case> manifest() {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(resource("optimizers.txt"))) {
                if (!line.isBlank()) {
                    String[] parts = line.split("\t", -1);
                    cases.add(new Case(parts[0], parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static synchronized Map<String, Tensor> arrays(DType dtype) {
        return ARRAYS.computeIfAbsent(dtype, d -> Npz.read(resource("optimizers_" + d.spelling() + ".npz")));
    }

    private static Path resource(String name) {
        try {
            return Path.of(OptimizerTrajectoryTest.class.getResource("/reference/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
