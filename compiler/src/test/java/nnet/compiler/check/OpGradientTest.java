package nnet.compiler.check;

import static nnet.compiler.check.Shapes.axis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import nnet.runtime.kernels.MathFns;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks of every differentiable op and callable function, in f64: a tiny model applies the
 * op to random operands of random small shapes (inputs, or parameters one time in three), its loss is
 * {@code sum(op(...) * r)} for a random weighting r, and the compiled gradients (fused and unfused) must
 * match central finite differences of the compiled loss. Values are drawn away from kinks and domain
 * edges, so that the finite differences are meaningful.
 */
class OpGradientTest {
    private static final int TRIES = 25;

    /**
     * The tolerance for ops built on erf. Their gradient rule uses the exact derivative 2/√π·e^(−x²),
     * while the forward pass uses the runtime's erf; finite differences measure that implementation's
     * slope. The allowance is the measured slope error of the runtime's erf (negligible for an accurate
     * erf, in which case the usual tolerance applies), with a safety factor.
     */
    static final double ERF_TOLERANCE = Math.max(GradientCheck.TOLERANCE, 100 * erfSlopeError());

    static double erfSlopeError() {
        double worst = 0;
        for (double x = -3; x <= 3; x += 0.0137) {
            if (Math.abs(x) < 0.05) {
                continue;
            }
            double h = 1e-5;
            double slope = (MathFns.erf(x + h) - MathFns.erf(x - h)) / ((x + h) - (x - h));
            double exact = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
            worst = Math.max(worst, Math.abs(slope - exact) / (2 / Math.sqrt(Math.PI)));
        }
        return worst;
    }

    static void check(String name, Function<Random, ModelCase> generator) {
        check(name, TRIES, generator, GradientCheck.TOLERANCE);
    }

    static void check(String name, int tries, Function<Random, ModelCase> generator, double tolerance) {
        Properties.forAll(name, tries, generator, c -> {
            GradientCheck.check(c, true).assertWithin(tolerance);
            GradientCheck.check(c, false).assertWithin(tolerance);
        });
    }

    /** A random static shape of rank in [minRank, maxRank], dims 1..4. */
    static List<String> shape(Random rnd, int minRank, int maxRank) {
        return Shapes.random(rnd, minRank + rnd.nextInt(maxRank - minRank + 1), 4);
    }

    // ---------------------------------------------------------------- elementwise, one operand

    /** An op written as a template over one operand ("%1$s" is the operand), and the values it needs. */
    record Unary(String template, Values values, double tolerance) {
        Unary(String template, Values values) {
            this(template, values, GradientCheck.TOLERANCE);
        }

        @Override
        public String toString() {
            return template.replace("%1$s", "x");
        }
    }

