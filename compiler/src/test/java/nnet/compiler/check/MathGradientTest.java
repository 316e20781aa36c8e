package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import nnet.compiler.check.OpGradientTest.Unary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks of the elementwise math builtins (f64, against finite differences). The rounding ops
 * pass no gradient; multiplied by x, their value becomes the gradient, which checks their forward pass
 * too. Values keep away from integers (and halves, for round) and from clamp's bounds.
 */
class MathGradientTest {

    static Stream<Unary> functions() {
        Values any = Values.uniform(-3, 3);
        Values positive = Values.uniform(0.2, 4);
        Values fractional = Values.each(rnd -> rnd.nextInt(7) - 3 + 0.1 + 0.3 * rnd.nextDouble());
        return Stream.of(
                new Unary("sin(%1$s)", any),
                new Unary("cos(%1$s)", any),
                new Unary("tan(%1$s)", Values.uniform(-1.3, 1.3)),
                new Unary("log2(%1$s)", positive),
                new Unary("log10(%1$s)", positive),
                new Unary("log1p(%1$s)", Values.uniform(-0.8, 3)),
                new Unary("expm1(%1$s)", any),
                new Unary("rsqrt(%1$s)", positive),
                new Unary("reciprocal(%1$s)", Values.awayFromZero(0.3, 2)),
                new Unary("square(%1$s)", any),
                new Unary("sign(%1$s) * %1$s", Values.awayFromZero(0.05, 2)),
                new Unary("floor(%1$s) * %1$s", fractional),
                new Unary("ceil(%1$s) * %1$s", fractional),
                new Unary("trunc(%1$s) * %1$s", fractional),
                new Unary("round(%1$s) * %1$s", fractional),
                new Unary("round(%1$s, decimals = 1) * %1$s",
                        Values.each(rnd -> (rnd.nextInt(61) - 30) * 0.1 + 0.015 + 0.02 * rnd.nextDouble())),
                new Unary("round(%1$s, decimals = -1) * %1$s",
                        Values.each(rnd -> (rnd.nextInt(13) - 6) * 10 + 1 + 3 * rnd.nextDouble())),
                new Unary("clamp(%1$s, -1, 1)", ActivationGradientTest.awayFrom(-3, 3, -1, 1)),
                new Unary("clamp(%1$s, min = 0.5)", ActivationGradientTest.awayFrom(-3, 3, 0.5)),
                new Unary("clamp(%1$s, max = 0.5)", ActivationGradientTest.awayFrom(-3, 3, 0.5)),
                new Unary("clip(%1$s, 1, -1)", any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function(Unary op) {
        OpGradientTest.check(op.toString(), 25, rnd -> {
            CaseBuilder b = new CaseBuilder(op.toString(), rnd);
            List<String> s = OpGradientTest.shape(rnd, 0, 3);
            String x = b.operand("x", s, op.values());
            return b.weightedLoss(b.let("y", String.format(op.template(), x)), s);
        }, op.tolerance());
    }

    /**
     * Values on a grid of step 0.3 moved by {@code offset} and at most 0.02: tensors with offsets 0, 0.1
     * and 0.2 never come within 0.06 of each other, so x, min and max have no near-ties.
     */
    private static Values grid(double offset) {
        return Values.each(rnd -> (rnd.nextInt(15) - 7) * 0.3 + offset + (rnd.nextDouble() - 0.5) * 0.04);
    }

    /** clamp with tensor bounds (or one of them a number), all broadcasting together. */
    @Test
    void clampWithTensorBounds() {
        OpGradientTest.check("clamp with tensor bounds", 60, rnd -> {
            CaseBuilder b = new CaseBuilder("clamp", rnd);
            List<String> out = OpGradientTest.shape(rnd, 0, 3);
            List<String> shape = Shapes.broadcastable(rnd, out, 0.4);
            String x = b.operand("x", shape, grid(0));
            List<String> args = new ArrayList<>(List.of(x));
            for (String bound : List.of("min", "max")) {
                switch (rnd.nextInt(3)) {
                    case 0 -> { }
                    case 1 -> args.add(bound + " = " + String.format(Locale.ROOT, "%.2f",
                            (rnd.nextInt(9) - 4) * 0.3 + (bound.equals("min") ? 0.1 : 0.2)));
                    default -> {
                        List<String> s = Shapes.broadcastable(rnd, out, 0.4);
                        shape = Shapes.broadcast(shape, s);
                        args.add(bound + " = " + b.operand(bound + "_bound", s, grid(bound.equals("min") ? 0.1 : 0.2)));
                    }
                }
            }
            if (args.size() == 1) {
                args.add("min = " + b.operand("min_bound", List.of(), grid(0.1)));
            }
            return b.weightedLoss(b.let("y", "clamp(" + String.join(", ", args) + ")"), shape);
        }, GradientCheck.TOLERANCE);
    }
}
