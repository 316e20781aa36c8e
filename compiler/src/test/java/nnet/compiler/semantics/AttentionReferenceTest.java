package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.runtime.train.Weights;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * scaled_dot_product_attention, nn.multihead_attention and the Transformer layers against PyTorch, in
 * f64: the state_dict of torch.nn.MultiheadAttention, TransformerEncoderLayer, TransformerDecoderLayer and
 * Transformer loads under torch's names as it is, and the model gives PyTorch's outputs (and attention
 * weights) and the gradients of a random projection of them with respect to the inputs and every
 * parameter, from the arrays compiler/src/test/python/make_attention_reference.py wrote; and rotary
 * positions, sinusoidal positions and ALiBi against their published formulas.
 */
class AttentionReferenceTest {
    private static final double TOLERANCE = 1e-10;

    private record Case(String name, String call) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("sdpa_plain", "y = scaled_dot_product_attention(q, k, v)"),
                new Case("sdpa_causal", "y = scaled_dot_product_attention(q, k, v, is_causal = true)"),
                new Case("sdpa_bool_mask", "y = scaled_dot_product_attention(q, k, v, mask)"),
                new Case("sdpa_float_mask", "y = scaled_dot_product_attention(q, k, v, attn_mask = mask, scale = 0.3)"),
                new Case("sdpa_gqa", "y = scaled_dot_product_attention(q, k, v, enable_gqa = true)"),
                new Case("rotary", "y = rotary(x, start = 2)"),
                new Case("sinusoidal", "y = x + sinusoidal_positions(7, 10)"),
                new Case("alibi", "y = x + alibi_bias(4, 5, 7)"),
                new Case("mha_self", "y, w = nn.multihead_attention(x, x, x, 2, key_padding_mask = kpm,"
                        + " attn_mask = causal) as attn"),
                new Case("mha_cross", "y, w = nn.multihead_attention(q, k, v, 4, batch_first = true, attn_mask = bias,"
                        + " average_attn_weights = false) as attn"),
                new Case("encoder_layer", "y = nn.transformer_encoder_layer(x, 2, 16, dropout = 0, batch_first = true,"
                        + " src_mask = causal, src_key_padding_mask = kpm) as layer"),
                new Case("encoder_layer_norm_first", "y = nn.transformer_encoder_layer(x, 4, 12, dropout = 0,"
                        + " activation = \"gelu\", norm_first = true) as layer"),
                new Case("decoder_layer", "y = nn.transformer_decoder_layer(tgt, memory, 2, 16, dropout = 0,"
                        + " tgt_mask = causal, memory_key_padding_mask = mkpm) as layer"),
                new Case("transformer", "y = nn.transformer(src, tgt, 2, 2, 2, 16, dropout = 0, batch_first = true,"
                        + " norm_first = true, tgt_mask = causal) as net"));
    }

    @TestFactory
    Stream<DynamicTest> attentionGivesPyTorchsOutputsAndGradients() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        Map<String, Tensor> io = Npz.read(reference("attention_" + c.name() + ".npz"));
        List<String> inputs = io.keySet().stream().filter(k -> !k.contains(".") && !k.equals("loss")).toList();
        List<String> outputs = io.keySet().stream().filter(k -> k.startsWith("out.")).map(k -> k.substring(4)).toList();
        Model m = Nnet.compile("attention.nnet", source(c, io, inputs, outputs),
                CompileOptions.defaults().withInputGradients(true)).model();
        Path weights = reference("attention_" + c.name() + ".safetensors");
        if (Files.exists(weights)) {
            assertThat(Weights.load(m, weights)).as("tensors of the state_dict the model does not have").isEmpty();
        }
        Executor ex = m.executor(Map.of(), true);
        inputs.forEach(name -> ex.setInput(name, io.get(name)));
        ex.gradients();
        for (String out : outputs) {
            close("out." + out, ex.output(out + "_"), io.get("out." + out));
        }
        assertThat(ex.loss()).as("loss").isCloseTo(io.get("loss").getDouble(0),
                org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(ex.loss()))));
        int parameters = 0;
        for (String key : io.keySet()) {
            if (key.startsWith("grad.")) {
                String name = key.substring("grad.".length());
                boolean input = inputs.contains(name);
                close(key, input ? ex.inputGradient(name) : m.gradient(name), io.get(key));
                parameters += input ? 0 : 1;
            }
        }
        assertThat(parameters).as("parameters with a PyTorch gradient")
                .isEqualTo(Files.exists(weights) ? m.parameters().size() : 0);
    }

    /** The model: an input per reference array, the call, an output per result and the loss PyTorch took. */
    private static String source(Case c, Map<String, Tensor> io, List<String> inputs, List<String> outputs) {
        StringBuilder sb = new StringBuilder("import nn\n\nmodel R {\n");
        for (String name : inputs) {
            Tensor t = io.get(name);
            sb.append("  input ").append(name).append(": ").append(t.dtype() == DType.I32 ? "i32" : "f64")
                    .append(shape(t)).append('\n');
        }
        sb.append("  ").append(c.call()).append('\n');
        List<String> terms = new ArrayList<>();
        for (String out : outputs) {
            sb.append("  output ").append(out).append("_ = ").append(out).append('\n');
            terms.add("sum(" + out + " * r_" + out + ")");
        }
        return sb + "  loss = " + String.join(" + ", terms) + "\n}\n";
    }

    private static Path reference(String name) throws URISyntaxException {
        return Path.of(AttentionReferenceTest.class.getResource("/reference/").toURI()).resolve(name);
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
