package nnet.runtime;

/**
 * Thrown by a model's code when a class index (the target of cross_entropy) is not one of the classes.
 * {@link #row()} is the example's row within the batch, so that a data reader can name its record.
 */
public final class ClassIndexOutOfRange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final int index;
    private final int classes;

    public ClassIndexOutOfRange(int row, int index, int classes) {
        super("class index " + index + " of example " + row + " in the batch is out of range: " + classes
                + " classes, 0 to " + (classes - 1));
        this.row = row;
        this.index = index;
        this.classes = classes;
    }

    public int row() {
        return row;
    }

    public int index() {
        return index;
    }

    public int classes() {
        return classes;
    }
}
