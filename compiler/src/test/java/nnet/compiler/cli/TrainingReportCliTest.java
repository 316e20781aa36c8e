package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import nnet.testing.Repo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a training run shows and writes: a line per epoch with the validation figures and the lr (no
 * carriage returns or escape codes, since the output is not a terminal), the JSON-lines log with a
 * record per step and per epoch, the SVG plot (the same drawn live and from the log afterwards), the
 * confusion matrix at the end and in eval; and output paths that cannot work refused before training.
 */
class TrainingReportCliTest {
    private static final String SOURCE = """
            import nn

            model Digits {
              input x: f32[batch, 64]
              input label: i32[batch]
              h = relu(nn.linear(x / 16, 32))
              logits = nn.linear(h, 10)
              output probs = softmax(logits)
              loss = cross_entropy(logits, label)
              metric accuracy = accuracy(logits, label)
              metric f1 = f1_score(logits, label)
              metric confusion = confusion_matrix(logits, label)
            }

            // The same network on the images upside down, with no train section of its own.
            model Flipped {
              input x: f32[batch, 64]
              input label: i32[batch]
              h = relu(nn.linear(reshape(flip(reshape(x / 16, [-1, 8, 8]), [1]), [-1, 64]), 32) as h)
              logits = nn.linear(h, 10) as logits
              loss = cross_entropy(logits, label)
              metric accuracy = accuracy(logits, label)
            }

            train Digits {
              optimizer = adam(lr = 1e-3)
              batch = 32
              epochs = 2
              seed = 7
              validation = 0.2
            }
            """;

    @TempDir
    static Path dir;
    static Path model;
    static String data;
    static CheckCliTest.Run training;

    @BeforeAll
    static void train() throws IOException {
        model = Files.writeString(dir.resolve("digits.nnet"), SOURCE);
        data = Repo.path("samples/digits/digits.csv").toString();
        training = CheckCliTest.nnetc("train", model.toString(), "--data", data, "--log", dir.resolve("run.jsonl").toString(),
                "--plot", dir.resolve("run.svg").toString(), "--save", dir.resolve("w.safetensors").toString());
    }

