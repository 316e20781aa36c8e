package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfTest {
    /** The IEEE 754 binary16 definition, evaluated in double arithmetic. */
    private static double halfByDefinition(int bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        double magnitude;
        if (exponent == 0x1F) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0) {
            magnitude = Math.scalb((double) fraction, -24);
        } else {
            magnitude = Math.scalb(1 + fraction / 1024.0, exponent - 15);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void everyHalfConvertsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float actual = Half.halfToFloat((short) bits);
            double expected = halfByDefinition(bits);
            assertThat(Double.valueOf(actual)).as("half 0x%04x", bits).isEqualTo(Double.valueOf(expected));
        }
    }

    @Test
    void knownHalves() {
        assertThat(Half.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(Half.halfToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(Half.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Half.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float.floatToIntBits(Half.halfToFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0f));
    }

    @Test
    void bfloat16IsTheTopHalfOfAFloat() {
        assertThat(Half.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1f);
        assertThat(Half.bfloat16ToFloat((short) 0xC0A0)).isEqualTo(-5f);
        assertThat(Half.bfloat16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.bfloat16ToFloat((short) 0x3E20)).isEqualTo(0.15625f);
    }
}
