package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import nnet.compiler.api.Nnet;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.StateInfo;
import org.junit.jupiter.api.Test;

/** The nn layers declare torch.nn's parameters and buffers, shaped and initialised as PyTorch does. */
class NnModulesTest {

    private static Model model(String body) {
        return Nnet.compile("m.nnet", "import nn\nmodel M {\n" + body + "\n}\n").model();
    }

    private static Map<String, String> shapes(Model m) {
        Map<String, String> out = m.info().params().stream().collect(Collectors.toMap(ParamInfo::name,
                p -> java.util.Arrays.toString(p.shape()), (a, b) -> a, java.util.LinkedHashMap::new));
        for (StateInfo s : m.info().states()) {
            out.put(s.name(), java.util.Arrays.toString(s.shape()));
        }
        return out;
    }

    @Test
    void convolutionsAndNormsHaveTorchNamesAndShapes() {
        Model m = model("""
                  input x: f32[batch, 3, 8, 8]
                  h = nn.batch_norm2d(nn.conv2d(x, 6, [3, 2], groups = 3) as conv) as bn
                  t = nn.conv_transpose2d(h, 4, 3, stride = 2) as up
                  output y = nn.layer_norm(t, [4, dim(t, 2), dim(t, 3)]) as ln
                """);
        assertThat(shapes(m)).containsExactly(
                Map.entry("conv.weight", "[6, 1, 3, 2]"), Map.entry("conv.bias", "[6]"),
                Map.entry("bn.weight", "[6]"), Map.entry("bn.bias", "[6]"),
                Map.entry("up.weight", "[6, 4, 3, 3]"), Map.entry("up.bias", "[4]"),
                Map.entry("ln.weight", "[4, 13, 15]"), Map.entry("ln.bias", "[4, 13, 15]"),
                Map.entry("bn.running_mean", "[6]"), Map.entry("bn.running_var", "[6]"),
                Map.entry("bn.num_batches_tracked", "[]"));
        float bound = (float) (1 / Math.sqrt(1 * 3 * 2));
        for (float w : m.parameter("conv.weight").floats()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo(bound);
        }
        assertThat(m.state("bn.running_var").floats()).containsOnly(1f);
    }

    @Test
    void anEmbeddingsPaddingRowStartsAtZero() {
        Model m = model("""
                  input ids: i32[batch, 5]
                  output e = nn.embedding(ids, 20, 8, padding_idx = -1) as emb
                """);
        Tensor w = m.parameter("emb.weight");
        double rest = 0;
        for (int i = 0; i < 19 * 8; i++) {
            rest += Math.abs(w.getDouble(i));
        }
        for (int i = 19 * 8; i < 20 * 8; i++) {
            assertThat(w.getDouble(i)).as("padding row").isZero();
        }
        assertThat(rest / (19 * 8)).as("mean |N(0, 1)|").isBetween(0.6, 1.0);
    }
}
