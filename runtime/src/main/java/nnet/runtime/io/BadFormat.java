package nnet.runtime.io;

/**
 * A problem found while decoding a file, described without the file's name. The public entry points catch it
 * and rethrow it as a {@link DataException} that names the file, so inner parsers need not carry the name.
 */
final class BadFormat extends RuntimeException {
    BadFormat(String message) {
        super(message, null, false, false);
    }
}
