package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ParamInfo;
import nnet.testing.Repo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolutional samples, with their convolutions, pooling, batch norm and dropout, give the same
 * results whatever the memory plan (bit for bit) and with or without fusion (to 1e-4 of each tensor's
 * scale: f32 fusion folds constants in double and rounds differently, and batch norm's backward pass
 * amplifies such differences): loss, every gradient and buffer after a training step, and the outputs
 * of a prediction.
 */
class SampleConsistencyTest {
    private static final int BATCH = 4;

    private record Run(double loss, Map<String, Tensor> values) {
    }

    private static Run run(String sample, boolean fuse, boolean planned) {
        Model m = Nnet.compile(Repo.path(sample), CompileOptions.defaults().withFusion(fuse)).model();
        Executor ex = m.executor(Map.of("batch", BATCH), planned);
        Random rnd = new Random(3);
        for (IoInfo in : m.info().io(IoInfo.Kind.INPUT)) {
            Tensor t = Tensor.zeros(in.dtype(), in.shape(new int[] {BATCH}));
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, rnd.nextInt(in.dtype() == DType.I32 ? 10 : 256));
            }
            ex.setInput(in.name(), t);
        }
        ex.gradients();
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (ParamInfo p : m.info().params()) {
            values.put("grad " + p.name(), m.gradient(p.name()));
        }
        values.putAll(m.states());
        double loss = ex.loss();
        ex.predict();
        for (IoInfo out : m.info().io(IoInfo.Kind.OUTPUT)) {
            values.put("output " + out.name(), ex.output(out.name()));
        }
        return new Run(loss, values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/fashion-cnn/cnn.nnet", "samples/fashion-resnet/resnet.nnet", "samples/fashion-gru/gru.nnet"})
    void planningAndFusionDoNotChangeResults(String sample) {
        Run reference = run(sample, true, true);
        Run unplanned = run(sample, true, false);
        Run unfused = run(sample, false, true);
        assertThat(unplanned.loss()).isEqualTo(reference.loss());
        assertThat(unfused.loss()).isCloseTo(reference.loss(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        reference.values().forEach((name, expected) -> {
            assertThat(unplanned.values().get(name).data()).as("unplanned " + name).isEqualTo(expected.data());
            Tensor other = unfused.values().get(name);
            double scale = 1e-6;
            for (int i = 0; i < expected.size(); i++) {
                scale = Math.max(scale, Math.abs(expected.getDouble(i)));
            }
            for (int i = 0; i < expected.size(); i++) {
                assertThat(Math.abs(other.getDouble(i) - expected.getDouble(i)))
                        .as("unfused %s[%d]", name, i).isLessThanOrEqualTo(1e-4 * scale);
            }
        });
    }
}
