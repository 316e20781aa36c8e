package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Elementwise ops and activations at their kinks, bounds and special values, where PyTorch defines the
 * gradient one way or another; expected values worked out by hand from PyTorch's definitions. Doubles
 * are compared boxed, so that NaN equals NaN and -0.0 differs from 0.0.
 */
class ElementwiseKinksTest {
    private static final double NAN = Double.NaN;

    private static Tensor vector(double... v) {
        return Tensor.of(v, v.length);
    }

    private static Double[] boxed(Tensor t) {
        double[] d = t.doubles();
        Double[] out = new Double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i];
        }
        return out;
    }

    /** The value and the gradient of sum(expr) at x. */
    private static void check(String expr, double[] x, Double[] value, Double[] gradient) {
        Map<String, Tensor> r = Probe.with("x", vector(x)).gradients(expr);
        assertThat(boxed(r.get("y"))).as("%s", expr).containsExactly(value);
        assertThat(boxed(r.get("x"))).as("gradient of %s", expr).containsExactly(gradient);
    }

    private static Double[] d(double... v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    @Test
    void clampPassesTheGradientAtItsBoundsButNotForNaN() {
        check("clamp(x, -1, 1)", new double[] {-2, -1, 0, 1, 2, NAN}, d(-1, -1, 0, 1, 1, NAN), d(0, 1, 1, 1, 0, 0));
        check("clamp(x, min = 0)", new double[] {-2, 0, 2}, d(0, 0, 2), d(0, 1, 1));
        check("clip(x, max = 0)", new double[] {-2, 0, 2}, d(-2, 0, 0), d(1, 1, 0));
    }

    @Test
    void clampWithMinAboveMaxGivesMaxAndNoGradient() {
        check("clamp(x, 1, -1)", new double[] {-2, 0, 2}, d(-1, -1, -1), d(0, 0, 0));
    }

    /**
     * Bounds get the gradient where they are the value taken and x lies beyond them; where x equals a
     * bound, x gets it; where min = max, nobody does.
     */
    @Test
    void clampBoundsGetTheGradientWhereTheyAreTaken() {
        Map<String, Tensor> r = Probe.with("x", vector(-2, 2, 2, 0.5, 0, -1, 1))
                .and("lo", vector(-1, 3, 3, 1, -1, -1, -1))
                .and("hi", vector(1, 1, 3, -1, 1, 1, 1))
                .gradients("clamp(x, lo, hi)");
        assertThat(boxed(r.get("y"))).containsExactly(d(-1, 1, 3, -1, 0, -1, 1));
        assertThat(boxed(r.get("x"))).containsExactly(d(0, 0, 0, 0, 1, 1, 1));
        assertThat(boxed(r.get("lo"))).containsExactly(d(1, 0, 0, 0, 0, 0, 0));
        assertThat(boxed(r.get("hi"))).containsExactly(d(0, 1, 0, 1, 0, 0, 0));
    }

    @Test
    void clampOfIntegersStaysInteger() {
        Tensor y = Probe.with("i", Tensor.of(new int[] {1, 5, 9}, 3)).value("clamp(i, 2, 6)");
        assertThat(y.ints()).containsExactly(2, 5, 6);
    }

    @Test
    void hardtanhAndRelu6HaveNoGradientAtTheirBounds() {
        check("hardtanh(x)", new double[] {-2, -1, 0, 1, 2, NAN}, d(-1, -1, 0, 1, 1, NAN), d(0, 0, 1, 0, 0, 1));
        check("relu6(x)", new double[] {-1, 0, 3, 6, 7, NAN}, d(0, 0, 3, 6, 6, NAN), d(0, 0, 1, 0, 0, 1));
        check("hardtanh(x, -0.5, 2)", new double[] {-0.5, 2, 1}, d(-0.5, 2, 1), d(0, 0, 1));
    }

    @Test
    void hardsigmoidAndHardswishAtPlusAndMinusThree() {
        check("hardsigmoid(x)", new double[] {-4, -3, 0, 3, 4, NAN}, d(0, 0, 0.5, 1, 1, NAN),
                d(0, 0, 1.0 / 6, 0, 0, 0));
        check("hardswish(x)", new double[] {-4, -3, 0, 3, 4, NAN}, d(-0.0, -0.0, 0, 3, 4, NAN),
                d(0, -0.5, 0.5, 1.5, 1, 1));
    }

    /** elu's gradient at 0 is alpha (the left branch), selu's scale·alpha, celu's 1. */
    @Test
    void exponentialUnitsAtZero() {
        check("elu(x, 2)", new double[] {0, 1}, d(0, 1), d(2, 1));
        double scale = 1.0507009873554804934193349852946;
        double alpha = 1.6732632423543772848170429916717;
        check("selu(x)", new double[] {0, 1}, d(0, scale), d(alpha * scale, scale));
        check("celu(x, alpha = 2)", new double[] {0, 1}, d(0, 1), d(1, 1));
        // NaN takes the x side, as in PyTorch (x <= 0 is false for it).
        check("elu(x)", new double[] {NAN}, d(NAN), d(1));
        check("celu(x)", new double[] {NAN}, d(NAN), d(1));
        check("selu(x)", new double[] {NAN}, d(NAN), d(scale));
    }

    @Test
    void softplusIsTheIdentityAboveItsThreshold() {
        double below = Math.log1p(Math.exp(20));
        double slope = Math.exp(20) / (1 + Math.exp(20));
        check("softplus(x)", new double[] {20, 25, 0}, d(below, 25, Math.log(2)), d(slope, 1, 0.5));
        check("softplus(x, beta = 2, threshold = 10)", new double[] {5, 5.5}, d(Math.log1p(Math.exp(10)) / 2, 5.5),
                d(Math.exp(10) / (1 + Math.exp(10)), 1));
    }

    /** Where e^x overflows, logsigmoid and mish keep finite values and gradients. */
    @Test
    void logsigmoidAndMishDoNotOverflow() {
        check("logsigmoid(x)", new double[] {-1000, 1000, 0, NAN}, d(-1000, 0, -Math.log(2), NAN), d(1, 0, 0.5, NAN));
        check("mish(x)", new double[] {1000, 0}, d(1000, 0), d(1, Math.tanh(Math.log(2))));
    }

    /** Far above 0, where e^x overflows (in f32 from about 89), the gradients are 1, not NaN. */
    @Test
    void exponentialUnitsAndSoftplusKeepFiniteGradientsForLargeInputs() {
        for (String fn : new String[] {"elu(x)", "celu(x, 0.5)", "softplus(x)", "mish(x)", "softplus(x, 3, 30)"}) {
            check(fn, new double[] {1000}, d(1000), d(1));
            Map<String, Tensor> r = Probe.with("x", Tensor.of(new float[] {100}, 1)).gradients(fn);
            assertThat(r.get("y").floats()).as(fn).containsExactly(100);
            assertThat(r.get("x").floats()).as("gradient of %s", fn).containsExactly(1);
        }
        check("selu(x)", new double[] {1000}, d(1000 * 1.0507009873554804934193349852946),
                d(1.0507009873554804934193349852946));
    }

    @Test
    void roundingOpsPassNoGradient() {
        check("round(x)", new double[] {0.5, 1.5, 2.5, -0.5, -2.5, 2.4999}, d(0, 2, 2, -0.0, -2, 2),
                d(0, 0, 0, 0, 0, 0));
        check("trunc(x)", new double[] {-0.5, 1.7, -1.7, NAN}, d(-0.0, 1, -1, NAN), d(0, 0, 0, 0));
        check("floor(x) + ceil(x)", new double[] {-0.5, 1.5}, d(-1, 3), d(0, 0));
        check("sign(x)", new double[] {-3, -0.0, 0, 2, NAN}, d(-1, 0, 0, 1, 0), d(0, 0, 0, 0, 0));
    }

    /** round(x, decimals) scales by 10^decimals in the tensor's dtype, rounds halves to even, scales back. */
    @Test
    void roundToDecimals() {
        Tensor two = Probe.with("x", vector(1.2345, 2.675, -1.005, 0.125)).value("round(x, decimals = 2)");
        assertThat(two.doubles()).containsExactly(1.23, 2.68, -1.0, 0.12);
        Tensor hundreds = Probe.with("x", vector(1234.5, 1250, 1350)).value("round(x, -2)");
        assertThat(hundreds.doubles()).containsExactly(1200, 1200, 1400);
    }

    @Test
    void roundingOpsLeaveIntegersAsTheyAre() {
        Tensor i = Tensor.of(new int[] {-3, 0, 4}, 3);
        assertThat(Probe.with("i", i).value("floor(i) + ceil(i) + round(i) + trunc(i)").ints())
                .containsExactly(-12, 0, 16);
        assertThat(Probe.with("i", i).value("sign(i) * square(i)").ints()).containsExactly(-9, 0, 16);
    }

    @Test
    void logarithmsAreExactAtPowersOfTheirBase() {
        assertThat(Probe.with("x", vector(8, 0.125, 1024)).value("log2(x)").doubles()).containsExactly(3, -3, 10);
        assertThat(Probe.with("x", vector(1000, 0.01)).value("log10(x)").doubles()).containsExactly(3, -2);
        Tensor f32 = Tensor.of(new float[] {8, 0.25f}, 2);
        assertThat(Probe.with("x", f32).value("log2(x)").floats()).containsExactly(3, -2);
    }

    /** log1p and expm1 keep the digits that log(1 + x) and exp(x) − 1 lose near 0. */
    @Test
    void log1pAndExpm1AreAccurateNearZero() {
        check("log1p(x)", new double[] {1e-10}, d(Math.log1p(1e-10)), d(1 / (1 + 1e-10)));
        check("expm1(x)", new double[] {1e-10}, d(Math.expm1(1e-10)), d(Math.expm1(1e-10) + 1));
        assertThat(Math.log1p(1e-10)).isNotEqualTo(Math.log(1 + 1e-10));
    }

    @Test
    void reciprocalRsqrtAndSquare() {
        check("reciprocal(x)", new double[] {4, -0.5}, d(0.25, -2), d(-0.0625, -4));
        check("rsqrt(x)", new double[] {4, 0.25}, d(0.5, 2), d(-0.0625, -4));
        check("square(x)", new double[] {3, -0.5}, d(9, 0.25), d(6, -1));
    }
}