    @Test
    void printsALinePerEpochWithValidationFiguresAndTheRate() {
        assertThat(training.code()).as(training.err()).isZero();
        List<String> epochs = training.out().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1)).containsPattern("^epoch 2/2  loss [0-9.]+  accuracy [0-9.]+  f1 [0-9.]+  val_loss [0-9.]+"
                + "  val_accuracy [0-9.]+  val_f1 [0-9.]+  lr 0.001  [0-9,]+ samples/s$");
        assertThat(training.out()).doesNotContain("\r", "\u001b").contains(", 2 epochs\n")
                .contains("confusion (row: target class, column: predicted class)");
    }

    @Test
    void theLogHasARecordPerStepAndPerEpoch() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("run.jsonl"));
        // 1,438 training examples in batches of 32: 45 steps per epoch.
        assertThat(lines).hasSize(1 + 2 * 45 + 2);
        assertThat(lines.get(0)).startsWith("{\"event\":\"start\",\"model\":\"Digits\"").contains("\"steps_per_epoch\":45");
        assertThat(lines.get(1)).startsWith("{\"event\":\"step\",\"epoch\":1,\"step\":1,\"loss\":").contains("\"f1\":")
                .doesNotContain("confusion");
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("{\"event\":\"epoch\",\"epoch\":2,\"step\":90,").contains("\"val_f1\":", "\"lr\":0.001",
                "\"confusion\":[[", "\"val_confusion\":[[");
        assertThat(sumOfMatrix(last, "\"val_confusion\":")).isEqualTo(359);
        assertThat(sumOfMatrix(last, "\"confusion\":")).isEqualTo(1438);
    }

    private static long sumOfMatrix(String line, String field) {
        String rest = line.substring(line.indexOf(field) + field.length());
        String matrix = rest.substring(0, rest.indexOf("]]") + 2);
        long sum = 0;
        for (String n : matrix.replaceAll("[\\[\\]]", " ").replace(',', ' ').trim().split("\\s+")) {
            sum += Long.parseLong(n);
        }
        return sum;
    }

    @Test
    void thePlotIsWrittenLiveAndAgainTheSameFromTheLog() throws Exception {
        Path live = dir.resolve("run.svg");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(live.toFile());
        Path again = dir.resolve("again.svg");
        CheckCliTest.Run r = CheckCliTest.nnetc("plot", dir.resolve("run.jsonl").toString(), "-o", again.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(live)).contains(">Digits: training<");
    }

    @Test
    void evalPrintsEveryMetricAndTheConfusionMatrix() {
        CheckCliTest.Run r = CheckCliTest.nnetc("eval", model.toString(), "--data", data, "--weights",
                dir.resolve("w.safetensors").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("^loss [0-9.]+  accuracy [0-9.]+  f1 [0-9.]+  \\(1797 examples\\)\n")
                .contains("confusion (row: target class, column: predicted class)");
    }

    @Test
    void aModelWithALossButNoTrainSectionIsEvaluatedWithAnothersWeights() {
        CheckCliTest.Run r = CheckCliTest.nnetc("eval", model.toString(), "--model", "Flipped", "--data", data,
                "--weights", dir.resolve("w.safetensors").toString());
        assertThat(r.code()).as(r.err()).isZero();
        double flipped = Double.parseDouble(r.out().replaceAll("(?s).*accuracy ([0-9.]+).*", "$1"));
        CheckCliTest.Run upright = CheckCliTest.nnetc("eval", model.toString(), "--data", data, "--weights",
                dir.resolve("w.safetensors").toString());
        double accuracy = Double.parseDouble(upright.out().replaceAll("(?s).*accuracy ([0-9.]+).*", "$1"));
        assertThat(flipped).as("accuracy on flipped digits, against %s upright", accuracy).isLessThan(accuracy - 0.2);
    }

    @Test
    void predictWritesNumPyArraysEqualToTheCsv() throws IOException {
        Path csv = dir.resolve("p.csv");
        Path npy = dir.resolve("p.npy");
        Path npz = dir.resolve("p.npz");
        for (Path out : List.of(csv, npy, npz)) {
            CheckCliTest.Run r = CheckCliTest.nnetc("predict", model.toString(), "--data", data, "--weights",
                    dir.resolve("w.safetensors").toString(), "--out", out.toString(), "--batch", "100");
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).startsWith("probs_0,probs_1,").endsWith(",probs_9,probs_argmax");
        nnet.runtime.Tensor probs = nnet.runtime.io.Npy.read(Files.newInputStream(npy), npy.toString());
        assertThat(probs.shape()).containsExactly(1797, 10);
        assertThat(nnet.runtime.io.Npz.read(npz).get("probs").floats()).containsExactly(probs.floats());
        String[] row = rows.get(1797).split(",");
        for (int k = 0; k < 10; k++) {
            assertThat(Float.parseFloat(row[k])).isEqualTo(probs.floats()[1796 * 10 + k]);
        }
    }

    @Test
    void quietPrintsNoProgress() {
        CheckCliTest.Run r = CheckCliTest.nnetc("train", model.toString(), "--data", data, "--epochs", "1", "--quiet",
                "--save", dir.resolve("q.safetensors").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("epoch 1/1", "training Digits").startsWith("held-out loss");
    }

    @Test
    void outputPathsThatCannotWorkAreRefusedBeforeTraining() {
        Path weights = dir.resolve("never.safetensors");
        CheckCliTest.Run png = CheckCliTest.nnetc("train", model.toString(), "--data", data, "--plot", "run.png",
                "--save", weights.toString());
        assertThat(png.code()).isEqualTo(2);
        assertThat(png.err()).contains("--plot writes SVG; give a file name ending in .svg, got run.png");
        CheckCliTest.Run log = CheckCliTest.nnetc("train", model.toString(), "--data", data, "--log",
                dir.resolve("missing/run.jsonl").toString(), "--save", weights.toString());
        assertThat(log.code()).isEqualTo(1);
        assertThat(log.err()).contains("run.jsonl: cannot write the training log: no such directory");
        assertThat(log.out()).doesNotContain("epoch 1/");
        assertThat(weights).doesNotExist();
    }

    @Test
    void plottingSomethingThatIsNotALogIsAClearError() {
        CheckCliTest.Run r = CheckCliTest.nnetc("plot", model.toString(), "-o", dir.resolve("x.svg").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: " + model + ":1: not a JSON line of a training log");
    }
}
