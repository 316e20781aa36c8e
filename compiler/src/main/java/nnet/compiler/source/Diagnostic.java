package nnet.compiler.source;

import nnet.runtime.io.Excerpt;

/** A message about a place in the source. {@link #render()} gives the form users see. */
public record Diagnostic(Severity severity, Span span, String message) {

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message);
    }

    /** Where an error elsewhere comes from, such as the call that led into a function with an error. */
    public static Diagnostic note(Span span, String message) {
        return new Diagnostic(Severity.NOTE, span, message);
    }

    /** {@code file:line:col: error: message}, then the source line and a caret under the span. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(span).append(": ").append(severity.label()).append(": ").append(message);
        if (!span.isNone()) {
            String line = span.file().line(span.line());
            if (!line.isEmpty()) {
                appendExcerpt(sb, line);
            }
        }
        return sb.toString();
    }

    /**
     * The source line and a caret under the span. A line longer than {@link Excerpt#WIDTH} (a minified
     * or binary file) is cut to a window around the column, "…" marking each cut end.
     */
    private void appendExcerpt(StringBuilder sb, String line) {
        int[] window = Excerpt.window(line.length(), span.column() - 1, Excerpt.WIDTH);
        String shown = line.substring(window[0], window[1]);
        String before = window[0] > 0 ? "…" : "";
        sb.append('\n').append("  ").append(before).append(printable(shown)).append(window[1] < line.length() ? "…" : "")
                .append('\n').append("  ").append(before.isEmpty() ? "" : " ");
        int column = Math.max(0, span.column() - 1 - window[0]);
        sb.append(caretPadding(shown, column));
        int width = Math.min(span.length(), Math.max(1, shown.length() - column));
        sb.append('^').append("~".repeat(Math.max(0, width - 1)));
    }

    /** Keeps tabs so the caret lines up, and shows other control characters as '?'. */
    private static String caretPadding(String line, int upTo) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < upTo && i < line.length(); i++) {
            pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.toString();
    }

    private static String printable(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            sb.append(c == '\t' || (c >= 0x20 && c != 0x7f && !Character.isISOControl(c)) ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return span + ": " + severity.label() + ": " + message;
    }
}
