package nnet.runtime.train;

/**
 * Training stopped between two steps because it was asked to (Ctrl-C); {@link #position()} is where it
 * stopped, a consistent point to checkpoint and resume from.
 */
public final class TrainingInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RunPosition position;
    private final long step;

    public TrainingInterrupted(RunPosition position, long step) {
        super("training interrupted at epoch " + position.epoch() + ", step " + step);
        this.position = position;
        this.step = step;
    }

    public TrainingInterrupted(String message, TrainingInterrupted cause) {
        super(message, cause);
        this.position = cause.position;
        this.step = cause.step;
    }

    public RunPosition position() {
        return position;
    }

    /** The optimizer steps taken when it stopped. */
    public long step() {
        return step;
    }
}
