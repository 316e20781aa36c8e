package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time, checked against central differences in f64 (fused and unfused): scans
 * of random lengths over random cells — an Elman cell with its weights declared in the step, a gated
 * cell with two carries, several sequences with extra operands, steps run in reverse or along dim 1 —
 * with losses on the stacked results, the final carries, or both.
 */
class LoopGradientTest {
    private static final int TRIES = 25;

    private static void check(String name, java.util.function.Function<Random, ModelCase> generator) {
        OpGradientTest.check(name, TRIES, generator, GradientCheck.TOLERANCE);
    }

    private static List<String> shape(Object... dims) {
        List<String> s = new ArrayList<>();
        for (Object d : dims) {
            s.add(String.valueOf(d));
        }
        return s;
    }

    /** An Elman cell: h' = tanh(x·W_ihᵀ + h·W_hhᵀ + b), its weights declared in the step function. */
    @Test
    void elmanCellWithWeightsInTheStep() {
        check("elman", rnd -> {
            CaseBuilder b = new CaseBuilder("elman", rnd);
            int steps = 1 + rnd.nextInt(4);
            int batch = 1 + rnd.nextInt(3);
            int in = 1 + rnd.nextInt(3);
            int hidden = 1 + rnd.nextInt(3);
            b.function("fn cell(x, h) {\n"
                    + "  param w_ih: [" + hidden + ", " + in + "] = uniform(-0.8, 0.8)\n"
                    + "  param w_hh: [" + hidden + ", " + hidden + "] = uniform(-0.8, 0.8)\n"
                    + "  param b: [" + hidden + "] = uniform(-0.5, 0.5)\n"
                    + "  h = tanh(x @ transpose(w_ih, 0, 1) + h @ transpose(w_hh, 0, 1) + b)\n"
                    + "  return h, h\n}");
            String xs = b.input("xs", shape(steps, batch, in), Values.uniform(-1, 1));
            String h0 = b.operand("h0", shape(batch, hidden), Values.uniform(-1, 1));
            b.let("hn, ys", "scan(cell, " + xs + ", " + h0 + ")" + (rnd.nextBoolean() ? " as rnn" : ""));
            return loss(b, rnd, "ys", shape(steps, batch, hidden), "hn", shape(batch, hidden));
        });
    }

    /** A gated cell with two carries, weights passed in as extra operands, maybe run in reverse. */
    @Test
    void gatedCellWithTwoCarries() {
        check("gated", rnd -> {
            CaseBuilder b = new CaseBuilder("gated", rnd);
            int steps = 1 + rnd.nextInt(4);
            int batch = 1 + rnd.nextInt(2);
            int n = 1 + rnd.nextInt(3);
            b.function("fn cell(x, h, c, w, u) {\n"
                    + "  g = sigmoid(x @ w + h @ u)\n"
                    + "  c = g * c + (1 - g) * tanh(x @ w)\n"
                    + "  h = tanh(c) * g\n"
                    + "  return h, c, h * c\n}");
            String xs = b.operand("xs", shape(steps, batch, n), Values.uniform(-1, 1));
            String h0 = b.operand("h0", shape(batch, n), Values.uniform(-1, 1));
            String c0 = b.operand("c0", shape(batch, n), Values.uniform(-1, 1));
            String w = b.operand("w", shape(n, n), Values.uniform(-1, 1));
            String u = b.operand("u", shape(n, n), Values.uniform(-1, 1));
            String reverse = rnd.nextBoolean() ? ", reverse = true" : "";
            b.let("hn, cn, ys", "scan(cell, " + xs + ", (" + h0 + ", " + c0 + "), extra = (" + w + ", " + u + ")" + reverse + ")");
            b.let("finals", "hn + 2 * cn");
            return loss(b, rnd, "ys", shape(steps, batch, n), "finals", shape(batch, n));
        });
    }

    /** Two sequences stepped together along dim 1 (batch first), no carry read by the loss. */
    @Test
    void twoSequencesBatchFirst() {
        check("two sequences", rnd -> {
            CaseBuilder b = new CaseBuilder("two sequences", rnd);
            int steps = 1 + rnd.nextInt(4);
            int batch = 1 + rnd.nextInt(3);
            int n = 1 + rnd.nextInt(3);
            b.function("fn cell(a, m, s, scale) {\n"
                    + "  s = s * scale + a * m\n"
                    + "  return s, exp(s) * a, m * m\n}");
            String a = b.operand("a", shape(batch, steps, n), Values.uniform(-1, 1));
            String m = b.operand("m", shape(batch, steps, n), Values.uniform(-1, 1));
            String s0 = b.operand("s0", shape(batch, n), Values.uniform(-1, 1));
            String scale = b.operand("scale", shape(n), Values.uniform(-1, 1));
            b.let("sn, p, q", "scan(cell, (" + a + ", " + m + "), " + s0 + ", extra = (" + scale + ",), dim = 1)");
            b.let("both", "p + 3 * q");
            return b.weightedLoss("both", shape(batch, steps, n));
        });
    }

    /** Weighs the stacked results, the finals, or both, so that every seed of the backward is exercised. */
    private static ModelCase loss(CaseBuilder b, Random rnd, String ys, List<String> ysShape, String finals,
                                  List<String> finalsShape) {
        int which = rnd.nextInt(3);
        String r = b.input("r", ysShape, Values.uniform(-1, 1));
        String q = b.input("q", finalsShape, Values.uniform(-1, 1));
        return b.build(switch (which) {
            case 0 -> "sum(" + ys + " * " + r + ")";
            case 1 -> "sum(" + finals + " * " + q + ")";
            default -> "sum(" + ys + " * " + r + ") + sum(" + finals + " * " + q + ")";
        });
    }
}