    static Stream<Unary> unaryOps() {
        Values any = Values.uniform(-2, 2);
        Values offZero = Values.awayFromZero(0.05, 2);
        Values positive = Values.uniform(0.2, 3);
        return Stream.of(
                new Unary("relu(%1$s)", offZero),
                new Unary("sigmoid(%1$s)", Values.uniform(-3, 3)),
                new Unary("tanh(%1$s)", any),
                new Unary("exp(%1$s)", any),
                new Unary("log(%1$s)", positive),
                new Unary("sqrt(%1$s)", positive),
                new Unary("abs(%1$s)", offZero),
                new Unary("neg(%1$s)", any),
                new Unary("-%1$s", any),
                // Away from 0 as well: an approximate erf may have a tiny jump there.
                new Unary("erf(%1$s)", Values.awayFromZero(0.05, 2.5), ERF_TOLERANCE),
                new Unary("gelu(%1$s)", Values.awayFromZero(0.05, 3), ERF_TOLERANCE),
                new Unary("silu(%1$s)", Values.uniform(-3, 3)),
                new Unary("leaky_relu(%1$s)", offZero),
                new Unary("leaky_relu(%1$s, 0.2)", offZero),
                new Unary("leaky_relu(%1$s, negative_slope = 1.5)", offZero),
                new Unary("%1$s ** 2", any),
                new Unary("%1$s ** 3", any),
                new Unary("%1$s ** 0.5", positive),
                new Unary("%1$s ** -1.5", positive),
                new Unary("pow(%1$s, 1.7)", positive),
                new Unary("2 ** %1$s", any),
                new Unary("pow(0.5, %1$s)", any),
                new Unary("%1$s * 2.5 + 1", any),
                new Unary("3 - %1$s / 4", any),
                new Unary("1 / %1$s", Values.awayFromZero(0.3, 2)),
                new Unary("%1$s * (%1$s > 0) + 0.1 * %1$s * (%1$s <= 0)", offZero),
                new Unary("exp(tanh(%1$s)) * sigmoid(%1$s)", any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unary(Unary op) {
        check(op.toString(), TRIES, rnd -> {
            CaseBuilder b = new CaseBuilder(op.toString(), rnd);
            List<String> s = shape(rnd, 0, 3);
            String x = b.operand("x", s, op.values());
            return b.weightedLoss(b.let("y", String.format(op.template(), x)), s);
        }, op.tolerance());
    }

    // ---------------------------------------------------------------- elementwise, two or three operands

    /** A binary op over operands a and b ("%1$s", "%2$s") with broadcasting, and their values. */
    record Binary(String template, Values a, Values b) {
        @Override
        public String toString() {
            return template.replace("%1$s", "a").replace("%2$s", "b");
        }
    }

    static Stream<Binary> binaryOps() {
        Values any = Values.uniform(-2, 2);
        Values offZero = Values.awayFromZero(0.3, 2);
        Values base = Values.uniform(0.3, 2.5);
        return Stream.of(
                new Binary("add(%1$s, %2$s)", any, any),
                new Binary("%1$s + %2$s", any, any),
                new Binary("sub(%1$s, %2$s)", any, any),
                new Binary("%1$s - %2$s", any, any),
                new Binary("mul(%1$s, %2$s)", any, any),
                new Binary("%1$s * %2$s", any, any),
                new Binary("div(%1$s, %2$s)", any, offZero),
                new Binary("%1$s / %2$s", any, offZero),
                new Binary("pow(%1$s, %2$s)", base, any),
                new Binary("%1$s ** %2$s", base, any),
                new Binary("maximum(%1$s, %2$s)", Values.grid(true), Values.grid(false)),
                new Binary("minimum(%1$s, %2$s)", Values.grid(true), Values.grid(false)),
                new Binary("where(%1$s > %2$s, %1$s * %2$s, %1$s - %2$s)", Values.grid(true), Values.grid(false)),
                new Binary("%1$s * %2$s + %1$s / (%2$s * %2$s + 1)", any, any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binary(Binary op) {
        check(op.toString(), rnd -> {
            CaseBuilder b = new CaseBuilder(op.toString(), rnd);
            List<String> out = shape(rnd, 0, 4);
            List<String> sa = Shapes.broadcastable(rnd, out, 0.4);
            List<String> sb = Shapes.broadcastable(rnd, out, 0.4);
            if (rnd.nextBoolean()) {
                List<String> t = sa;
                sa = sb;
                sb = t;
            }
            String a = b.operand("a", sa, op.a());
            String c = b.operand("b", sb, op.b());
            return b.weightedLoss(b.let("y", String.format(op.template(), a, c)), Shapes.broadcast(sa, sb));
        });
    }

    @Test
    void mseLoss() {
        check("mse_loss", rnd -> {
            CaseBuilder b = new CaseBuilder("mse_loss", rnd);
            // mse_loss takes only a target of the input's shape.
            List<String> out = shape(rnd, 0, 3);
            String x = b.operand("x", out, Values.uniform(-2, 2));
            String t = b.input("t", out, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "mse_loss(" + x + ", " + t + ")"), List.of());
        });
    }

    @Test
    void where() {
        check("where", rnd -> {
            CaseBuilder b = new CaseBuilder("where", rnd);
            List<String> out = shape(rnd, 0, 4);
            List<String> sc = Shapes.broadcastable(rnd, out, 0.4);
            List<String> sa = Shapes.broadcastable(rnd, out, 0.4);
            List<String> sb = Shapes.broadcastable(rnd, out, 0.4);
            String c = b.input("c", sc, Values.awayFromZero(0.05, 2));
            String x = b.operand("a", sa, Values.uniform(-2, 2));
            String y;
            List<String> shape;
            if (rnd.nextInt(3) == 0) {
                y = b.let("y", "where(" + c + " > 0, " + x + ", 0.5)");
                shape = Shapes.broadcast(sc, sa);
            } else {
                String z = b.operand("b", sb, Values.uniform(-2, 2));
                String cond = rnd.nextBoolean() ? c + " > 0" : "le(" + c + ", 0)";
                y = b.let("y", "where(" + cond + ", " + x + ", " + z + ")");
                shape = Shapes.broadcast(Shapes.broadcast(sc, sa), sb);
            }
            return b.weightedLoss(y, shape);
        });
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void sumAndMean() {
        check("sum/mean", 80, rnd -> {
            String fn = rnd.nextBoolean() ? "sum" : "mean";
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = shape(rnd, 0, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                return b.weightedLoss(b.let("y", fn + "(" + x + ")"), List.of());
            }
            List<Integer> axes = new ArrayList<>(Shapes.permutation(rnd, s.size()).subList(0, 1 + rnd.nextInt(s.size())));
            boolean keep = rnd.nextBoolean();
            List<String> written = new ArrayList<>();
            for (int a : axes) {
                written.add(axis(rnd, a, s.size()));
            }
            String dims = axes.size() == 1 && rnd.nextBoolean() ? written.get(0) : "[" + String.join(", ", written) + "]";
            String keepArg = !keep && rnd.nextBoolean() ? "" : rnd.nextBoolean() ? ", " + keep : ", keepdim = " + keep;
            String y = b.let("y", fn + "(" + x + ", " + dims + keepArg + ")");
            return b.weightedLoss(y, Shapes.reduce(s, axes, keep));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void varAndStd() {
        check("var/std", 60, rnd -> {
            String fn = rnd.nextBoolean() ? "var" : "std";
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            List<Integer> axes = new ArrayList<>(Shapes.permutation(rnd, s.size()).subList(0, 1 + rnd.nextInt(s.size())));
            int count = 1;
            for (int a : axes) {
                count *= Integer.parseInt(s.get(a));
            }
            int correction = count > 1 ? rnd.nextInt(2) : 0;
            if (count == 1 && fn.equals("std")) {
                // The standard deviation of one element is 0, where its gradient is 0/0 (NaN in PyTorch).
                return b.weightedLoss(b.let("y", "var(" + x + ", " + axis(rnd, axes.get(0), s.size())
                        + ", unbiased = false)"), Shapes.reduce(s, axes.subList(0, 1), false));
            }
            boolean keep = rnd.nextBoolean();
            List<String> written = new ArrayList<>();
            for (int a : axes) {
                written.add(axis(rnd, a, s.size()));
            }
            String options = switch (rnd.nextInt(3)) {
                case 0 -> ", unbiased = " + (correction == 1);
                case 1 -> ", correction = " + correction;
                default -> correction == 1 ? "" : ", unbiased = false";
            };
            String y = b.let("y", fn + "(" + x + ", [" + String.join(", ", written) + "]" + options
                    + ", keepdim = " + keep + ")");
            return b.weightedLoss(y, Shapes.reduce(s, axes, keep));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void max() {
        check("max", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("max", rnd);
            List<String> s = shape(rnd, 0, 4);
            String x = b.operand("x", s, Values.distinct());
            if (s.isEmpty() || rnd.nextInt(4) == 0) {
                return b.weightedLoss(b.let("y", "max(" + x + ")"), List.of());
            }
            int a = rnd.nextInt(s.size());
            boolean keep = rnd.nextBoolean();
            String keepArg = !keep && rnd.nextBoolean() ? "" : rnd.nextBoolean() ? ", " + keep : ", keepdim = " + keep;
            if (s.size() >= 2 && rnd.nextInt(3) == 0) {
                // max takes one dim; over two dims it is two maxima, the inner one over the later dim.
                int i = rnd.nextInt(s.size() - 1);
                int j = i + 1 + rnd.nextInt(s.size() - 1 - i);
                String inner = "max(" + x + ", " + axis(rnd, j, s.size()) + keepArg + ")";
                int rank = keep ? s.size() : s.size() - 1;
                String y = b.let("y", "max(" + inner + ", " + axis(rnd, i, rank) + keepArg + ")");
                return b.weightedLoss(y, Shapes.reduce(s, List.of(i, j), keep));
            }
            String y = b.let("y", "max(" + x + ", " + axis(rnd, a, s.size()) + keepArg + ")");
            return b.weightedLoss(y, Shapes.reduce(s, List.of(a), keep));
        }, GradientCheck.TOLERANCE);
    }

    /**
     * Sums over dims of size 1, which the kernel's loop nest drops: the result must not depend on what
     * the output buffer held before (the gradient check runs the model many times).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "mean(x, -1, true) | 2, 4, 2, 1 | 2, 4, 2, 1",
        "sum(x, [0, 1])    | 1, 1       | ",
        "sum(x, 1)         | 3, 1       | 3",
        "sum(x, [1, 2], true) | 2, 1, 1 | 2, 1, 1",
        "sum(x, 0)         | 1, 3       | 3",
        "mean(x, [0, 2])   | 1, 2, 1    | 2",
        "sum(x, [1, 3])    | 2, 1, 3, 1 | 2, 3"})
    void reductionsOverUnitDims(String expr, String in, String out) {
        check(expr, 3, rnd -> {
            CaseBuilder b = new CaseBuilder(expr, rnd);
            b.operand("x", dims(in), Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", expr), dims(out));
        }, GradientCheck.TOLERANCE);
    }

    private static List<String> dims(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String d : list.split(",")) {
                out.add(d.trim());
            }
        }
        return out;
    }

    /** Checked in training mode, where the mask stays fixed until the optimizer steps. */
    @Test
    void dropout() {
        check("dropout", rnd -> {
            CaseBuilder b = new CaseBuilder("dropout", rnd);
            List<String> s = shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            double p = rnd.nextInt(4) * 0.25;
            String inner = rnd.nextBoolean() ? x : "tanh(" + x + ")";
            return b.weightedLoss(b.let("y", "dropout(" + inner + ", " + p + ") * 3"), s);
        });
    }

    // ---------------------------------------------------------------- row-wise ops and losses

    @Test
    void softmaxAndLogSoftmax() {
        check("softmax/log_softmax", 80, rnd -> {
            String fn = rnd.nextBoolean() ? "softmax" : "log_softmax";
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            int a = rnd.nextInt(s.size());
            String call = a == s.size() - 1 && rnd.nextBoolean() ? fn + "(" + x + ")"
                    : fn + "(" + x + ", " + (rnd.nextBoolean() ? "dim = " : "") + axis(rnd, a, s.size()) + ")";
            return b.weightedLoss(b.let("y", call), s);
        }, GradientCheck.TOLERANCE);
    }

    /**
     * Class indices over logits [N, C], [N, C, d...] or [C]; some targets equal to the ignored index
     * (the default -100, or another), and sometimes label smoothing.
     */
    @Test
    void crossEntropy() {
        check("cross_entropy", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("cross_entropy", rnd);
            int classes = 1 + rnd.nextInt(5);
            List<String> rows = rnd.nextInt(5) == 0 ? List.of() : shape(rnd, 1, 3);
            List<String> logits = new ArrayList<>(rows);
            logits.add(rows.isEmpty() ? 0 : 1, String.valueOf(classes));
            String x = b.operand("x", logits, Values.uniform(-2, 2));
            boolean otherIgnore = rnd.nextBoolean();
            int ignored = !otherIgnore ? -100 : classes == 1 ? 1 + rnd.nextInt(2) : rnd.nextInt(classes + 1);
            String label = b.labels("label", rows, classes, ignored, rows.isEmpty() ? 0 : 0.3);
            StringBuilder call = new StringBuilder("cross_entropy(" + x + ", " + label);
            if (otherIgnore) {
                call.append(", ignore_index = ").append(ignored);
            }
            if (rnd.nextBoolean()) {
                call.append(", label_smoothing = ").append(rnd.nextInt(4) * 0.25);
            }
            return b.weightedLoss(b.let("y", call + ")"), List.of());
        }, GradientCheck.TOLERANCE);
    }

    // ---------------------------------------------------------------- matrix products

    /** Operand shape patterns: letters are dims drawn per case, "k" the contracted one. */
    static Stream<String> matmulShapes() {
        return Stream.of("mk @ kn", "bmk @ bkn", "bmk @ kn", "mk @ bkn", "b1mk @ ckn", "bmk @ 1kn", "1mk @ bkn",
                "cbmk @ bkn", "c1mk @ bkn", "k @ k", "k @ kn", "mk @ k", "k @ bkn", "bmk @ k");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matmulShapes")
    void matmul(String pattern) {
        check(pattern, rnd -> {
            CaseBuilder b = new CaseBuilder("matmul " + pattern, rnd);
            java.util.Map<Character, String> dims = new java.util.HashMap<>();
            for (char ch : "bcmnk".toCharArray()) {
                dims.put(ch, String.valueOf(1 + rnd.nextInt(4)));
            }
            dims.put('1', "1");
            String[] sides = pattern.split(" @ ");
            List<String> sa = new ArrayList<>();
            List<String> sb = new ArrayList<>();
            for (char ch : sides[0].toCharArray()) {
                sa.add(dims.get(ch));
            }
            for (char ch : sides[1].toCharArray()) {
                sb.add(dims.get(ch));
            }
            // An operand of rank ≥ 2 may be stored transposed and read through transpose(), which the
            // compiler folds into the product's transpose flags.
            String a = operandMaybeTransposed(b, "a", sa);
            String c = operandMaybeTransposed(b, "b", sb);
            List<String> out = Shapes.matmul(sa, sb);
            String product = rnd.nextBoolean() ? a + " @ " + c : "matmul(" + a + ", " + c + ")";
            if (out.size() >= 2 && rnd.nextInt(3) == 0) {
                product = "transpose(" + product + ", -1, -2)";
                out = Shapes.swap(out, out.size() - 1, out.size() - 2);
            }
            return b.weightedLoss(b.let("y", product), out);
        });
    }

    private static String operandMaybeTransposed(CaseBuilder b, String name, List<String> shape) {
        Random rnd = b.rnd();
        int r = shape.size();
        if (r < 2 || !rnd.nextBoolean()) {
            return b.operand(name, shape, Values.uniform(-1, 1));
        }
        String stored = b.operand(name, Shapes.swap(shape, r - 1, r - 2), Values.uniform(-1, 1));
        return "transpose(" + stored + ", " + axis(rnd, r - 2, r) + ", " + axis(rnd, r - 1, r) + ")";
    }

    // ---------------------------------------------------------------- shapes

    @Test
    void reshape() {
        check("reshape", rnd -> {
            CaseBuilder b = new CaseBuilder("reshape", rnd);
            List<String> s = shape(rnd, 0, 4);
            int numel = Shapes.staticNumel(s);
            List<String> target = Shapes.factor(rnd, numel, numel == 1 ? rnd.nextInt(3) : 1 + rnd.nextInt(4));
            List<String> written = new ArrayList<>(target);
            if (!written.isEmpty() && rnd.nextBoolean()) {
                written.set(rnd.nextInt(written.size()), "-1");
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "reshape(" + x + ", " + Shapes.render(written) + ")"), target);
        });
    }

    @Test
    void transposeAndPermute() {
        check("transpose/permute", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("transpose/permute", rnd);
            List<String> s = shape(rnd, 1, 4);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            int r = s.size();
            if (rnd.nextBoolean()) {
                int i = rnd.nextInt(r);
                int j = rnd.nextInt(r);
                String y = b.let("y", "transpose(" + x + ", " + axis(rnd, i, r) + ", " + axis(rnd, j, r) + ")");
                return b.weightedLoss(y, Shapes.swap(s, i, j));
            }
            List<Integer> perm = Shapes.permutation(rnd, r);
            List<String> written = new ArrayList<>();
            for (int p : perm) {
                written.add(axis(rnd, p, r));
            }
            String y = b.let("y", "permute(" + x + ", [" + String.join(", ", written) + "])");
            return b.weightedLoss(y, Shapes.permute(s, perm));
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void flattenUnsqueezeSqueeze() {
        check("flatten/unsqueeze/squeeze", 60, rnd -> {
            List<String> s = shape(rnd, 1, 4);
            int r = s.size();
            CaseBuilder b;
            String y;
            List<String> out = new ArrayList<>();
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    b = new CaseBuilder("flatten", rnd);
                    String x = b.operand("x", s, Values.uniform(-2, 2));
                    int start = rnd.nextInt(r);
                    int end = start + rnd.nextInt(r - start);
                    boolean all = start == 0 && end == r - 1 && rnd.nextBoolean();
                    y = b.let("y", all ? "flatten(" + x + ")"
                            : "flatten(" + x + ", " + axis(rnd, start, r) + ", " + axis(rnd, end, r) + ")");
                    out.addAll(s.subList(0, start));
                    out.add(String.valueOf(Shapes.staticNumel(s.subList(start, end + 1))));
                    out.addAll(s.subList(end + 1, r));
                }
                case 1 -> {
                    b = new CaseBuilder("unsqueeze", rnd);
                    String x = b.operand("x", s, Values.uniform(-2, 2));
                    int d = rnd.nextInt(r + 1);
                    y = b.let("y", "unsqueeze(" + x + ", " + axis(rnd, d, r + 1) + ")");
                    out.addAll(s);
                    out.add(d, "1");
                }
                default -> {
                    b = new CaseBuilder("squeeze", rnd);
                    int d = rnd.nextInt(r);
                    List<String> in = new ArrayList<>(s);
                    if (rnd.nextInt(4) != 0) {
                        in.set(d, "1");
                    }
                    String x = b.operand("x", in, Values.uniform(-2, 2));
                    y = b.let("y", "squeeze(" + x + ", " + axis(rnd, d, r) + ")");
                    out.addAll(in);
                    if (in.get(d).equals("1")) {
                        out.remove(d);
                    }
                }
            }
            return b.weightedLoss(y, out);
        }, GradientCheck.TOLERANCE);
    }

    @Test
    void broadcastTo() {
        check("broadcast_to", rnd -> {
            CaseBuilder b = new CaseBuilder("broadcast_to", rnd);
            List<String> target = shape(rnd, 0, 4);
            List<String> s = Shapes.broadcastable(rnd, target, 0.5);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "broadcast_to(" + x + ", " + Shapes.render(target) + ")"), target);
        });
    }
}
