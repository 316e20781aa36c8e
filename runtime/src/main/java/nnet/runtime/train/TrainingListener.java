package nnet.runtime.train;

/**
 * What a training run reports as it goes, to progress bars, logs and plots. The trainer calls these in
 * order: {@code started} once, then per epoch {@code epochStarted}, {@code stepEnded} after every optimizer
 * step and {@code epochEnded}, and {@code finished} after the last epoch. Every method does nothing by
 * default, so a listener implements only what it shows.
 */
public interface TrainingListener {

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
