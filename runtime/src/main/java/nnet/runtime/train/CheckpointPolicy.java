package nnet.runtime.train;

/**
 * When a run writes checkpoints: every {@code everySteps} optimizer steps (0 for never), at the end of
 * every epoch ({@code everyEpoch}), and always at the end of the run; the {@code keep} newest are kept,
 * and the best one by validation loss besides.
 */
public record CheckpointPolicy(CheckpointDir dir, long everySteps, boolean everyEpoch, int keep) {
    public CheckpointPolicy {
        if (everySteps < 0 || keep < 1) {
            throw new IllegalArgumentException("checkpoints every " + everySteps + " steps, keeping " + keep);
        }
    }
}
