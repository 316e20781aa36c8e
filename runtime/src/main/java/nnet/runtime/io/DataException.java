package nnet.runtime.io;

/**
 * A problem with the contents or accessibility of a data file, meant to be shown to a person as is.
 * The message always names the file and, where it applies, the record or entry, followed by what is wrong,
 * e.g. {@code digits.csv:17: field 65 'x' is not a number}. Callers print {@link #getMessage()} only.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
