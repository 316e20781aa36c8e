package nnet.runtime.io;

/** Conversions from 16-bit floating-point encodings to float; both are exact. */
final class Half {
    private static final int HALF_EXPONENT_MAX = 0x1F;
    /** float's exponent bias (127) minus half's (15). */
    private static final int BIAS_DIFFERENCE = 112;

    private Half() {
    }

    /** IEEE 754 binary16, as numpy's f2 and safetensors' F16. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & HALF_EXPONENT_MAX;
        int mantissa = bits & 0x3FF;
        if (exponent == HALF_EXPONENT_MAX) {
            // Infinity or NaN; keeping the mantissa keeps NaN payloads distinct.
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent != 0) {
            return Float.intBitsToFloat(sign | ((exponent + BIAS_DIFFERENCE) << 23) | (mantissa << 13));
        }
        // Zero or subnormal: mantissa * 2^-24, exact in float.
        float magnitude = mantissa * 0x1p-24f;
        return sign != 0 ? -magnitude : magnitude;
    }

    /** bfloat16: the upper half of a float's bits. */
    static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
