package nnet.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.train.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading weights says, once, what it does that the user may not expect: f64 rounded to f32, tensors left unused. */
class WeightsWarningsTest {
    private static final String SOURCE = "model M {\n  input x: f32[batch, 2]\n  param w: [2] = zeros\n"
            + "  param b: [2] = zeros\n  output y = x * w + b\n}\n";

    @TempDir
    Path dir;

    private List<String> load(Model m, Map<String, Tensor> tensors) {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, null);
        List<String> warnings = new ArrayList<>();
        Weights.load(m, file, warnings::add);
        return warnings;
    }

    @Test
    void f64WeightsLoadedIntoF32AreNamedInOneWarning() {
        Model m = Nnet.compile("t.nnet", SOURCE).model();
        Map<String, Tensor> doubles = new LinkedHashMap<>();
        doubles.put("w", Tensor.of(new double[] {0.1, 0.2}, 2));
        doubles.put("b", Tensor.of(new double[] {1, 2}, 2));
        doubles.put("extra", Tensor.of(new float[] {1}, 1));
        assertThat(load(m, doubles)).containsExactly(
                dir.resolve("w.safetensors") + " has tensors the model does not use: extra",
                dir.resolve("w.safetensors") + ": f64 tensors rounded to the model's f32: w, b");
        assertThat(m.parameter("w").data()).isEqualTo(new float[] {0.1f, 0.2f});
    }

    @Test
    void weightsOfTheModelsOwnTypeLoadSilently() {
        Model m = Nnet.compile("t.nnet", SOURCE).model();
        Map<String, Tensor> floats = new LinkedHashMap<>();
        floats.put("w", Tensor.of(new float[] {0.1f, 0.2f}, 2));
        floats.put("b", Tensor.of(new float[] {1, 2}, 2));
        assertThat(load(m, floats)).isEmpty();
    }
}
