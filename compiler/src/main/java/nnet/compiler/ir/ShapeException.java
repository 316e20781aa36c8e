package nnet.compiler.ir;

/** A shape or dtype rule rejected its inputs; the message is shown to the user as is. */
public final class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
