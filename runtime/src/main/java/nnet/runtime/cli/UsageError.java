package nnet.runtime.cli;

/** A command line that cannot be carried out; the message is shown as is and the exit code is 2. */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
