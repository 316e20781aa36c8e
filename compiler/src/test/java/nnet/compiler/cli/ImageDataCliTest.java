package nnet.compiler.cli;

import static nnet.compiler.cli.CheckCliTest.nnetc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nnet.compiler.cli.CheckCliTest.Run;
import nnet.testing.IdxFiles;
import nnet.testing.NpyFiles;
import nnet.testing.Repo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nnetc train, eval and predict on image data sets given as IDX, NPY and NPZ files: a tiny model learns
 * whether the first pixel of a 2×2 image is bright, from unsigned bytes as MNIST stores them. The same
 * examples in any format must give the same figures, to the last digit.
 */
class ImageDataCliTest {
    private static final String SOURCE = """
            import nn

            model Tiny {
              input x: f32[batch, 1, 2, 2]
              input label: i32[batch]

              pixels = reshape(x, [batch, 4]) / 255
              logits = nn.linear(pixels, 2)
              output probs = softmax(logits)

              loss = cross_entropy(logits, label)
              metric accuracy = accuracy(logits, label)
            }

            train Tiny {
              optimizer = adam(lr = 0.05)
              batch = 16
              epochs = 40
              seed = 3
              validation = 0.25
            }
            """;
    private static final Pattern FIGURES = Pattern.compile("(?m)^(?:held-out )?loss ([0-9.]+)\\s+accuracy ([0-9.]+)"
            + "\\s+\\((\\d+) examples\\)$");

    @TempDir
    static Path dir;
    static Path model;
    static Path weights;
    static Examples train;
    static Examples test;
    static Run training;

