package nnet.runtime.train;

/**
 * What a training run reports as it goes, to progress bars, logs, plots and checkpoints. The trainer calls
 * these in order: {@code started} once, then per epoch {@code epochStarted}, after every optimizer step
 * {@code stepEnded} and {@code afterStep}, after the epoch and its validation {@code epochEnded} and
 * {@code afterEpoch}, and {@code finished} after the last epoch. The {@code after} methods are told the
 * run's position, at which it could stop and resume; {@code at} already counts the step or epoch just
 * done. Every method does nothing by default, so a listener implements only what it needs.
 */
public interface TrainingListener {

    /** After optimizer step {@code step} (the model's count), whose mini-batch loss was {@code loss}. */
    default void afterStep(RunPosition at, long step, double loss) {
    }

    /** After an epoch and its validation ({@code validation} null without a validation set). */
    default void afterEpoch(RunPosition at, Metrics train, Metrics validation) {
    }

    /** Before the first epoch: how much work the run is. */
    default void started(Plan plan) {
    }

    default void epochStarted(int epoch, double lr) {
    }

    default void stepEnded(Step step) {
    }

    default void epochEnded(Epoch epoch) {
    }

    default void finished() {
    }

    /** The shape of a run: examples per epoch, steps per epoch, epochs. */
    record Plan(String model, int examples, int validationExamples, int batch, int stepsPerEpoch, int epochs,
                String optimizer) {
    }

    /**
     * One optimizer step: {@code step} counts from 1 over the whole run, {@code stepInEpoch} from 1 within
     * the epoch; {@code batch} holds the loss and metrics of this batch alone, {@code running} those of the
     * epoch so far; {@code seconds} is the time since the epoch started.
     */
    record Step(int epoch, long step, int stepInEpoch, int stepsInEpoch, int examples, double lr, Metrics batch,
                Metrics running, double seconds) {
    }

    /** An epoch's figures; {@code validation} is null without a validation set. */
    record Epoch(int epoch, long step, double lr, Metrics train, Metrics validation, double examplesPerSecond,
                 double seconds) {
    }
}
