package nnet.compiler.check;

import static nnet.compiler.check.LossCases.argument;
import static nnet.compiler.check.LossCases.reduced;
import static nnet.compiler.check.LossCases.reduction;
import static nnet.compiler.check.OpGradientTest.check;
import static nnet.compiler.check.OpGradientTest.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks (see {@link OpGradientTest}) of the losses over classes and binary targets: every
 * floating-point operand that is an input or a parameter is checked, class weights, class
 * probabilities, targets and pos_weight included, over random shapes, reductions and options.
 */
class ClassLossGradientTest {

    /** Logits [rows[0], C, rows[1:]...], or [C] for no rows. */
    private static List<String> logits(List<String> rows, int classes) {
        List<String> shape = new ArrayList<>(rows);
        shape.add(rows.isEmpty() ? 0 : 1, String.valueOf(classes));
        return shape;
    }

    /** No rows (unbatched), or rows whose first dim is, one time in three, the run-time dim batch. */
    private static List<String> rows(CaseBuilder b) {
        return LossCases.batched(b, b.rnd().nextInt(5) == 0 ? List.of() : shape(b.rnd(), 1, 3));
    }

    /** The weight argument (one time in three none), an input or parameter of C positive entries. */
    private static String weight(CaseBuilder b, int classes) {
        if (b.rnd().nextInt(3) == 0) {
            return "";
        }
        return ", weight = " + LossCases.operand(b, "w", List.of(String.valueOf(classes)), Values.uniform(0.2, 2));
    }

    private static String smoothing(Random rnd) {
        return rnd.nextBoolean() ? "" : ", label_smoothing = " + (1 + rnd.nextInt(4)) * 0.2;
    }

    /** Class indices with weights, ignore_index, label smoothing and every reduction. */
    @Test
    void crossEntropyOverClassIndices() {
        check("cross_entropy indices", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("cross_entropy indices", rnd);
            int classes = 1 + rnd.nextInt(5);
            List<String> rows = rows(b);
            String x = LossCases.operand(b, "x", logits(rows, classes), Values.uniform(-2, 2));
            String options = weight(b, classes) + smoothing(rnd) + ignoreIndex(b, rows, classes);
            String r = reduction(rnd);
            String y = b.let("y", "cross_entropy(" + x + ", label" + options + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, rows));
        }, GradientCheck.TOLERANCE);
    }

    /** Declares the labels; the ignored index is -100 or one written out, a class or not. */
    private static String ignoreIndex(CaseBuilder b, List<String> rows, int classes) {
        Random rnd = b.rnd();
        boolean other = rnd.nextBoolean();
        int ignored = !other ? -100 : classes == 1 ? 1 + rnd.nextInt(2) : rnd.nextInt(classes + 1);
        b.labels("label", rows, classes, ignored, rows.isEmpty() ? 0 : 0.3);
        return other ? ", ignore_index = " + ignored : "";
    }

    /** Class probabilities (any non-negative values; PyTorch does not normalise them). */
    @Test
    void crossEntropyOverClassProbabilities() {
        check("cross_entropy probabilities", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("cross_entropy probabilities", rnd);
            int classes = 1 + rnd.nextInt(5);
            List<String> rows = rows(b);
            String x = LossCases.operand(b, "x", logits(rows, classes), Values.uniform(-2, 2));
            String p = LossCases.operand(b, "p", logits(rows, classes), Values.uniform(0, 1));
            String options = weight(b, classes) + smoothing(rnd);
            String r = reduction(rnd);
            String y = b.let("y", "cross_entropy(" + x + ", " + p + options + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, rows));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void nllLoss() {
        check("nll_loss", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("nll_loss", rnd);
            int classes = 1 + rnd.nextInt(5);
            List<String> rows = rows(b);
            String x = LossCases.operand(b, "x", logits(rows, classes), Values.uniform(-3, 0));
            String options = weight(b, classes) + ignoreIndex(b, rows, classes);
            String r = reduction(rnd);
            String y = b.let("y", "nll_loss(" + x + ", label" + options + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, rows));
        }, GradientCheck.TOLERANCE);
    }

    /** A weight that broadcasts to the input's shape (a scalar, a row, or the full shape), or none. */
    private static String broadcastWeight(CaseBuilder b, String name, String argument, List<String> shape) {
        if (b.rnd().nextInt(3) == 0) {
            return "";
        }
        List<String> s = Shapes.broadcastable(b.rnd(), shape, 0.3);
        return ", " + argument + " = " + LossCases.operand(b, name, s, Values.uniform(0.3, 3));
    }

    @Test
    void binaryCrossEntropy() {
        check("binary_cross_entropy", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("binary_cross_entropy", rnd);
            List<String> s = LossCases.batched(b, shape(rnd, 0, 3));
            String x = LossCases.operand(b, "x", s, Values.uniform(0.05, 0.95));
            String t = LossCases.operand(b, "t", s, Values.uniform(0, 1));
            String r = reduction(rnd);
            String call = "binary_cross_entropy(" + x + ", " + t + broadcastWeight(b, "w", "weight", s)
                    + argument(rnd, r);
            return b.weightedLoss(b.let("y", call + ")"), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void binaryCrossEntropyWithLogits() {
        check("binary_cross_entropy_with_logits", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("binary_cross_entropy_with_logits", rnd);
            List<String> s = shape(rnd, 0, 3);
            String x = LossCases.operand(b, "x", s, Values.uniform(-4, 4));
            String t = LossCases.operand(b, "t", s, Values.uniform(0, 1));
            String r = reduction(rnd);
            String call = "binary_cross_entropy_with_logits(" + x + ", " + t + broadcastWeight(b, "w", "weight", s)
                    + broadcastWeight(b, "pw", "pos_weight", s) + argument(rnd, r);
            return b.weightedLoss(b.let("y", call + ")"), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void multilabelSoftMarginLoss() {
        check("multilabel_soft_margin_loss", 30, rnd -> {
            CaseBuilder b = new CaseBuilder("multilabel_soft_margin_loss", rnd);
            List<String> s = LossCases.batched(b, shape(rnd, 1, 3));
            String x = LossCases.operand(b, "x", s, Values.uniform(-3, 3));
            String t = LossCases.operand(b, "t", s, Values.uniform(0, 1));
            String r = reduction(rnd);
            String call = "multilabel_soft_margin_loss(" + x + ", " + t + broadcastWeight(b, "w", "weight", s)
                    + argument(rnd, r);
            return b.weightedLoss(b.let("y", call + ")"), reduced(r, s.subList(0, s.size() - 1)));
        }, GradientCheck.TOLERANCE);
    }
}
