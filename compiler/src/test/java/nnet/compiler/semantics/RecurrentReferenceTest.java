package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.runtime.train.Weights;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * nn.rnn, nn.lstm and nn.gru against torch.nn.RNN, LSTM and GRU: a state_dict written by PyTorch
 * (compiler/src/test/python/make_recurrent_reference.py) loads under torch's names as it is, and the
 * model gives PyTorch's output sequence, final states, loss and gradients (every parameter and the
 * input) in f64 — several layers, both directions, batch first or not, with and without biases and
 * initial states, and sequences of different lengths against PyTorch's packed sequences; and
 * nn.lstm_cell, nn.gru_cell and nn.rnn_cell against LSTMCell, GRUCell and RNNCell, stepped twice.
 */
class RecurrentReferenceTest {
    private static final double TOLERANCE = 1e-10;

    /** A case: the reference files' name, and the model that should match them. */
    private record Case(String name, String source) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("rnn_relu", model("f64[4, 3, 5]", "f64[4, 3, 6]", null,
                        "out, h_n = nn.rnn(x, 6, num_layers = 2, nonlinearity = \"relu\", bidirectional = true, hx = h0) as rnn")),
                new Case("rnn_tanh", model("f64[3, 4, 5]", null, null,
                        "out, h_n = nn.rnn(x, 4, batch_first = true) as rnn")),
                new Case("lstm", model("f64[3, 4, 5]", "f64[4, 3, 6]", "f64[4, 3, 6]",
                        "out, h_n, c_n = nn.lstm(x, 6, num_layers = 2, batch_first = true, bidirectional = true, hx = (h0, c0)) as lstm")),
                new Case("lstm_nobias", model("f64[4, 3, 3]", null, null,
                        "out, h_n, c_n = nn.lstm(x, 4, bias = false) as lstm")),
                new Case("gru", model("f64[4, 3, 5]", "f64[4, 3, 6]", null,
                        "out, h_n = nn.gru(x, 6, num_layers = 2, bidirectional = true, hx = h0) as gru")),
                new Case("gru_nobias", model("f64[3, 4, 5]", null, null,
                        "out, h_n = nn.gru(x, 4, bias = false, batch_first = true) as gru")),
                new Case("lstm_lengths", lengths(model("f64[4, 3, 5]", "f64[4, 3, 6]", "f64[4, 3, 6]",
                        "out, h_n, c_n = nn.lstm(x, 6, num_layers = 2, bidirectional = true, hx = (h0, c0), lengths = lengths) as lstm"))),
                new Case("gru_lengths", lengths(model("f64[3, 4, 5]", null, null,
                        "out, h_n = nn.gru(x, 4, batch_first = true, bidirectional = true, lengths = lengths) as gru"))),
                new Case("rnn_lengths", lengths(model("f64[4, 3, 5]", null, null,
                        "out, h_n = nn.rnn(x, 4, lengths = lengths) as rnn"))),
                new Case("lstm_cell", cells("fn step(x, h, c) {\n  h, c = nn.lstm_cell(x, 4, hx = (h, c)) as self\n"
                        + "  return h, c\n}\n", "f64[3, 4]", "f64[3, 4]", "h_n, c_n = scan(step, x, (h0, c0)) as cell")),
                new Case("gru_cell", cells("fn step(x, h) {\n  return nn.gru_cell(x, 4, hx = h) as self\n}\n",
                        "f64[3, 4]", null, "h_n = scan(step, x, h0) as cell")),
                new Case("rnn_cell", cells("fn step(x, h) {\n  return nn.rnn_cell(x, 4, nonlinearity = \"relu\", hx = h) as self\n}\n",
                        null, null, "h_n = scan(step, x, zeros([3, 4])) as cell")),
                new Case("gru_cell_nobias", cells("fn step(x, h) {\n  return nn.gru_cell(x, 4, bias = false, hx = h) as self\n}\n",
                        null, null, "h_n = scan(step, x, zeros([3, 4])) as cell")));
    }

    /** A cell stepped twice by a scan over x [2, 3, 5]; its last state is both out and h_n. */
    private static String cells(String step, String h0, String c0, String scan) {
        String model = model("f64[2, 3, 5]", h0, c0, scan + "\n  out = h_n");
        return model.replace("import nn\n\n", "import nn\n\n" + step + "\n");
    }

    /** The model with the lengths of its 3 sequences as an input. */
    private static String lengths(String source) {
        return source.replace("model R {\n", "model R {\n  input lengths: i32[3]\n");
    }

    private static String model(String x, String h0, String c0, String call) {
        StringBuilder sb = new StringBuilder("import nn\n\nmodel R {\n  input x: " + x + "\n");
        if (h0 != null) {
            sb.append("  input h0: ").append(h0).append('\n');
        }
        if (c0 != null) {
            sb.append("  input c0: ").append(c0).append('\n');
        }
        boolean lstm = call.contains("c_n");
        sb.append("  ").append(call).append('\n');
        // The weights r, q (and s) of the loss are declared from the reference's shapes (withWeightInputs).
        return sb + "  output out_ = out\n  output h_n_ = h_n\n"
                + (lstm ? "  output c_n_ = c_n\n" : "") + "  loss = sum(out * r) + sum(h_n * q)"
                + (lstm ? " + sum(c_n * s)" : "") + "\n}\n";
    }

    private static Path reference(String name) throws URISyntaxException {
        return Path.of(RecurrentReferenceTest.class.getResource("/reference/" + name).toURI());
    }

    @TestFactory
    Stream<DynamicTest> theLayersGivePyTorchsOutputsAndGradients() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        Map<String, Tensor> io = Npz.read(reference("recurrent_" + c.name() + ".npz"));
        String source = withWeightInputs(c.source(), io);
        Model m = Nnet.compile("r.nnet", source, CompileOptions.defaults().withInputGradients(true)).model();
        List<String> unused = Weights.load(m, reference("recurrent_" + c.name() + ".safetensors"));
        assertThat(unused).as("tensors of the state_dict the model does not have").isEmpty();
        Executor ex = m.executor(Map.of(), true);
        for (String input : List.of("x", "h0", "c0", "r", "q", "s", "lengths")) {
            if (io.containsKey(input)) {
                ex.setInput(input, io.get(input));
            }
        }
        ex.predict();
        close("out", ex.output("out_"), io.get("out"));
        close("h_n", ex.output("h_n_"), io.get("h_n"));
        if (io.containsKey("c_n")) {
            close("c_n", ex.output("c_n_"), io.get("c_n"));
        }
        ex.gradients();
        assertThat(ex.loss()).as("loss").isCloseTo(io.get("loss").getDouble(0),
                org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(ex.loss()))));
        close("grad x", ex.inputGradient("x"), io.get("grad.x"));
        List<String> checked = new ArrayList<>();
        for (String key : io.keySet()) {
            if (key.startsWith("grad.") && !key.equals("grad.x")) {
                String param = key.substring("grad.".length());
                close(key, m.gradient(param), io.get(key));
                checked.add(param);
            }
        }
        assertThat(checked).as("parameters with a PyTorch gradient").hasSizeGreaterThanOrEqualTo(2);
    }

    /** The source with inputs r, q (and s) of the shapes PyTorch's weights have. */
    private static String withWeightInputs(String source, Map<String, Tensor> io) {
        StringBuilder decls = new StringBuilder();
        for (String w : List.of("r", "q", "s")) {
            if (io.containsKey(w)) {
                decls.append("  input ").append(w).append(": f64").append(shape(io.get(w))).append('\n');
            }
        }
        return source.replace("model R {\n", "model R {\n" + decls);
    }

    private static String shape(Tensor t) {
        List<String> dims = new ArrayList<>();
        for (int d : t.shape()) {
            dims.add(Integer.toString(d));
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private static void close(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
        double scale = 1e-300;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getDouble(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Math.abs(actual.getDouble(i) - expected.getDouble(i)))
                    .as("%s [%d]: %s against PyTorch's %s", what, i, actual.getDouble(i), expected.getDouble(i))
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, scale));
        }
    }
}
