package nnet.compiler.source;

/**
 * A place in a source file: 1-based line and column of the first character, and how many characters
 * on that line the caret underline covers (at least 1).
 */
public record Span(SourceFile file, int line, int column, int length) {
    public Span {
        length = Math.max(1, length);
    }

    /** A span for things that have no place in any source, such as settings given on the command line. */
    public static Span none(String what) {
        return new Span(new SourceFile(what, ""), 0, 0, 1);
    }

    public boolean isNone() {
        return line == 0;
    }

    @Override
    public String toString() {
        return isNone() ? file.name() : file.name() + ":" + line + ":" + column;
    }
}
