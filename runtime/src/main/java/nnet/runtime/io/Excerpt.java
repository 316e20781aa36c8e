package nnet.runtime.io;

/**
 * A piece of a file quoted in a message. A damaged file may put megabytes or binary garbage where a
 * short text was expected, and a message must stay one readable line: so an excerpt is a window of
 * limited width around the place at fault, marked with "…" where it was cut, with control characters
 * escaped.
 */
public final class Excerpt {
    /** How many characters of a file a message quotes at most. */
    public static final int WIDTH = 200;
    private static final String CUT = "…";

    private Excerpt() {
    }

    /** The start and end of a window of at most {@code width} characters of {@code length} that shows {@code at}. */
    public static int[] window(int length, int at, int width) {
        if (length <= width) {
            return new int[] {0, length};
        }
        int clamped = Math.max(0, Math.min(at, length));
        int start = Math.max(0, Math.min(clamped - width / 2, length - width));
        return new int[] {start, start + width};
    }

    /** {@code text} cut to the window around {@code at}, "…" marking each cut end, control characters kept. */
    public static String cut(String text, int at, int width) {
        int[] w = window(text.length(), at, width);
        return (w[0] > 0 ? CUT : "") + text.substring(w[0], w[1]) + (w[1] < text.length() ? CUT : "");
    }

    /** The start of {@code text}, blanks stripped, cut and escaped for a message. */
    public static String quote(String text) {
        return quote(text.strip(), 0);
    }

    /** {@code text} around character {@code at}, cut and escaped for a message. */
    public static String quote(String text, int at) {
        return escape(cut(text, at, WIDTH));
    }

    /** Control characters as Java escapes ({@code \n}, {@code \x00}), everything else as it is. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(text, i)) {
                        sb.append(String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair (a cut may split one). */
    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
