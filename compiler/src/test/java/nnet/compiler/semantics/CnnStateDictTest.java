package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.runtime.train.Weights;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;

/**
 * A PyTorch state_dict of the fashion-cnn sample's architecture (written by
 * compiler/src/test/python/make_cnn_state_dict.py after a few training steps, so that the batch norms'
 * running statistics are not their initial values) loads into the sample as it is, and in evaluation
 * mode the sample gives PyTorch's logits.
 */
class CnnStateDictTest {

    private static Path reference(String name) throws URISyntaxException {
        return Path.of(CnnStateDictTest.class.getResource("/reference/" + name).toURI());
    }

    @Test
    void aPyTorchStateDictLoadsAndGivesPyTorchsLogits() throws URISyntaxException {
        Model m = Nnet.compile(Repo.path("samples/fashion-cnn/cnn.nnet")).model();
        List<String> unused = Weights.load(m, reference("fashion_cnn.safetensors"));
        assertThat(unused).as("tensors of the state_dict the model does not have").isEmpty();
        assertThat(m.state("bn1.num_batches_tracked").ints()).containsExactly(3);

        Map<String, Tensor> io = Npz.read(reference("fashion_cnn_io.npz"));
        Tensor x = io.get("x");
        Tensor expected = io.get("logits");
        Executor ex = m.executor(x.dim(0));
        ex.setInput("x", x);
        ex.predict();
        float[] logits = ex.output("logits").floats();
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getDouble(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Math.abs(logits[i] - expected.getDouble(i)))
                    .as("logit %d: %s against PyTorch's %s", i, logits[i], expected.getDouble(i))
                    .isLessThanOrEqualTo(1e-5 * scale);
        }
    }
}
