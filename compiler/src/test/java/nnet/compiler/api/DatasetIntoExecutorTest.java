package nnet.compiler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;
import nnet.runtime.model.TrainConfig;
import nnet.runtime.train.Trainer;
import nnet.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX images of unsigned bytes reach a compiled model's rank-4 input exactly, in the order asked for, and
 * a validation split shares them out without losing or repeating an example.
 */
class DatasetIntoExecutorTest {
    private static final String SOURCE = """
            model Images {
              input x: f32[batch, 1, 3, 2]
              input label: i32[batch]
              output mean_pixel = mean(reshape(x, [batch, 6]), 1)
              loss = cross_entropy(reshape(x, [batch, 6]), label)
            }

            train Images {
              optimizer = sgd(lr = 0.1)
              batch = 4
              validation = 0.3
            }
            """;

    @TempDir
    Path dir;

    private static double[] pixels(int n) {
        double[] p = new double[n * 6];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 53 + 200) % 256;
        }
        return p;
    }

    private Dataset load(int n, Model model) {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.UBYTE, new int[] {n, 3, 2}, pixels(n), true);
        double[] labels = new double[n];
        Arrays.setAll(labels, i -> i % 6);
        Path labelFile = IdxFiles.write(dir.resolve("labels"), IdxFiles.INT, new int[] {n}, labels, false);
        return DataFiles.perInput(Map.of("x", images, "label", labelFile)).load(model.info(), Set.of());
    }

    @Test
    void batchesArriveExactlyInTheOrderAskedFor() {
        Model model = Nnet.compile("images.nnet", SOURCE).model("Images");
        Dataset d = load(10, model);
        Executor ex = model.executor(3);
        d.fill(ex, new int[] {9, 4, 0, 7}, 1, 3);
        assertThat(ex.input("x").shape()).containsExactly(3, 1, 3, 2);
        double[] p = pixels(10);
        float[] expected = new float[18];
        int[] picked = {4, 0, 7};
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 6; j++) {
                expected[k * 6 + j] = (float) p[picked[k] * 6 + j];
            }
        }
        assertThat(ex.input("x").floats()).containsExactly(expected);
        assertThat(ex.input("label").ints()).containsExactly(4, 0, 1);
        ex.predict();
        assertThat(ex.output("mean_pixel").getDouble(1)).isEqualTo(Arrays.stream(p, 0, 6).sum() / 6, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-4);
    }

    @Test
    void aValidationSplitSharesOutEveryExampleOnce() {
        Model model = Nnet.compile("images.nnet", SOURCE).model("Images");
        Dataset d = load(20, model);
        TrainConfig config = model.info().train();
        Dataset[] parts = Trainer.split(d, config);
        assertThat(parts[0].size()).isEqualTo(14);
        assertThat(parts[1].size()).isEqualTo(6);
        List<String> seen = new ArrayList<>();
        for (Dataset part : parts) {
            Executor ex = model.executor(part.size());
            int[] order = new int[part.size()];
            Arrays.setAll(order, i -> i);
            part.fill(ex, order, 0, part.size());
            float[] x = ex.input("x").floats();
            int[] label = ex.input("label").ints();
            for (int k = 0; k < part.size(); k++) {
                seen.add(Arrays.toString(Arrays.copyOfRange(x, k * 6, k * 6 + 6)) + " " + label[k]);
            }
        }
        List<String> all = new ArrayList<>();
        double[] p = pixels(20);
        for (int i = 0; i < 20; i++) {
            float[] px = new float[6];
            for (int j = 0; j < 6; j++) {
                px[j] = (float) p[i * 6 + j];
            }
            all.add(Arrays.toString(px) + " " + i % 6);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        Trainer.Result r = new Trainer(model, config.withEpochs(2), null).fit(parts[0], parts[1]);
        assertThat(r.train().examples()).isEqualTo(14);
        assertThat(r.validation().examples()).isEqualTo(6);
    }
}
