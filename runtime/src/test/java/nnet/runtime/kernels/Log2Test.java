package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

class Log2Test {

    @Test
    void powersOfTwoGiveTheirExponentExactly() {
        for (int e = Double.MIN_EXPONENT; e <= Double.MAX_EXPONENT; e++) {
            assertThat(MathFns.log2(Math.scalb(1.0, e))).as("log2(2^%d)", e).isEqualTo((double) e);
        }
    }

    @Test
    void specialValues() {
        assertThat(MathFns.log2(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(MathFns.log2(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(MathFns.log2(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(MathFns.log2(-1.0)).isNaN();
        assertThat(MathFns.log2(Double.NaN)).isNaN();
        assertThat(MathFns.log2(Double.MIN_VALUE)).isCloseTo(-1074.0, offset(1e-12));
    }

    /** log2(m·2^k) = log2(m) + k, to the rounding of both sides. */
    @Test
    void scalingByAPowerOfTwoAddsItsExponent() {
        Properties.forAll("log2 of scaled values", 2000, rnd -> new double[] {0.5 + rnd.nextDouble() * 1.5,
                rnd.nextInt(2000) - 1000}, v -> {
            double m = v[0];
            int k = (int) v[1];
            double expected = MathFns.log2(m) + k;
            assertThat(MathFns.log2(Math.scalb(m, k))).isCloseTo(expected,
                    offset(4 * Math.ulp(Math.max(1, Math.abs(expected)))));
        });
    }
}
