package nnet.runtime.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the small subset of Python literals that .npy headers are written in: dicts, tuples, lists,
 * strings, integers, True, False and None. Tuples and lists both become {@code List}, integers
 * {@code BigInteger}, None {@link #NONE}. Errors are {@link BadFormat}s that quote the text.
 */
final class PyLiteral {
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };


    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** The value of {@code text}, which must hold exactly one literal, optionally surrounded by whitespace. */
    static Object parse(String text) {
        PyLiteral parser = new PyLiteral(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the end");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("it ends where a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return dict();
        } else if (c == '(' || c == '[') {
            return sequence(c);
        } else if (c == '\'' || c == '"') {
            return string(c);
        } else if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        return word();
    }

    private Map<String, Object> dict() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        while (!tryConsume('}')) {
            Object key = value();
            if (!(key instanceof String name)) {
                throw error("a dict key is not a string");
            }
            expect(':');
            if (map.put(name, value()) != null) {
                throw error("key '" + name + "' appears twice");
            }
            if (!tryConsume(',')) {
                expectEither('}');
                break;
            }
        }
        return map;
    }

    /** A tuple or list; "(x)" without a comma is just x, as in Python. */
    private Object sequence(char open) {
        char close = open == '(' ? ')' : ']';
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        pos++;
        while (!tryConsume(close)) {
            items.add(value());
            if (tryConsume(',')) {
                sawComma = true;
            } else {
                expectEither(close);
                break;
            }
        }
        if (open == '(' && items.size() == 1 && !sawComma) {
            return items.get(0);
        }
        return items;
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb) {
        if (pos >= text.length()) {
            throw error("a string is not closed");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '0' -> sb.append('\0');
            case 'x' -> sb.append((char) hex(2));
            case 'u' -> sb.append((char) hex(4));
            case '\\', '\'', '"' -> sb.append(c);
            // Python keeps unknown escapes as written.
            default -> sb.append('\\').append(c);
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("a \\x or \\u escape is cut short");
        }
        try {
            int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return value;
        } catch (NumberFormatException e) {
            throw error("a \\x or \\u escape has a character that is not a hex digit");
        }
    }

    private BigInteger integer() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            pos = start;
            throw error("expected a number");
        }
        while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        BigInteger value = new BigInteger(text.substring(start, pos).replace("_", ""));
        // Files written by Python 2 may spell long integers with a trailing L, e.g. (3L, 4L).
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos = start;
            throw error("only integer numbers are expected");
        }
        return value;
    }

    private Object word() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> NONE;
            default -> {
                pos = start;
                throw error(word.isEmpty() ? "unexpected character '" + Excerpt.escape(text.substring(pos, pos + 1)) + "'"
                        : "unknown name '" + word + "'");
            }
        };
    }

    private boolean tryConsume(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw error(pos >= text.length() ? "it ends where '" + c + "' was expected" : "expected '" + c + "'");
        }
    }

    /** After an item: a comma for more items, or the closing bracket. */
    private void expectEither(char close) {
        if (!tryConsume(close)) {
            throw error(pos >= text.length() ? "it ends where ',' or '" + close + "' was expected"
                    : "expected ',' or '" + close + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private BadFormat error(String problem) {
        return new BadFormat(problem + " at character " + (pos + 1) + " of " + Excerpt.quote(text.stripTrailing(), pos));
    }
}
