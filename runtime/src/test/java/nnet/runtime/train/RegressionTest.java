package nnet.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** R² from the means of squared error, target and squared target, against the textbook formula. */
class RegressionTest {

    /** The [3, 1] means of targets t and predictions p. */
    private static double[] means(double[] t, double[] p) {
        double[] m = new double[3];
        for (int i = 0; i < t.length; i++) {
            m[0] += (p[i] - t[i]) * (p[i] - t[i]) / t.length;
            m[1] += t[i] / t.length;
            m[2] += t[i] * t[i] / t.length;
        }
        return m;
    }

    @Test
    void equalsOneMinusTheRatioOfSums() {
        // scikit-learn's r2_score example: y_true [3, -0.5, 2, 7], y_pred [2.5, 0, 2, 8] gives 0.9486...
        double[] t = {3, -0.5, 2, 7};
        double[] p = {2.5, 0, 2, 8};
        double mean = (3 - 0.5 + 2 + 7) / 4;
        double sse = 0.25 + 0.25 + 0 + 1;
        double sst = 0;
        for (double v : t) {
            sst += (v - mean) * (v - mean);
        }
        assertThat(Regression.r2(means(t, p))).isCloseTo(1 - sse / sst, within(1e-12)).isCloseTo(0.948608, within(1e-6));
    }

    @Test
    void columnsAreAveragedUniformly() {
        double[] a = means(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        double[] b = means(new double[] {1, 2, 3}, new double[] {3, 2, 1});
        double[] both = {a[0], b[0], a[1], b[1], a[2], b[2]};
        assertThat(Regression.r2(both)).isCloseTo((1 + (1 - 8.0 / 2)) / 2, within(1e-12));
    }

    @Test
    void aConstantTargetScoresOneWhenExactAndZeroOtherwise() {
        assertThat(Regression.r2(means(new double[] {2, 2}, new double[] {2, 2}))).isEqualTo(1);
        assertThat(Regression.r2(means(new double[] {2, 2}, new double[] {1, 2}))).isEqualTo(0);
    }
}
