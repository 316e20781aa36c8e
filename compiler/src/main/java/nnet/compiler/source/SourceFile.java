package nnet.compiler.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nnet.runtime.io.Utf8;

/** The text of one source file and where its lines start, for diagnostics. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        this.lineStarts = findLineStarts(text);
    }

    /**
     * A source from its bytes: UTF-8, without the byte order mark some editors write first. Bytes that
     * are not UTF-8 are an error at their line and column, given to {@code errors}; the source returned
     * then holds them as U+FFFD, so that the error can show its line.
     */
    public static SourceFile fromBytes(String name, byte[] bytes, Consumer<Diagnostic> errors) {
        try {
            return new SourceFile(name, Utf8.decodeWithoutBom(bytes));
        } catch (Utf8.Malformed e) {
            int from = Utf8.hasBom(bytes) ? 3 : 0;
            SourceFile lenient = new SourceFile(name, new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
            errors.accept(Diagnostic.error(new Span(lenient, e.line, e.column, 1), String.format(
                    "not valid UTF-8: byte 0x%02X (at byte %d of the file); save the file as UTF-8", e.firstByte,
                    e.offset)));
            return lenient;
        }
    }

    private static int[] findLineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The name shown in diagnostics: the path as the user gave it, or a module name. */
    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The text of 1-based line {@code line}, without its line end; empty if out of range. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    @Override
    public String toString() {
        return name;
    }
}
