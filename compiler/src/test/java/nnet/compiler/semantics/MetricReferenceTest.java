package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;
import nnet.runtime.io.Npz;
import nnet.runtime.train.Metrics;
import nnet.runtime.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of the prelude evaluated over a data set in uneven batches (23 examples, batches of 5)
 * equal the figures computed here directly from all examples at once, with scikit-learn's definitions:
 * so F1, RMSE, R² and perplexity are those of the whole pass, not averages of per-batch figures.
 */
class MetricReferenceTest {
    private static final String SOURCE = """
            model M {
              input scores: f32[batch, 4]
              input label: i32[batch]
              input pred: f32[batch, 2]
              input target: f32[batch, 2]
              param b: [4] = zeros
              logits = scores + b
              loss = cross_entropy(logits, label) + mse_loss(pred, target)
              metric acc = accuracy(logits, label)
              metric top2 = top_k_accuracy(logits, label, 2)
              metric cm = confusion_matrix(logits, label)
              metric prec = precision(logits, label)
              metric rec = recall(logits, label)
              metric f1 = f1_score(logits, label)
              metric ppl = perplexity(logits, label)
              metric mae = mae(pred, target)
              metric rmse = rmse(pred, target)
              metric r2 = r2_score(pred, target)
            }
            train M {
              optimizer = sgd(lr = 0.1)
              batch = 5
              epochs = 1
            }
            """;
    private static final int N = 23;
    private static final int C = 4;
    private static final int BATCH = 5;

    @TempDir
    static Path dir;
    static float[] scores = new float[N * C];
    /** Classes 0 to 2 only: class 3 may be predicted but is never a target. */
    static int[] label = new int[N];
    static float[] pred = new float[N * 2];
    static float[] target = new float[N * 2];
    static Metrics measured;

    @BeforeAll
    static void evaluate() {
        Random rnd = new Random(11);
        for (int i = 0; i < N; i++) {
            label[i] = rnd.nextInt(3);
            for (int k = 0; k < C; k++) {
                scores[i * C + k] = (float) rnd.nextGaussian() + (k == label[i] ? 0.8f : 0);
            }
            for (int j = 0; j < 2; j++) {
                target[i * 2 + j] = (float) (3 * j + rnd.nextGaussian());
                pred[i * 2 + j] = (float) (target[i * 2 + j] + 0.7 * rnd.nextGaussian());
            }
        }
        Path data = dir.resolve("data.npz");
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("scores", Tensor.of(scores, N, C));
        arrays.put("label", Tensor.of(label, N));
        arrays.put("pred", Tensor.of(pred, N, 2));
        arrays.put("target", Tensor.of(target, N, 2));
        Npz.write(data, arrays);
        Model model = Nnet.compile("M", SOURCE).model("M");
        model.initialize(1);
        Dataset d = DataFiles.of(data).load(model.info(), java.util.Set.of());
        measured = new Trainer(model, model.info().train(), null).evaluate(d, BATCH);
    }

