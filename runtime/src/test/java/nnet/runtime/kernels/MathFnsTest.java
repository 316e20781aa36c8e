package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import nnet.testing.Properties;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MathFnsTest {
    private static final double RELATIVE = 1e-14;

    @Test
    void erfAgreesWithTheReference() {
        for (double x : samplePoints()) {
            checkClose("erf", x, MathFns.erf(x), ErfReference.erf(x));
        }
    }

    @Test
    void erfcAgreesWithTheReferenceIncludingTheFarTail() {
        for (double x : samplePoints()) {
            checkClose("erfc", x, MathFns.erfc(x), ErfReference.erfc(x));
        }
    }

    @Test
    void tanhForFloatRoundsToTheSameFloatsAsMathTanh() {
        // A stride through every positive float, subnormals to the largest, and their negatives.
        for (int bits = 0; bits < 0x7f800000; bits += 211) {
            float x = Float.intBitsToFloat(bits);
            for (float v : new float[] {x, -x}) {
                assertThat(Float.floatToRawIntBits((float) MathFns.tanhForFloat(v)))
                        .as("tanh(%s)", v).isEqualTo(Float.floatToRawIntBits((float) Math.tanh(v)));
            }
        }
        assertThat(MathFns.tanhForFloat(Double.NaN)).isNaN();
        assertThat(MathFns.tanhForFloat(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(MathFns.tanhForFloat(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Double.doubleToRawLongBits(MathFns.tanhForFloat(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void tanhForFloatIsWithinItsRelativeErrorBoundInDouble() {
        Properties.forAll("tanhForFloat's relative error", 5000, r -> Math.scalb(r.nextDouble() * 2 - 1, -r.nextInt(40)),
                x -> assertThat(Math.abs(MathFns.tanhForFloat(x) - Math.tanh(x)))
                        .isLessThanOrEqualTo(6e-13 * Math.abs(Math.tanh(x))));
    }

    @Test
    void specialValues() {
        assertThat(MathFns.erf(0.0)).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(MathFns.erf(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(MathFns.erfc(0.0)).isEqualTo(1.0);
        assertThat(MathFns.erfc(-0.0)).isEqualTo(1.0);
        assertThat(MathFns.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(MathFns.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(MathFns.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(MathFns.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(MathFns.erf(Double.NaN)).isNaN();
        assertThat(MathFns.erfc(Double.NaN)).isNaN();
        assertThat(MathFns.erf(Float.NaN)).isNaN();
        assertThat(MathFns.erf(40.0)).isEqualTo(1.0);
        assertThat(MathFns.erf(-1e300)).isEqualTo(-1.0);
        assertThat(MathFns.erfc(30.0)).isEqualTo(0.0);
        assertThat(MathFns.erfc(-30.0)).isEqualTo(2.0);
        assertThat(MathFns.erfc(Double.MAX_VALUE)).isEqualTo(0.0);
        assertThat(MathFns.erf(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void erfIsOddAndErfcIsItsComplement() {
        Properties.forAll("erf is odd, erfc its complement", 2000, MathFnsTest::anyDouble, x -> {
            // Boxed, so that NaN equals NaN and -0.0 differs from 0.0.
            assertThat(Double.valueOf(MathFns.erf(-x))).isEqualTo(Double.valueOf(-MathFns.erf(x)));
            if (!Double.isNaN(x)) {
                assertThat(MathFns.erfc(x) + MathFns.erfc(-x)).isCloseTo(2.0, Offset.offset(5e-16));
                assertThat(MathFns.erf(x) + MathFns.erfc(x)).isCloseTo(1.0, Offset.offset(5e-16));
                assertThat(Math.abs(MathFns.erf(x))).isLessThanOrEqualTo(1.0);
            }
        });
    }

    @Test
    void floatErfIsTheRoundedDoubleValue() {
        Properties.forAll("float erf", 2000, r -> (float) anyDouble(r), x -> {
            float f = MathFns.erf(x);
            if (Float.isNaN(x)) {
                assertThat(f).isNaN();
            } else if (Float.isInfinite(x)) {
                assertThat(f).isEqualTo(Math.signum(x));
            } else {
                double d = ErfReference.erf(x).doubleValue();
                assertThat((double) f).isCloseTo(d, Offset.offset(Math.ulp((float) d) * 0.5001));
            }
        });
    }

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 0.46875, -0.46875, 4.0, -4.0, 26.5, 27.3, 1.0};

    /** Special values, arbitrary bit patterns (NaNs and extremes included), moderate and small values. */
    private static double anyDouble(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return SPECIAL[random.nextInt(SPECIAL.length)];
            case 1:
                return Double.longBitsToDouble(random.nextLong());
            case 2:
                return (random.nextDouble() * 2 - 1) * 30;
            default:
                return (random.nextDouble() * 2 - 1) * Math.scalb(1.0, -random.nextInt(60));
        }
    }

    @Test
    void derivativeByFiniteDifferencesIsTheGaussianAcrossTheJoins() {
        // A float64 gradient check of GELU sees erf through differences like these; the joins between the
        // approximation intervals (0.46875 and 4) must not show as kinks.
        double[] points = {0.1, 0.46875, 0.46875 - 1e-6, 0.46875 + 1e-6, 1.0, 2.5, 4.0, 4.0 - 1e-6, 4.0 + 1e-6, 5.0};
        for (double x0 : points) {
            for (double x : new double[] {x0, -x0}) {
                double h = 1e-5;
                double difference = (MathFns.erf(x + h) - MathFns.erf(x - h)) / (2 * h);
                double exact = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
                assertThat(difference).as("erf'(%s)", x).isCloseTo(exact, Offset.offset(1e-9));
                double differenceC = (MathFns.erfc(x + h) - MathFns.erfc(x - h)) / (2 * h);
                assertThat(differenceC).as("erfc'(%s)", x).isCloseTo(-exact, Offset.offset(1e-9));
            }
        }
    }

    @Test
    void monotoneAcrossTheJoinsAtTheScaleOfItsAccuracy() {
        // Steps of 64 ulps of x change erf by tens of ulps near the joins, more than its rounding error, so
        // an order reversal here would be a jump between the approximations, not rounding noise.
        for (double join : new double[] {0.46875, 4.0}) {
            double step = 64 * Math.ulp(join);
            for (int i = -200; i < 200; i++) {
                double x = join + i * step;
                double next = x + step;
                assertThat(MathFns.erf(next)).as("erf at %s", next).isGreaterThanOrEqualTo(MathFns.erf(x));
                assertThat(MathFns.erfc(next)).as("erfc at %s", next).isLessThanOrEqualTo(MathFns.erfc(x));
                assertThat(MathFns.erf(-next)).as("erf at %s", -next).isLessThanOrEqualTo(MathFns.erf(-x));
            }
        }
    }

    /** A grid over [-6, 27.5], the interval joins and their neighbours, tiny arguments and random points. */
    private static List<Double> samplePoints() {
        List<Double> xs = new ArrayList<>();
        for (int i = -600; i <= 2750; i += 3) {
            xs.add(i / 100.0);
        }
        for (double join : new double[] {0.46875, 4.0, 26.5, 27.3}) {
            xs.add(join);
            xs.add(Math.nextUp(join));
            xs.add(Math.nextDown(join));
            xs.add(-join);
        }
        for (double tiny : new double[] {1e-300, 3e-200, 1e-20, 1.5e-8, 1e-3, Double.MIN_NORMAL, 4 * Double.MIN_VALUE}) {
            xs.add(tiny);
            xs.add(-tiny);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            xs.add(random.nextDouble(-8, 28));
            xs.add(Math.scalb(random.nextDouble(0.5, 1), -random.nextInt(60)));
        }
        return xs;
    }

    /**
     * Relative error at most 1e-14 where the exact value is a normal double; where it is subnormal only a
     * few units of the smallest subnormal can be asked for.
     */
    private static void checkClose(String name, double x, double actual, BigDecimal exact) {
        double expected = exact.doubleValue();
        if (Math.abs(expected) >= Double.MIN_NORMAL) {
            BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
            double relative = error.divide(exact.abs(), MathContext.DECIMAL64).doubleValue();
            assertThat(relative).as("%s(%s) = %s, exact %s", name, x, actual, expected).isLessThanOrEqualTo(RELATIVE);
        } else {
            assertThat(actual).as("%s(%s), exact %s", name, x, expected)
                    .isCloseTo(expected, Offset.offset(4 * Double.MIN_VALUE));
        }
    }
}
