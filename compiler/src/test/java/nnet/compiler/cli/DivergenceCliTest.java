package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose loss overflows stops with one line naming the epoch and the step, and saves nothing. */
class DivergenceCliTest {
    @TempDir
    Path dir;

    @Test
    void aLossThatOverflowsNamesTheEpochAndStep() throws IOException {
        Path model = Files.writeString(dir.resolve("m.nnet"), """
                model M {
                  input x: f32[batch, 64]
                  input label: i32[batch]
                  param w: [64, 10] = normal(0, 1)
                  loss = mean(exp(x @ w)) + 0 * sum(float(label))
                }

                train M {
                  optimizer = sgd(lr = 0.1)
                }
                """);
        Path weights = dir.resolve("w.safetensors");
        CheckCliTest.Run r = CheckCliTest.nnetc("train", model.toString(), "--data",
                Repo.path("samples/digits/digits.csv").toString(), "--save", weights.toString(), "--epochs", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: training M diverged in epoch 1, step 1: the loss became Infinity;"
                + " try a smaller learning rate\n");
        assertThat(weights).doesNotExist();
    }
}