    /** Images of 2×2 unsigned bytes, labelled 1 when the first pixel is above 127. */
    record Examples(double[] pixels, double[] labels, Path images, Path labelFile) {
        static Examples make(String name, int n, long seed) {
            Random random = new Random(seed);
            double[] pixels = new double[n * 4];
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 4; j++) {
                    pixels[i * 4 + j] = random.nextInt(256);
                }
                labels[i] = pixels[i * 4] > 127 ? 1 : 0;
            }
            Path images = IdxFiles.write(dir.resolve(name + "-images-idx3-ubyte.gz"), IdxFiles.UBYTE,
                    new int[] {n, 2, 2}, pixels, true);
            Path labelFile = IdxFiles.write(dir.resolve(name + "-labels-idx1-ubyte"), IdxFiles.UBYTE, new int[] {n},
                    labels, false);
            return new Examples(pixels, labels, images, labelFile);
        }

        int size() {
            return labels.length;
        }

        String[] dataOptions() {
            return new String[] {"--data", "x=" + images, "--data", "label=" + labelFile};
        }
    }

    @BeforeAll
    static void trainOnIdxFiles() throws IOException {
        model = Files.writeString(dir.resolve("tiny.nnet"), SOURCE);
        train = Examples.make("train", 400, 1);
        test = Examples.make("t10k", 200, 2);
        weights = dir.resolve("tiny.safetensors");
        training = nnetc(concat(new String[] {"train", model.toString(), "--save", weights.toString(), "--quiet"},
                train.dataOptions()));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Run eval(String... data) {
        return nnetc(concat(new String[] {"eval", model.toString(), "--weights", weights.toString()}, data));
    }

    private static double[] figures(Run r, int examples) {
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = FIGURES.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(examples);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void trainsOnIdxFilesAndHoldsOutAQuarter() {
        assertThat(training.code()).as(training.err()).isZero();
        assertThat(training.err()).isEmpty();
        assertThat(figures(training, 100)[1]).isGreaterThanOrEqualTo(0.9);
        assertThat(training.out()).endsWith("saved weights to " + weights + "\n");
    }

    @Test
    void evalUsesASeparateTestSetInAnyFormatWithTheSameResult() throws IOException {
        Run idx = eval(test.dataOptions());
        double[] expected = figures(idx, test.size());
        assertThat(expected[1]).isGreaterThanOrEqualTo(0.9);

        Path x = NpyFiles.write(dir.resolve("x.npy"), NpyFiles.npy("|u1", new int[] {test.size(), 4}, test.pixels()));
        Path label = NpyFiles.write(dir.resolve("label.npy"), NpyFiles.npy("<i8", new int[] {test.size()},
                test.labels()));
        assertThat(eval("--data", "x=" + x, "--data", "label=" + label).out()).isEqualTo(idx.out());

        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("label", NpyFiles.npy("<f4", new int[] {test.size()}, test.labels()));
        arrays.put("x", NpyFiles.npy("<f8", new int[] {test.size(), 1, 2, 2}, test.pixels()));
        Path npz = NpyFiles.npz(dir.resolve("test.npz"), arrays);
        assertThat(eval("--data", npz.toString()).out()).isEqualTo(idx.out());

        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < test.size(); i++) {
            for (int j = 0; j < 4; j++) {
                csv.append((int) test.pixels()[i * 4 + j]).append(',');
            }
            csv.append((int) test.labels()[i]).append('\n');
        }
        Path csvFile = Files.writeString(dir.resolve("test.csv"), csv);
        assertThat(eval("--data", csvFile.toString()).out()).isEqualTo(idx.out());
    }

    @Test
    void predictNeedsNoLabels() throws IOException {
        Path out = dir.resolve("predictions.csv");
        Run r = nnetc("predict", model.toString(), "--weights", weights.toString(), "--data", "x=" + test.images(),
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("probs_0,probs_1,probs_argmax");
        assertThat(rows).hasSize(test.size() + 1);
        int agree = 0;
        for (int i = 0; i < test.size(); i++) {
            String[] fields = rows.get(i + 1).split(",");
            agree += Integer.parseInt(fields[2]) == (int) test.labels()[i] ? 1 : 0;
        }
        assertThat(agree).isGreaterThanOrEqualTo(180);

        Path withLabels = dir.resolve("with-labels.csv");
        Run labelled = nnetc(concat(new String[] {"predict", model.toString(), "--weights", weights.toString(),
            "--out", withLabels.toString()}, test.dataOptions()));
        assertThat(labelled.code()).as(labelled.err()).isZero();
        assertThat(Files.readAllLines(withLabels)).isEqualTo(rows);
    }

    /** The sample's shapes as the Fashion-MNIST files have them: [N, 28, 28] images, [N] labels. */
    @Test
    void theFashionSampleTakesFilesShapedLikeFashionMnist() {
        Random random = new Random(5);
        double[] pixels = new double[100 * 784];
        Arrays.setAll(pixels, i -> random.nextInt(256));
        double[] labels = new double[100];
        Arrays.setAll(labels, i -> i % 10);
        Path images = IdxFiles.write(dir.resolve("fashion-images.gz"), IdxFiles.UBYTE, new int[] {100, 28, 28}, pixels,
                true);
        Path labelFile = IdxFiles.write(dir.resolve("fashion-labels.gz"), IdxFiles.UBYTE, new int[] {100}, labels,
                true);
        Run r = nnetc("train", Repo.path("samples/fashion-mlp/mlp.nnet").toString(), "--data", "x=" + images,
                "--data", "label=" + labelFile, "--epochs", "1", "--save",
                dir.resolve("fashion.safetensors").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("training FashionMlp on 100 examples (0 held out)").contains("epoch 1/1");
    }

    private static void oneLineError(Run r, int code, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).startsWith("error: " + message + "\n");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    }

    @Test
    void mistakesAreOneLineNamingTheFileOrTheInputs() throws IOException {
        String inputs = "x: f32[batch, 1, 2, 2], label: i32[batch]";
        oneLineError(eval("--data", "x=" + test.images(), "--data", "lable=" + test.labelFile()), 1,
                "model Tiny has no input 'lable'; its inputs: " + inputs);
        oneLineError(eval("--data", "x=" + test.images()), 1,
                "no data for input 'label'; give label=FILE for it (inputs: " + inputs + ")");
        oneLineError(eval("--data", "x=" + test.images(), "--data", test.labelFile().toString()), 2,
                "--data " + test.labelFile() + " feeds every input, so it cannot be combined with --data x=FILE");

        double[] wrong = test.labels().clone();
        wrong[7] = 5;
        Path badLabels = IdxFiles.write(dir.resolve("bad-labels"), IdxFiles.UBYTE, new int[] {wrong.length}, wrong,
                true);
        oneLineError(eval("--data", "x=" + test.images(), "--data", "label=" + badLabels), 1,
                badLabels + ": example 7: class index 5 is out of range; the model has 2 classes (0 to 1)");

        byte[] bytes = Files.readAllBytes(test.labelFile());
        Path cut = Files.write(dir.resolve("cut-labels"), Arrays.copyOf(bytes, bytes.length - 50));
        oneLineError(eval("--data", "x=" + test.images(), "--data", "label=" + cut), 1,
                cut + ": the file ends before example 150: 200 examples of ubyte need 200 bytes of data, found 150");
        Path big = IdxFiles.write(dir.resolve("big"), IdxFiles.UBYTE, new int[] {200, 28, 28}, new double[200 * 784],
                false);
        oneLineError(eval("--data", "x=" + big, "--data", "label=" + test.labelFile()), 1,
                big + ": the array is uint8[200, 28, 28], 784 elements per example, but input 'x' is "
                        + "f32[batch, 1, 2, 2], 4 per example");
    }
}
