package nnet.compiler.check;

import static nnet.compiler.check.LossCases.argument;
import static nnet.compiler.check.LossCases.reduced;
import static nnet.compiler.check.LossCases.reduction;
import static nnet.compiler.check.OpGradientTest.check;
import static nnet.compiler.check.OpGradientTest.shape;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient checks (see {@link OpGradientTest}) of the regression, divergence, embedding and margin
 * losses and of the distances: every floating-point operand (targets included) over random shapes,
 * reductions and options. Hinges are kept away from their corners by drawing the margin away from
 * the values that decide them, and absolute differences by drawing the operands from two grids.
 */
class LossGradientTest {

    /** l1_loss, smooth_l1_loss and huber_loss, with |input − target| ≥ 0.06 (off the kink of |·|). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"l1_loss", "smooth_l1_loss", "huber_loss", "mse_loss"})
    void differenceLosses(String fn) {
        check(fn, 30, rnd -> {
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = shape(rnd, 0, 3);
            String x = b.operand("x", s, Values.grid(true));
            String t = b.operand("t", s, Values.grid(false));
            String r = reduction(rnd);
            String option = switch (fn) {
                case "smooth_l1_loss" -> ", beta = " + rnd.nextInt(4) * 0.5;
                case "huber_loss" -> ", delta = " + (1 + rnd.nextInt(3)) * 0.4;
                default -> "";
            };
            return b.weightedLoss(b.let("y", fn + "(" + x + ", " + t + argument(rnd, r) + option + ")"), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void klDiv() {
        check("kl_div", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("kl_div", rnd);
            List<String> s = LossCases.batched(b, shape(rnd, 0, 3));
            boolean logTarget = rnd.nextBoolean();
            String x = LossCases.operand(b, "x", s, Values.uniform(-3, 0));
            String t = LossCases.operand(b, "t", s, logTarget ? Values.uniform(-3, 0) : Values.uniform(0.05, 1));
            String r = rnd.nextInt(4) == 0 ? "batchmean" : reduction(rnd);
            String how = r.equals("batchmean") ? ", reduction = \"batchmean\"" : argument(rnd, r);
            String call = "kl_div(" + x + ", " + t + how + (logTarget ? ", log_target = true" : "") + ")";
            return b.weightedLoss(b.let("y", call), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    /** Targets −1, 0 and 1 (i32); the margin is away from every cosine, so no hinge is at its corner. */
    @Test
    void cosineEmbeddingLoss() {
        check("cosine_embedding_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("cosine_embedding_loss", rnd);
            int width = 1 + rnd.nextInt(4);
            boolean batched = rnd.nextInt(4) != 0;
            List<String> rows = batched ? List.of(String.valueOf(1 + rnd.nextInt(4))) : List.of();
            List<String> s = batched ? List.of(rows.get(0), String.valueOf(width)) : List.of(String.valueOf(width));
            LossCases.Kept a = new LossCases.Kept(Values.awayFromZero(0.1, 2));
            LossCases.Kept c = new LossCases.Kept(Values.awayFromZero(0.1, 2));
            String x1 = b.operand("a", s, a);
            String x2 = b.operand("b", s, c);
            b.labels("label", rows, 3);
            double margin = LossCases.awayFrom(rnd, cosines(a.doubles(), c.doubles(), width), -1, 1, 0.05);
            String r = reduction(rnd);
            String y = b.let("y", "cosine_embedding_loss(" + x1 + ", " + x2 + ", label - 1, margin = " + margin
                    + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, rows));
        }, GradientCheck.TOLERANCE);
    }

    private static double[] cosines(double[] a, double[] b, int width) {
        List<double[]> ra = LossCases.rows(a, width);
        List<double[]> rb = LossCases.rows(b, width);
        double[] cos = new double[ra.size()];
        for (int i = 0; i < cos.length; i++) {
            double dot = 0;
            double aa = 1e-12;
            double bb = 1e-12;
            for (int k = 0; k < width; k++) {
                dot += ra.get(i)[k] * rb.get(i)[k];
                aa += ra.get(i)[k] * ra.get(i)[k];
                bb += rb.get(i)[k] * rb.get(i)[k];
            }
            cos[i] = dot / Math.sqrt(aa * bb);
        }
        return cos;
    }

    /** A float target (the loss is smooth in it too); the margin keeps −target·(a − b) + margin off 0. */
    @Test
    void marginRankingLoss() {
        check("margin_ranking_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("margin_ranking_loss", rnd);
            List<String> s = shape(rnd, 0, 2);
            LossCases.Kept a = new LossCases.Kept(Values.uniform(-2, 2));
            LossCases.Kept c = new LossCases.Kept(Values.uniform(-2, 2));
            LossCases.Kept t = new LossCases.Kept(Values.awayFromZero(0.5, 1.5));
            String x1 = b.operand("a", s, a);
            String x2 = b.operand("b", s, c);
            String y = b.operand("t", s, t);
            double[] kinks = new double[a.doubles().length];
            for (int i = 0; i < kinks.length; i++) {
                kinks[i] = t.doubles()[i] * (a.doubles()[i] - c.doubles()[i]);
            }
            double margin = LossCases.awayFrom(rnd, kinks, -1, 1, 0.05);
            String r = reduction(rnd);
            String call = "margin_ranking_loss(" + x1 + ", " + x2 + ", " + y + ", margin = " + margin
                    + argument(rnd, r) + ")";
            return b.weightedLoss(b.let("l", call), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    /** Targets −1, 0 and 1 (i32); the margin is away from every input, the corner of margin − input. */
    @Test
    void hingeEmbeddingLoss() {
        check("hinge_embedding_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("hinge_embedding_loss", rnd);
            List<String> s = shape(rnd, 0, 3);
            LossCases.Kept values = new LossCases.Kept(Values.uniform(-2, 2));
            String x = b.operand("x", s, values);
            b.labels("label", s, 3);
            double margin = LossCases.awayFrom(rnd, values.doubles(), -1, 2, 0.05);
            String r = reduction(rnd);
            String y = b.let("y", "hinge_embedding_loss(" + x + ", label - 1, " + margin + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void softMarginLoss() {
        check("soft_margin_loss", 30, rnd -> {
            CaseBuilder b = new CaseBuilder("soft_margin_loss", rnd);
            List<String> s = shape(rnd, 0, 3);
            String x = b.operand("x", s, Values.uniform(-4, 4));
            String t = b.operand("t", s, Values.uniform(-1.5, 1.5));
            String r = reduction(rnd);
            String y = b.let("y", "soft_margin_loss(" + x + ", " + t + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    /** Norms of several orders over broadcast operands, with and without keepdim. */
    @Test
    void pairwiseDistance() {
        check("pairwise_distance", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("pairwise_distance", rnd);
            List<String> out = shape(rnd, 1, 3);
            List<String> s1 = Shapes.broadcastable(rnd, out, 0.3);
            List<String> s2 = Shapes.broadcastable(rnd, out, 0.3);
            if (s1.isEmpty() && s2.isEmpty()) {
                s1 = out;
            }
            String x1 = b.operand("a", s1, Values.uniform(-2, 2));
            String x2 = b.operand("b", s2, Values.uniform(-2, 2));
            double p = new double[] {1, 1.5, 2, 3}[rnd.nextInt(4)];
            boolean keepdim = rnd.nextBoolean();
            List<String> shape = Shapes.broadcast(s1, s2);
            List<String> result = Shapes.reduce(shape, List.of(shape.size() - 1), keepdim);
            String y = b.let("y", "pairwise_distance(" + x1 + ", " + x2 + ", p = " + p + ", keepdim = " + keepdim
                    + ")");
            return b.weightedLoss(y, result);
        }, GradientCheck.TOLERANCE);
    }

    /**
     * The margin is away from every difference of distances, and with swap the two distances of the
     * negative must not be near a tie (else the case is checked without swap).
     */
    @Test
    void tripletMarginLoss() {
        check("triplet_margin_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("triplet_margin_loss", rnd);
            int width = 1 + rnd.nextInt(4);
            List<String> s = rnd.nextInt(4) == 0 ? List.of(String.valueOf(width))
                    : List.of(String.valueOf(1 + rnd.nextInt(4)), String.valueOf(width));
            LossCases.Kept[] kept = new LossCases.Kept[3];
            String[] names = {"anchor", "pos", "neg"};
            for (int i = 0; i < 3; i++) {
                kept[i] = new LossCases.Kept(Values.uniform(-2, 2));
                b.operand(names[i], s, kept[i]);
            }
            double p = new double[] {1, 2, 3}[rnd.nextInt(3)];
            double eps = rnd.nextBoolean() ? 1e-6 : 0.1;
            Triplets t = new Triplets(kept, width, p, eps);
            boolean swap = rnd.nextBoolean() && t.swapIsSmooth();
            double margin = LossCases.awayFrom(rnd, t.kinks(swap), -1, 3, 0.05);
            String r = reduction(rnd);
            String y = b.let("y", "triplet_margin_loss(anchor, pos, neg, margin = " + margin + ", p = " + p
                    + ", eps = " + eps + ", swap = " + swap + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, s.subList(0, s.size() - 1)));
        }, GradientCheck.TOLERANCE);
    }

    /** The distances of drawn triplets, to place the margin. */
    private record Triplets(LossCases.Kept[] kept, int width, double p, double eps) {
        double distance(int i, int j, int row) {
            double sum = 0;
            for (int k = 0; k < width; k++) {
                int at = row * width + k;
                sum += Math.pow(Math.abs(kept[i].doubles()[at] - kept[j].doubles()[at] + eps), p);
            }
            return Math.pow(sum, 1 / p);
        }

        int rows() {
            return kept[0].doubles().length / width;
        }

        boolean swapIsSmooth() {
            for (int row = 0; row < rows(); row++) {
                if (Math.abs(distance(0, 2, row) - distance(1, 2, row)) < 0.05) {
                    return false;
                }
            }
            return true;
        }

        /** margin + d(a, p) − d_neg crosses 0 at margin = d_neg − d(a, p). */
        double[] kinks(boolean swap) {
            double[] k = new double[rows()];
            for (int row = 0; row < k.length; row++) {
                double negative = swap ? Math.min(distance(0, 2, row), distance(1, 2, row)) : distance(0, 2, row);
                k[row] = negative - distance(0, 1, row);
            }
            return k;
        }
    }

    /** Log-rates or rates; with full, targets away from 1, where Stirling's term starts. */
    @Test
    void poissonNllLoss() {
        check("poisson_nll_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("poisson_nll_loss", rnd);
            List<String> s = shape(rnd, 0, 3);
            boolean logInput = rnd.nextBoolean();
            boolean full = rnd.nextBoolean();
            String x = b.operand("x", s, logInput ? Values.uniform(-2, 1) : Values.uniform(0.2, 3));
            String t = b.operand("t", s, Values.each(g -> g.nextBoolean() ? 0.1 + 0.8 * g.nextDouble()
                    : 1.1 + 3 * g.nextDouble()));
            String r = reduction(rnd);
            String y = b.let("y", "poisson_nll_loss(" + x + ", " + t + ", log_input = " + logInput + ", full = " + full
                    + argument(rnd, r) + ")");
            return b.weightedLoss(y, reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    /** var of the input's shape, with the last dim 1, or without it. */
    @Test
    void gaussianNllLoss() {
        check("gaussian_nll_loss", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("gaussian_nll_loss", rnd);
            List<String> s = shape(rnd, 1, 3);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String t = b.operand("t", s, Values.uniform(-2, 2));
            List<String> varShape = switch (rnd.nextInt(3)) {
                case 0 -> s;
                case 1 -> withLast(s, "1");
                default -> s.subList(0, s.size() - 1);
            };
            String v = b.operand("v", varShape, Values.uniform(0.1, 2));
            String r = reduction(rnd);
            String full = rnd.nextBoolean() ? ", full = true" : "";
            return b.weightedLoss(b.let("y", "gaussian_nll_loss(" + x + ", " + t + ", " + v + full + argument(rnd, r)
                    + ")"), reduced(r, s));
        }, GradientCheck.TOLERANCE);
    }

    private static List<String> withLast(List<String> s, String last) {
        List<String> out = new ArrayList<>(s.subList(0, s.size() - 1));
        out.add(last);
        return out;
    }

    /** x1 and x2 broadcast together, along any dim, with norms well above eps. */
    @Test
    void cosineSimilarity() {
        check("cosine_similarity", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("cosine_similarity", rnd);
            List<String> out = shape(rnd, 1, 3);
            List<String> s1 = Shapes.broadcastable(rnd, out, 0.3);
            List<String> s2 = Shapes.broadcastable(rnd, out, 0.3);
            if (s1.isEmpty() && s2.isEmpty()) {
                s1 = out;
            }
            String x1 = b.operand("a", s1, Values.awayFromZero(0.1, 2));
            String x2 = b.operand("b", s2, Values.awayFromZero(0.1, 2));
            List<String> shape = Shapes.broadcast(s1, s2);
            int axis = rnd.nextInt(shape.size());
            String dim = axis == 1 && rnd.nextBoolean() ? "" : ", dim = " + Shapes.axis(rnd, axis, shape.size());
            String eps = rnd.nextBoolean() ? "" : ", eps = 1e-6";
            String y = b.let("y", "cosine_similarity(" + x1 + ", " + x2 + dim + eps + ")");
            return b.weightedLoss(y, Shapes.reduce(shape, List.of(axis), false));
        }, GradientCheck.TOLERANCE);
    }
}
