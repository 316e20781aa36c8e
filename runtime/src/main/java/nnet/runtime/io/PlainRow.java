package nnet.runtime.io;

/**
 * The fast path for the commonest CSV row: numbers like 0, 255, -3.25, separated by bare commas. It reads
 * every byte once and makes no objects. Anything else (spaces, quotes, exponents, long numbers, errors) makes
 * it give up, and the caller parses the row the general way, which also produces the error messages.
 */
final class PlainRow {
    /** Below 2^53, so the digits are an exact double and one division by an exact power of ten rounds right. */
    private static final int MAX_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    private PlainRow() {
    }

    /**
     * Parses {@code b[start, end)} as exactly {@code columns} plain numbers into {@code out} from
     * {@code offset}; returns false, with {@code out} partly written, if the row is not that simple.
     */
    static boolean parse(byte[] b, int start, int end, int columns, double[] out, int offset) {
        int p = start;
        for (int field = 0; field < columns; field++) {
            boolean negative = p < end && b[p] == '-';
            if (negative) {
                p++;
            }
            long digits = 0;
            int integerStart = p;
            for (; p < end && b[p] >= '0' && b[p] <= '9'; p++) {
                digits = digits * 10 + (b[p] - '0');
            }
            int integerDigits = p - integerStart;
            int fractionDigits = 0;
            if (p < end && b[p] == '.') {
                int fractionStart = ++p;
                for (; p < end && b[p] >= '0' && b[p] <= '9'; p++) {
                    digits = digits * 10 + (b[p] - '0');
                }
                fractionDigits = p - fractionStart;
            }
            int totalDigits = integerDigits + fractionDigits;
            if (totalDigits == 0 || totalDigits > MAX_DIGITS) {
                return false;
            }
            boolean last = field == columns - 1;
            if (last ? p != end : p >= end || b[p] != ',') {
                return false;
            }
            p++;
            double magnitude = fractionDigits == 0 ? digits : digits / POWERS_OF_TEN[fractionDigits];
            out[offset + field] = negative ? -magnitude : magnitude;
        }
        return true;
    }
}
