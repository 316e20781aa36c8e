package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import nnet.compiler.check.OpGradientTest.Unary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks of the standard library's activations (f64, against finite differences): fixed
 * arguments from {@link #activations}, and random ones in the tests below. Values keep away from each
 * function's kinks and thresholds.
 */
class ActivationGradientTest {

    static Stream<Unary> activations() {
        Values any = Values.uniform(-3, 3);
        Values offZero = Values.awayFromZero(0.05, 3);
        return Stream.of(
                new Unary("elu(%1$s)", offZero),
                new Unary("selu(%1$s)", offZero),
                new Unary("celu(%1$s)", offZero),
                new Unary("softplus(%1$s)", Values.uniform(-5, 5)),
                new Unary("relu6(%1$s)", awayFrom(-2, 8, 0, 6)),
                new Unary("hardtanh(%1$s)", awayFrom(-3, 3, -1, 1)),
                new Unary("hardsigmoid(%1$s)", awayFrom(-5, 5, -3, 3)),
                new Unary("hardswish(%1$s)", awayFrom(-5, 5, -3, 3)),
                new Unary("mish(%1$s)", Values.uniform(-4, 4)),
                new Unary("mish(%1$s * 10)", Values.uniform(1.5, 3)),
                new Unary("logsigmoid(%1$s)", Values.uniform(-6, 6)),
                new Unary("logsigmoid(%1$s * 100)", Values.awayFromZero(0.5, 4)),
                new Unary("softsign(%1$s)", offZero),
                new Unary("gelu(%1$s, approximate = \"tanh\")", any),
                new Unary("gelu(%1$s, \"none\")", Values.awayFromZero(0.05, 3), OpGradientTest.ERF_TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activation(Unary op) {
        OpGradientTest.check(op.toString(), 25, rnd -> {
            CaseBuilder b = new CaseBuilder(op.toString(), rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 3);
            String x = b.operand("x", s, op.values());
            return b.weightedLoss(b.let("y", String.format(op.template(), x)), s);
        }, op.tolerance());
    }

    /** An activation with random arguments: its call and the values its input takes. */
    record Call(String call, Values values) {
    }

    static Stream<String> parameterised() {
        return Stream.of("elu", "celu", "softplus", "hardtanh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterised")
    void withArguments(String fn) {
        OpGradientTest.check(fn + " with arguments", 25, rnd -> {
            CaseBuilder b = new CaseBuilder(fn, rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 3);
            Call call = call(fn, rnd);
            String x = b.operand("x", s, call.values());
            return b.weightedLoss(b.let("y", String.format(call.call(), x)), s);
        }, GradientCheck.TOLERANCE);
    }

    private static Call call(String fn, Random rnd) {
        double a = 0.2 + 2 * rnd.nextDouble();
        return switch (fn) {
            case "elu" -> new Call(format("elu(%%1$s, %s)", a), Values.awayFromZero(0.05, 3));
            case "celu" -> new Call(format("celu(%%1$s, alpha = %s)", rnd.nextBoolean() ? a : -a),
                    Values.awayFromZero(0.05, 3));
            case "softplus" -> {
                double beta = 0.5 + 2.5 * rnd.nextDouble();
                double threshold = rnd.nextInt(3) == 0 ? 20 : 0.5 + 4 * rnd.nextDouble();
                // Both branches occur; values keep away from the threshold, where the two differ slightly.
                yield new Call(format("softplus(%%1$s, beta = %s, threshold = %s)", beta, threshold),
                        awayFrom(-4, 4, threshold / beta));
            }
            default -> {
                double lo = -2 * rnd.nextDouble();
                double hi = lo + 0.2 + 2 * rnd.nextDouble();
                yield new Call(format("hardtanh(%%1$s, %s, max_val = %s)", lo, hi), awayFrom(-3, 3, lo, hi));
            }
        };
    }

    /** glu over a random dim made even, written as a positive or negative index or left to default. */
    @Test
    void glu() {
        OpGradientTest.check("glu", 40, rnd -> {
            CaseBuilder b = new CaseBuilder("glu", rnd);
            List<String> s = new ArrayList<>(OpGradientTest.shape(rnd, 1, 3));
            int axis = rnd.nextInt(s.size());
            s.set(axis, String.valueOf(2 * (1 + rnd.nextInt(3))));
            String x = b.operand("x", s, Values.uniform(-3, 3));
            String dim = axis == s.size() - 1 && rnd.nextBoolean() ? ""
                    : ", " + (rnd.nextBoolean() ? "dim = " : "") + Shapes.axis(rnd, axis, s.size());
            List<String> out = new ArrayList<>(s);
            out.set(axis, String.valueOf(Integer.parseInt(s.get(axis)) / 2));
            return b.weightedLoss(b.let("y", "glu(" + x + dim + ")"), out);
        }, GradientCheck.TOLERANCE);
    }

    private static String format(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /** Uniform in [lo, hi] but at least 0.05 from each of the given points (kinks, thresholds). */
    static Values awayFrom(double lo, double hi, double... points) {
        return Values.each(rnd -> {
            while (true) {
                double x = lo + (hi - lo) * rnd.nextDouble();
                boolean clear = true;
                for (double p : points) {
                    clear &= Math.abs(x - p) >= 0.05;
                }
                if (clear) {
                    return x;
                }
            }
        });
    }
}
