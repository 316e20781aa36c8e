package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;

/**
 * nn.lora_linear, through the LoRA sample: with lora_B at zero the adapted model computes what the base
 * model computes with the same weights, and training steps change lora_A and lora_B only, leaving every
 * base weight and bias bit for bit as it was loaded.
 */
class LoraTest {
    private static final int BATCH = 16;

    @Test
    void trainingChangesTheAdaptersOnly() {
        Compilation c = Nnet.compile(Repo.path("samples/lora/finetune.nnet"));
        Model adapted = c.model("Adapted");
        Model base = c.model("Mirrored");
        base.initialize(4);
        adapted.initialize(5);
        base.parameters().forEach(adapted::setParameter);
        Map<String, Tensor> before = new HashMap<>();
        adapted.parameters().forEach((name, t) -> before.put(name, t.copy()));
        assertThat(before.keySet()).contains("fc1.weight", "fc1.bias", "fc1.lora_A", "fc1.lora_B", "head.lora_B");

        Tensor x = digits();
        Executor a = adapted.executor(BATCH);
        Executor b = base.executor(BATCH);
        a.setInput("x", x);
        b.setInput("x", x);
        a.setInput("label", labels());
        b.setInput("label", labels());
        a.evaluate();
        b.evaluate();
        assertThat(a.loss()).as("the adapted model before training is the base model").isEqualTo(b.loss());

        for (int i = 0; i < 5; i++) {
            a.step(3e-3);
        }
        for (Map.Entry<String, Tensor> e : adapted.parameters().entrySet()) {
            boolean adapter = e.getKey().contains("lora_");
            boolean same = java.util.Arrays.equals(e.getValue().floats(), before.get(e.getKey()).floats());
            assertThat(same).as("%s unchanged", e.getKey()).isEqualTo(!adapter);
        }
    }

    private static Tensor digits() {
        Random rnd = new Random(8);
        float[] pixels = new float[BATCH * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(17);
        }
        return Tensor.of(pixels, BATCH, 64);
    }

    private static Tensor labels() {
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 10;
        }
        return Tensor.of(labels, BATCH);
    }
}
