package nnet.compiler.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small classifier that exercises every piece of state a resumed run must restore: Adam's moments and
 * step count, a learning-rate schedule, dropout (random numbers drawn per step), batch norm's running
 * statistics, gradient clipping, shuffling and a validation split; and a CSV of three noisy clusters for it.
 */
public final class ResumeFixture {
    public static final String SOURCE = """
            import nn

            model Blobs {
              input x: f32[batch, 4]
              input label: i32[batch]

              logits = nn.mlp(x, [16, 3], dropout = 0.25, batch_norm = true) as mlp
              output probs = softmax(logits)

              loss = cross_entropy(logits, label)
              metric accuracy = accuracy(logits, label)
            }

            train Blobs {
              optimizer = adam(lr = 0.02)
              schedule = step_lr(step_size = 2, gamma = 0.5)
              clip_grad_norm = 1.0
              batch = 8
              epochs = 5
              seed = 3
              validation = 0.2
            }
            """;

    /** The same model with another hidden width: what "the checkpoint of another model" looks like. */
    public static final String WIDER = SOURCE.replace("[16, 3]", "[24, 3]");

    private ResumeFixture() {
    }

    /** {@code rows} examples of 3 classes around different centres, seeded. */
    public static Path csv(Path file, int rows, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("x0,x1,x2,x3,label\n");
        for (int i = 0; i < rows; i++) {
            int label = rng.nextInt(3);
            for (int j = 0; j < 4; j++) {
                double centre = (j == label ? 2.0 : 0.0) - (j == 3 ? label : 0);
                sb.append(String.format(Locale.ROOT, "%.4f,", centre + rng.nextDouble(-1, 1)));
            }
            sb.append(label).append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    public static Path source(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
