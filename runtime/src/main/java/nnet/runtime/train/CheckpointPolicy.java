package nnet.runtime.train;

/**
 * When a run writes checkpoints: every {@code everySteps} optimizer steps (0 for never), at the end of
 * every epoch ({@code everyEpoch}) but no sooner than {@code minEpochSeconds} after the previous
 * checkpoint (0 for no limit), and always at the end of the run; the {@code keep} newest are kept, and
 * the best one by validation loss besides.
 */
public record CheckpointPolicy(CheckpointDir dir, long everySteps, boolean everyEpoch, long minEpochSeconds,
                               int keep) {
    /**
     * The default's limit: checkpointing every epoch of a run of tiny epochs (XOR's take microseconds)
     * would spend its time flushing files to disk; a crash then loses at most this much more.
     */
    public static final long DEFAULT_MIN_EPOCH_SECONDS = 30;

    public CheckpointPolicy {
        if (everySteps < 0 || minEpochSeconds < 0 || keep < 1) {
            throw new IllegalArgumentException("checkpoints every " + everySteps + " steps, " + minEpochSeconds
                    + " s apart, keeping " + keep);
        }
    }

    /** Exactly as asked: every N steps and/or every epoch, without a time limit. */
    public CheckpointPolicy(CheckpointDir dir, long everySteps, boolean everyEpoch, int keep) {
        this(dir, everySteps, everyEpoch, 0, keep);
    }
}
