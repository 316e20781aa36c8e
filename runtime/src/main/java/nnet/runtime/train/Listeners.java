package nnet.runtime.train;

import java.util.ArrayList;
import java.util.List;

/** The listeners of one trainer, called in the order they were added. */
final class Listeners implements TrainingListener {
    private final List<TrainingListener> all = new ArrayList<>();

    void add(TrainingListener l) {
        all.add(l);
    }

    /** Whether anyone listens; the trainer skips building per-step figures otherwise. */
    boolean any() {
        return !all.isEmpty();
    }

    @Override
    public void started(Plan plan) {
        all.forEach(l -> l.started(plan));
    }

    @Override
    public void epochStarted(int epoch, double lr) {
        all.forEach(l -> l.epochStarted(epoch, lr));
    }

    @Override
    public void stepEnded(Step step) {
        all.forEach(l -> l.stepEnded(step));
    }

    @Override
    public void epochEnded(Epoch epoch) {
        all.forEach(l -> l.epochEnded(epoch));
    }

    @Override
    public void afterStep(RunPosition at, long step, double loss) {
        all.forEach(l -> l.afterStep(at, step, loss));
    }

    @Override
    public void afterEpoch(RunPosition at, Metrics train, Metrics validation) {
        all.forEach(l -> l.afterEpoch(at, train, validation));
    }

    @Override
    public void finished() {
        all.forEach(TrainingListener::finished);
    }
}
