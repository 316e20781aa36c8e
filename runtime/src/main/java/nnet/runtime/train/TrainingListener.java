package nnet.runtime.train;

/**
 * Told of a training run's progress at the points where it could stop and resume: after each optimizer
 * step and after each epoch (with its validation). {@code at} already counts the step or epoch just done.
 */
public interface TrainingListener {
    /** After optimizer step {@code step} (the model's count), whose mini-batch loss was {@code loss}. */
    default void afterStep(RunPosition at, long step, double loss) {
    }

    /** After an epoch and its validation ({@code validation} null without a validation set). */
    default void afterEpoch(RunPosition at, Metrics train, Metrics validation) {
    }
}
