package nnet.runtime.train;

import java.nio.file.Path;
import nnet.runtime.Model;

/**
 * Writes a run's checkpoints as its policy says, while it trains: each atomically, pruning all but the
 * newest few, and the best epoch's under its own name. The best is kept in memory when found and
 * written with the next checkpoint, so that a run whose loss improves every epoch does not pay a second
 * write per epoch; on disk, the best is always that of the newest checkpoint's position.
 */
public final class CheckpointWriter implements TrainingListener {
    private final Model model;
    private final RunSettings settings;
    private final CheckpointPolicy policy;
    /** The step the run started from: 0 for a fresh run, else the resumed checkpoint's. */
    private final long startStep;
    private Path last;
    private boolean cleared;
    private Checkpoint.Snapshot pendingBest;
    private long lastWrite = System.nanoTime();

    /**
     * A writer for a run starting at the model's current step count: 0 for a fresh run, whose first
     * checkpoint replaces those of an earlier run in the directory; otherwise a resumed run, whose first
     * checkpoint replaces those that an abandoned continuation wrote after the resumed one.
     */
    public CheckpointWriter(Model model, RunSettings settings, CheckpointPolicy policy) {
        this.model = model;
        this.settings = settings;
        this.policy = policy;
        this.startStep = model.steps();
    }

    @Override
    public void afterStep(RunPosition at, long step, double loss) {
        // The end of an epoch gets its checkpoint after validation anyway (with the best loss updated).
        boolean epochEnds = (long) at.batch() * settings.config().batch() >= settings.trainExamples();
        if (policy.everySteps() > 0 && step % policy.everySteps() == 0 && !(epochEnds && policy.everyEpoch())) {
            save(at);
        }
    }

    @Override
    public void afterEpoch(RunPosition at, Metrics train, Metrics validation) {
        int done = at.epoch() - 1;
        if (validation != null && at.offerValidationLoss(validation.loss(), done)) {
            pendingBest = Checkpoint.capture(model, settings, at);
        }
        boolean due = (System.nanoTime() - lastWrite) / 1e9 >= policy.minEpochSeconds();
        if ((policy.everyEpoch() && due) || done >= settings.config().epochs()) {
            save(at);
        }
    }

    /** Writes a checkpoint of the model at {@code at} now, named by the step count; returns its path. */
    public Path save(RunPosition at) {
        replaceEarlierRunOnce();
        if (pendingBest != null) {
            pendingBest.writeTo(policy.dir().best());
            pendingBest = null;
        }
        Path file = policy.dir().forStep(model.steps());
        Checkpoint.write(file, model, settings, at);
        policy.dir().keepLast(policy.keep());
        last = file;
        lastWrite = System.nanoTime();
        return file;
    }

    private void replaceEarlierRunOnce() {
        if (cleared) {
            return;
        }
        cleared = true;
        policy.dir().create();
        if (startStep == 0) {
            policy.dir().removeAll();
        } else {
            policy.dir().removeAfter(startStep);
        }
    }

    /** The newest checkpoint this writer wrote, null before the first. */
    public Path last() {
        return last;
    }
}