    private static int argmax(int row) {
        int best = 0;
        for (int k = 1; k < C; k++) {
            if (scores[row * C + k] > scores[row * C + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double metric(String name) {
        return measured.metrics().get(name);
    }

    @Test
    void accuracyAndTopKCountEveryExample() {
        int hits = 0;
        int top2 = 0;
        for (int i = 0; i < N; i++) {
            hits += argmax(i) == label[i] ? 1 : 0;
            int above = 0;
            for (int k = 0; k < C; k++) {
                above += scores[i * C + k] > scores[i * C + label[i]] ? 1 : 0;
            }
            top2 += above < 2 ? 1 : 0;
        }
        assertThat(metric("acc")).isCloseTo((double) hits / N, within(1e-6));
        assertThat(metric("top2")).isCloseTo((double) top2 / N, within(1e-6));
        assertThat(top2).isGreaterThan(hits);
    }

    @Test
    void confusionMatrixCountsTargetsByPrediction() {
        long[][] expected = new long[C][C];
        for (int i = 0; i < N; i++) {
            expected[label[i]][argmax(i)]++;
        }
        assertThat(measured.matrices().get("cm")).isDeepEqualTo(expected);
        assertThat(measured.metrics()).doesNotContainKey("cm");
    }

    @Test
    void macroAveragesOverClassesSeenAsTargetOrPrediction() {
        double[] p = new double[3];
        int classes = 0;
        for (int k = 0; k < C; k++) {
            int tp = 0;
            int predicted = 0;
            int actual = 0;
            for (int i = 0; i < N; i++) {
                tp += argmax(i) == k && label[i] == k ? 1 : 0;
                predicted += argmax(i) == k ? 1 : 0;
                actual += label[i] == k ? 1 : 0;
            }
            if (predicted + actual == 0) {
                continue;
            }
            classes++;
            p[0] += predicted == 0 ? 0 : (double) tp / predicted;
            p[1] += actual == 0 ? 0 : (double) tp / actual;
            p[2] += 2.0 * tp / (predicted + actual);
        }
        assertThat(metric("prec")).isCloseTo(p[0] / classes, within(1e-6));
        assertThat(metric("rec")).isCloseTo(p[1] / classes, within(1e-6));
        assertThat(metric("f1")).isCloseTo(p[2] / classes, within(1e-6));
    }

    @Test
    void perplexityIsTheExponentialOfTheMeanCrossEntropy() {
        double total = 0;
        for (int i = 0; i < N; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < C; k++) {
                max = Math.max(max, scores[i * C + k]);
            }
            double sum = 0;
            for (int k = 0; k < C; k++) {
                sum += Math.exp(scores[i * C + k] - max);
            }
            total += max + Math.log(sum) - scores[i * C + label[i]];
        }
        assertThat(metric("ppl")).isCloseTo(Math.exp(total / N), within(1e-5));
    }

    @Test
    void regressionFiguresAreOverAllExamples() {
        double abs = 0;
        double sq = 0;
        double r2 = 0;
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (int i = 0; i < N; i++) {
                mean += target[i * 2 + j] / (double) N;
            }
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < N; i++) {
                double d = pred[i * 2 + j] - target[i * 2 + j];
                abs += Math.abs(d);
                sq += d * d;
                sse += d * d;
                sst += (target[i * 2 + j] - mean) * (target[i * 2 + j] - mean);
            }
            r2 += (1 - sse / sst) / 2;
        }
        assertThat(metric("mae")).isCloseTo(abs / (2 * N), within(1e-5));
        assertThat(metric("rmse")).isCloseTo(Math.sqrt(sq / (2 * N)), within(1e-5));
        assertThat(metric("r2")).isCloseTo(r2, within(1e-5));
    }

    private static String model(String metric) {
        return "model M {\n  input scores: f32[batch, 4]\n  input label: i32[batch]\n  param b: [4] = zeros\n"
                + "  loss = cross_entropy(scores + b, label)\n  " + metric + "\n}\n";
    }

    @Test
    void misuseIsAnErrorAtTheMetric() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nnet.compile("M", model(
                "metric t = top_k_accuracy(scores, label, 0)"))).hasMessageContaining("top_k_accuracy needs k >= 1, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nnet.compile("M", model(
                "metric f = f1_score(scores, scores)"))).hasMessageContaining(
                "f1_score needs one class index per row of f32[batch, 4], got f32[batch, 4]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nnet.compile("M", model(
                "metric m = scores"))).hasMessageContaining("metric 'm' must be a scalar, got f32[batch, 4]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nnet.compile("M", model(
                "metric m = metric_kind(scores, \"median\")"))).hasMessageContaining("\"median\"");
    }

    /** The test above can tell: the mean of per-batch RMSEs is not the RMSE of the pass. */
    @Test
    void averagingPerBatchFiguresWouldDiffer() {
        double meanOfBatches = 0;
        double weights = 0;
        for (int from = 0; from < N; from += BATCH) {
            int count = Math.min(BATCH, N - from);
            double sq = 0;
            for (int i = from; i < from + count; i++) {
                for (int j = 0; j < 2; j++) {
                    double d = pred[i * 2 + j] - target[i * 2 + j];
                    sq += d * d;
                }
            }
            meanOfBatches += Math.sqrt(sq / (2 * count)) * count;
            weights += count;
        }
        assertThat(Math.abs(meanOfBatches / weights - metric("rmse"))).isGreaterThan(1e-3);
    }
}
