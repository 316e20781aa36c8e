package nnet.runtime.train;

import java.util.Locale;

/**
 * How a metric's per-batch statistics become the figure of a whole pass. Every metric's value in the
 * graph is a mean over the batch's examples (a tensor for some kinds), which the trainer averages over
 * the pass weighting each batch by its examples; that is exact, and the kind then finishes the figure
 * from the means, so that figures that are not means of per-example values (a root, a ratio of sums)
 * come out as over the whole pass rather than as an average of per-batch figures.
 */
public enum MetricKind {
    /** The statistic is the figure: accuracy, top-k accuracy, MAE. */
    MEAN,
    /** The square root of the mean: RMSE from the mean squared error. */
    SQRT,
    /** The exponential of the mean: perplexity from the mean cross-entropy. */
    EXP,
    /** A [C, C] matrix of the fractions of examples with target row and prediction column; shown as counts. */
    CONFUSION,
    /** Macro-averaged precision from the confusion fractions, as scikit-learn's precision_score(average="macro"). */
    PRECISION,
    /** Macro-averaged recall, as scikit-learn's recall_score(average="macro"). */
    RECALL,
    /** Macro-averaged F1, as scikit-learn's f1_score(average="macro"). */
    F1,
    /** R² from [3, K] means of squared error, target and squared target per column; uniform average over K. */
    R2;

    public static MetricKind of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown metric kind '" + name + "'", e);
        }
    }

    /** Whether the figure is a single number (all kinds but the confusion matrix). */
    public boolean scalar() {
        return this != CONFUSION;
    }

    /** The figure from the pass's example-weighted means of the statistics. */
    double finish(double[] means) {
        return switch (this) {
            case MEAN -> means[0];
            case SQRT -> Math.sqrt(means[0]);
            case EXP -> Math.exp(means[0]);
            case PRECISION, RECALL, F1 -> Classification.macro(this, means);
            case R2 -> Regression.r2(means);
            case CONFUSION -> throw new IllegalStateException("a confusion matrix is not one number");
        };
    }
}
