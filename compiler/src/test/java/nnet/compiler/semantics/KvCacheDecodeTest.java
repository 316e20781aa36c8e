package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;

/**
 * The tiny-gpt sample's decode model, stepped one character at a time through its key/value caches, gives
 * the probabilities that the training model's full forward pass gives at every position of the same
 * text, with the same (random) weights: the cache holds exactly what attention over the prefix needs.
 */
class KvCacheDecodeTest {
    private static final int CONTEXT = 128;

    @Test
    void decodingThroughTheCacheEqualsTheFullForwardPass() {
        Compilation c = Nnet.compile(Repo.path("samples/tiny-gpt/tiny_gpt.nnet"));
        Model full = c.model("TinyGpt");
        Model step = c.model("TinyGptStep");
        full.initialize(3);
        full.parameters().forEach(step::setParameter);

        Random rnd = new Random(5);
        int[] text = new int[CONTEXT];
        for (int i = 0; i < CONTEXT; i++) {
            text[i] = rnd.nextInt(65);
        }
        Executor forward = full.executor(1);
        forward.setInput("ids", Tensor.of(text, 1, CONTEXT));
        forward.predict();
        float[] probs = forward.output("probs").floats();

        Executor decode = step.executor(java.util.Map.of());
        double worst = 0;
        for (int t = 0; t < CONTEXT; t++) {
            decode.setInput("id", Tensor.of(new int[] {text[t]}, 1, 1));
            decode.predict();
            float[] logits = decode.output("logits").floats();
            double[] p = softmax(logits);
            for (int v = 0; v < 65; v++) {
                worst = Math.max(worst, Math.abs(p[v] - probs[t * 65 + v]));
            }
            for (String state : new String[] {"pos", "k_cache", "v_cache"}) {
                decode.setInput(state, decode.output(state + "_next"));
            }
        }
        assertThat(decode.input("pos").ints()[0]).isEqualTo(CONTEXT);
        assertThat(worst).as("largest difference of a probability").isLessThan(2e-6);
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
