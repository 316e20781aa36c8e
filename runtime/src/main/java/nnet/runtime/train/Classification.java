package nnet.runtime.train;

/**
 * Macro averages over a confusion matrix (row: target class, column: predicted class), with
 * scikit-learn's conventions: the average runs over the classes that occur as a target or as a
 * prediction, and a ratio whose denominator is 0 counts as 0 (zero_division=0).
 */
final class Classification {
    private Classification() {
    }

    /** {@code m} holds the C×C matrix row by row; any scale (counts or fractions). */
    static double macro(MetricKind kind, double[] m) {
        int c = classes(m);
        double total = 0;
        int present = 0;
        for (int k = 0; k < c; k++) {
            double tp = m[k * c + k];
            double actual = rowSum(m, c, k);
            double predicted = columnSum(m, c, k);
            if (actual == 0 && predicted == 0) {
                continue;
            }
            present++;
            total += switch (kind) {
                case PRECISION -> ratio(tp, predicted);
                case RECALL -> ratio(tp, actual);
                case F1 -> ratio(2 * tp, actual + predicted);
                default -> throw new IllegalArgumentException(kind + " is not a classification average");
            };
        }
        return present == 0 ? 0 : total / present;
    }

    /** The rounded counts of a matrix of fractions of {@code examples} examples. */
    static long[][] counts(double[] fractions, long examples) {
        int c = classes(fractions);
        long[][] out = new long[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = Math.round(fractions[i * c + j] * examples);
            }
        }
        return out;
    }

    static int classes(double[] m) {
        int c = (int) Math.round(Math.sqrt(m.length));
        if (c * c != m.length) {
            throw new IllegalArgumentException("a confusion matrix needs C×C entries, got " + m.length);
        }
        return c;
    }

    private static double rowSum(double[] m, int c, int row) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            s += m[row * c + j];
        }
        return s;
    }

    private static double columnSum(double[] m, int c, int col) {
        double s = 0;
        for (int i = 0; i < c; i++) {
            s += m[i * c + col];
        }
        return s;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
