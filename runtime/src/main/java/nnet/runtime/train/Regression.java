package nnet.runtime.train;

/**
 * The coefficient of determination from means over all examples, as scikit-learn's r2_score: per output
 * column 1 − SSE/SST with SST = n·(mean(t²) − mean(t)²), averaged uniformly over the columns; a column
 * whose target is constant scores 1 when predicted exactly and 0 otherwise (force_finite).
 */
final class Regression {
    private Regression() {
    }

    /** {@code means} holds [3, K] row by row: mean squared error, mean target, mean squared target. */
    static double r2(double[] means) {
        if (means.length % 3 != 0 || means.length == 0) {
            throw new IllegalArgumentException("R² needs [3, K] statistics, got " + means.length + " numbers");
        }
        int k = means.length / 3;
        double total = 0;
        for (int j = 0; j < k; j++) {
            double sse = means[j];
            double mean = means[k + j];
            double sst = means[2 * k + j] - mean * mean;
            total += sst <= 0 ? (sse == 0 ? 1 : 0) : 1 - sse / sst;
        }
        return total / k;
    }
}
