package nnet.runtime;

/**
 * Thrown by a model's code when an index read at run time is outside the dim it indexes: an id of
 * {@code embedding} beyond the weight's rows, an element of {@code gather}'s index, an int index of a
 * slice on a dim bound at run time. {@link #element()} is the position of the bad value in its index
 * tensor (row-major), or -1 when the index was written in the source.
 */
public final class IndexOutOfRange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final int index;
    private final int size;
    private final int element;

    public IndexOutOfRange(String op, int index, int size, int element) {
        super(message(op, index, size, element));
        this.op = op;
        this.index = index;
        this.size = size;
        this.element = element;
    }

    private static String message(String op, int index, int size, int element) {
        // An index written in the source may count from the end, as in Python; one read from a tensor may not.
        String where = element >= 0 ? " (element " + element + " of its index tensor)" : "";
        String valid = size <= 0 ? "" : " (valid: " + (element >= 0 ? 0 : -size) + " to " + (size - 1) + ")";
        return "'" + op + "': index " + index + where + " is out of range for a dim of size " + size + valid;
    }

    public String op() {
        return op;
    }

    public int index() {
        return index;
    }

    public int size() {
        return size;
    }

    public int element() {
        return element;
    }
}
