package nnet.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Macro precision, recall and F1 from confusion matrices, against scikit-learn's documented example
 * (y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]: precision 0.2222, recall 0.3333, F1
 * 0.2667) and its conventions for classes that are never predicted or never occur.
 */
class ClassificationTest {
    /** The matrix of scikit-learn's example, row target, column prediction. */
    private static final double[] SKLEARN_EXAMPLE = {
        2, 0, 0,
        1, 0, 1,
        0, 2, 0};

    @Test
    void matchesScikitLearnsExample() {
        assertThat(Classification.macro(MetricKind.PRECISION, SKLEARN_EXAMPLE)).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(Classification.macro(MetricKind.RECALL, SKLEARN_EXAMPLE)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Classification.macro(MetricKind.F1, SKLEARN_EXAMPLE)).isCloseTo(4.0 / 15, within(1e-12));
    }

    @Test
    void scaleDoesNotMatter() {
        double[] fractions = SKLEARN_EXAMPLE.clone();
        for (int i = 0; i < fractions.length; i++) {
            fractions[i] /= 6;
        }
        assertThat(Classification.macro(MetricKind.F1, fractions)).isCloseTo(4.0 / 15, within(1e-12));
    }

    @Test
    void aClassNeitherSeenNorPredictedIsLeftOut() {
        double[] withUnused = {
            2, 0, 0, 0,
            1, 0, 1, 0,
            0, 2, 0, 0,
            0, 0, 0, 0};
        assertThat(Classification.macro(MetricKind.F1, withUnused)).isCloseTo(4.0 / 15, within(1e-12));
    }

    @Test
    void aClassNeverPredictedHasPrecisionZero() {
        // Class 1 occurs twice and is never predicted: precision 0 for it (zero_division=0).
        double[] m = {
            3, 0,
            2, 0};
        assertThat(Classification.macro(MetricKind.PRECISION, m)).isCloseTo((3.0 / 5 + 0) / 2, within(1e-12));
        assertThat(Classification.macro(MetricKind.RECALL, m)).isCloseTo((1 + 0) / 2.0, within(1e-12));
    }

    @Test
    void countsComeBackFromFractions() {
        double[] fractions = {0.5, 0.25, 0, 0.25};
        assertThat(Classification.counts(fractions, 8)).isDeepEqualTo(new long[][] {{4, 2}, {0, 2}});
    }

    @Test
    void aMatrixThatIsNotSquareIsRefused() {
        assertThatThrownBy(() -> Classification.macro(MetricKind.F1, new double[5]))
                .hasMessageContaining("C×C entries, got 5");
    }
}
