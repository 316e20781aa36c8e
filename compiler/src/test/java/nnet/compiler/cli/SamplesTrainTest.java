package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.IoInfo;
import nnet.testing.Repo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample trains: compiled from its file, a few optimizer steps with its own optimizer and
 * learning rate on one fixed batch of data shaped like its inputs (pixels 0..255 or 0..16, labels
 * 0..9) make the loss fall by a fifth within 40 steps. The full data sets and figures are in the
 * samples' READMEs.
 */
class SamplesTrainTest {
    private static final int BATCH = 16;
    /** The most steps a sample may take to lower the loss by a fifth (a recurrent one is slower). */
    private static final int STEPS = 40;

    @ParameterizedTest
    @ValueSource(strings = {"samples/digits/digits.nnet", "samples/digits/regularized.nnet",
        "samples/fashion-mlp/mlp.nnet", "samples/fashion-cnn/cnn.nnet", "samples/fashion-resnet/resnet.nnet",
        "samples/fashion-gru/gru.nnet", "samples/char-lstm/char_lstm.nnet", "samples/seq2seq/seq2seq.nnet",
        "samples/tiny-gpt/tiny_gpt.nnet", "samples/sort-gpt/sort_gpt.nnet",
        "samples/moe/moe.nnet", "samples/t5-copy/t5_copy.nnet", "samples/fashion-vit/vit.nnet"})
    void aFewStepsOnOneBatchLowerTheLoss(String sample) {
        Model m = Nnet.compile(Repo.path(sample)).model();
        Executor ex = m.executor(BATCH);
        Random rnd = new Random(11);
        for (IoInfo in : m.info().io(IoInfo.Kind.INPUT)) {
            int[] shape = in.shape(new int[] {BATCH});
            Tensor t = Tensor.zeros(in.dtype(), shape);
            int top = in.dtype() == DType.I32 ? 10 : sample.contains("digits") ? 17 : 256;
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, rnd.nextInt(top));
            }
            ex.setInput(in.name(), t);
        }
        double lr = m.info().train().optimizer().get("lr");
        ex.gradients();
        double first = ex.loss();
        double loss = first;
        for (int i = 0; i < STEPS && loss >= 0.8 * first; i++) {
            // A step reports the loss before its update, so the last one tells where the previous left.
            ex.step(lr);
            loss = ex.loss();
        }
        ex.gradients();
        assertThat(Math.min(loss, ex.loss())).as("loss within %d steps, from %s", STEPS, first).isLessThan(0.8 * first);
    }
}
