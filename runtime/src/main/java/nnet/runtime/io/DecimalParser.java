package nnet.runtime.io;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses a decimal number straight from bytes, without making a String, for the common case of at most 15
 * significant digits and a small exponent; there the result is exactly what Double.parseDouble gives, since
 * both the digits and the power of ten are exact doubles and one IEEE division or multiplication rounds
 * correctly. Everything else (longer numbers, nan, inf) goes through Double.parseDouble.
 */
final class DecimalParser {
    /** Below 2^53, so the digits are an exact double. */
    private static final int FAST_DIGITS = 15;
    /** 10^22 is the largest power of ten that is an exact double. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** Caps the exponent while it is read, far beyond where a double overflows, so it cannot wrap. */
    private static final int EXPONENT_CAP = 100_000;

    /** The result of the last successful {@link #parse}. */
    double value;

    /** Parses {@code bytes[start, end)}; returns false when it is not a number. */
    boolean parse(byte[] bytes, int start, int end) {
        return parseSimple(bytes, start, end) || parseGeneral(bytes, start, end);
    }

    /** Returns false both for "not a number" and for "too hard here"; the general path decides which. */
    private boolean parseSimple(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long digits = 0;
        int digitCount = 0;
        int scale = 0;
        boolean sawDigit = false;
        for (; i < end && isDigit(b[i]); i++) {
            sawDigit = true;
            if (digits == 0 && b[i] == '0') {
                continue;
            }
            if (++digitCount > FAST_DIGITS) {
                return false;
            }
            digits = digits * 10 + (b[i] - '0');
        }
        if (i < end && b[i] == '.') {
            for (i++; i < end && isDigit(b[i]); i++) {
                sawDigit = true;
                scale--;
                if (digits == 0 && b[i] == '0') {
                    continue;
                }
                if (++digitCount > FAST_DIGITS) {
                    return false;
                }
                digits = digits * 10 + (b[i] - '0');
            }
        }
        if (!sawDigit) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int exponentStart = i;
            int exponent = 0;
            for (; i < end && isDigit(b[i]); i++) {
                exponent = Math.min(exponent * 10 + (b[i] - '0'), EXPONENT_CAP);
            }
            if (i == exponentStart) {
                return false;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != end) {
            return false;
        }
        if (digits == 0) {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        if (scale < -22 || scale > 22) {
            return false;
        }
        double magnitude = scale < 0 ? digits / POWERS_OF_TEN[-scale] : digits * POWERS_OF_TEN[scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /**
     * Double.parseDouble's reading, restricted to plain decimal notation (no hex, no 'd'/'f' suffixes), plus
     * the spellings Python and NumPy write for special values: nan, inf, infinity in any case.
     */
    private boolean parseGeneral(byte[] b, int start, int end) {
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        double sign = text.startsWith("-") ? -1 : 1;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                value = Double.NaN;
                return true;
            }
            case "inf", "infinity" -> {
                value = sign * Double.POSITIVE_INFINITY;
                return true;
            }
            default -> {
                return isPlainDecimal(text) && parseJava(text);
            }
        }
    }

    private static boolean isPlainDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit((byte) c) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private boolean parseJava(String text) {
        try {
            value = Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
