package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Convolutions, normalisations and var/std against PyTorch: forward values, and gradients of sum(y·r)
 * with respect to the input and every parameter, in f64, from the arrays that
 * compiler/src/test/python/make_layer_reference.py wrote with PyTorch 1.13.
 */
class LayerReferenceTest {
    private static final double TOLERANCE = 1e-10;
    private static Map<String, Tensor> reference;

    @BeforeAll
    static void read() throws URISyntaxException {
        reference = Npz.read(Path.of(LayerReferenceTest.class.getResource("/reference/layers.npz").toURI()));
    }

    private static Tensor ref(String name) {
        Tensor t = reference.get(name);
        assertThat(t).as("reference array " + name).isNotNull();
        return t;
    }

    private static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }

    private static Model compile(String body) {
        return Nnet.compile("ref.nnet", "import nn\nmodel R {\n" + body + "\n}\n",
                CompileOptions.defaults().withInputGradients(true)).model();
    }

    private static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double scale = 1e-3;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getDouble(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            double error = Math.abs(actual.getDouble(i) - expected.getDouble(i)) / scale;
            assertThat(error).as(what + "[" + i + "]: " + actual.getDouble(i) + " against PyTorch's "
                    + expected.getDouble(i)).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** A layer y = f(x, weight, bias) with the call given, checked forward and backward. */
    private static void checkLayer(String c, String call, String paramPrefix) {
        Tensor x = ref(c + "/x");
        Tensor y = ref(c + "/y");
        Model m = compile("  input x: f64" + shape(x) + "\n  input r: f64" + shape(y) + "\n"
                + (paramPrefix.isEmpty() ? "  param weight: " + shape(ref(c + "/weight")) + " = zeros\n"
                        + "  param bias: " + shape(ref(c + "/bias")) + " = zeros\n" : "")
                + "  y = " + call + "\n  output out = y\n  loss = sum(y * r)");
        m.setParameter(paramPrefix + "weight", ref(c + "/weight"));
        m.setParameter(paramPrefix + "bias", ref(c + "/bias"));
        Executor ex = m.executor(Map.of());
        ex.setInput("x", x);
        ex.setInput("r", ref(c + "/r"));
        ex.gradients();
        assertClose(c + " y", ex.output("out"), y);
        assertClose(c + " dx", ex.inputGradient("x"), ref(c + "/grad_x"));
        assertClose(c + " dweight", m.gradient(paramPrefix + "weight"), ref(c + "/grad_weight"));
        assertClose(c + " dbias", m.gradient(paramPrefix + "bias"), ref(c + "/grad_bias"));
    }

    @Test
    void convolutions() {
        checkLayer("conv2d_basic", "conv2d(x, weight, bias, padding = 1)", "");
        checkLayer("conv2d_strided", "conv2d(x, weight, bias, stride = [2, 1], padding = [1, 0], dilation = [1, 2],"
                + " groups = 2)", "");
        checkLayer("conv1d", "conv1d(x, weight, bias, stride = 2, padding = 1)", "");
        checkLayer("conv_transpose2d", "conv_transpose2d(x, weight, bias, stride = 2, padding = 1,"
                + " output_padding = 1)", "");
    }

    @Test
    void layerAndGroupNorm() {
        checkLayer("layer_norm", "nn.layer_norm(x) as ln", "ln.");
        checkLayer("layer_norm_2d", "nn.layer_norm(x, [4, 5]) as ln", "ln.");
        checkLayer("group_norm", "group_norm(x, 3) * reshape(weight, [1, 6, 1, 1]) + reshape(bias, [1, 6, 1, 1])", "");
    }

    @Test
    void varAndStd() {
        Tensor x = ref("var_std/x");
        Model m = compile("  input x: f64" + shape(x) + "\n  input r: f64[5]\n"
                + "  y = var(x, [0, 2], unbiased = true) + sum(std(x, 1, unbiased = false))\n"
                + "  output out = y\n  loss = sum(y * r)");
        Executor ex = m.executor(Map.of());
        ex.setInput("x", x);
        ex.setInput("r", ref("var_std/r"));
        ex.gradients();
        assertClose("var/std y", ex.output("out"), ref("var_std/y"));
        assertClose("var/std dx", ex.inputGradient("x"), ref("var_std/grad_x"));
    }

    /**
     * Three training steps (batch statistics, running statistics moving by the momentum with the
     * unbiased variance), then evaluation with the running statistics.
     */
    @Test
    void batchNorm() {
        checkBatchNorm("batch_norm2d", "nn.batch_norm2d(x) as bn");
        checkBatchNorm("batch_norm1d", "nn.batch_norm1d(x) as bn");
    }

    private static void checkBatchNorm(String c, String call) {
        Tensor x0 = ref(c + "/x0");
        Model m = compile("  input x: f64" + shape(x0) + "\n  input r: f64" + shape(x0) + "\n  y = " + call
                + "\n  output out = y\n  loss = sum(y * r)");
        m.setParameter("bn.weight", ref(c + "/weight"));
        m.setParameter("bn.bias", ref(c + "/bias"));
        Executor ex = m.executor(Map.of());
        for (int step = 0; step < 3; step++) {
            ex.setInput("x", ref(c + "/x" + step));
            ex.setInput("r", ref(c + "/r" + step));
            ex.gradients();
            assertClose(c + " y" + step, ex.output("out"), ref(c + "/y" + step));
            assertClose(c + " dx" + step, ex.inputGradient("x"), ref(c + "/grad_x" + step));
            assertClose(c + " dweight" + step, m.gradient("bn.weight"), ref(c + "/grad_weight" + step));
            assertClose(c + " dbias" + step, m.gradient("bn.bias"), ref(c + "/grad_bias" + step));
        }
        assertClose(c + " running_mean", m.state("bn.running_mean"), ref(c + "/running_mean"));
        assertClose(c + " running_var", m.state("bn.running_var"), ref(c + "/running_var"));
        assertThat(m.state("bn.num_batches_tracked").ints()).containsExactly(ref(c + "/num_batches_tracked").ints());
        ex.setInput("x", ref(c + "/eval_x"));
        ex.predict();
        assertClose(c + " evaluation", ex.output("out"), ref(c + "/eval_y"));
    }
}
