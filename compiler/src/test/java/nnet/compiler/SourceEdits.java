package nnet.compiler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.grammar.NnetLexer;
import nnet.testing.ByteEdits;
import nnet.testing.Fuzz;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Damages a valid source the ways sources get damaged: tokens deleted or repeated, lines swapped or
 * dropped, the end cut off, or bytes edited (which may break its UTF-8). Token edits keep most of
 * the program intact, so they reach the later stages of the compiler rather than only the parser.
 */
final class SourceEdits {
    private SourceEdits() {
    }

    static Fuzz.Case damage(String source, Random random) {
        if (random.nextInt(4) == 0) {
            return ByteEdits.damage(source.getBytes(StandardCharsets.UTF_8), random, 3);
        }
        String text = source;
        List<String> edits = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            text = edit(text, random, edits);
        }
        return new Fuzz.Case(text.getBytes(StandardCharsets.UTF_8), List.copyOf(edits));
    }

    private static String edit(String text, Random r, List<String> edits) {
        List<Token> tokens = tokens(text);
        if (tokens.isEmpty()) {
            edits.add("nothing to edit");
            return text;
        }
        Token t = tokens.get(r.nextInt(tokens.size()));
        int start = t.getStartIndex();
        int end = t.getStopIndex() + 1;
        String where = "'" + t.getText() + "' at " + t.getLine() + ":" + (t.getCharPositionInLine() + 1);
        switch (r.nextInt(5)) {
            case 0 -> {
                edits.add("delete " + where);
                return text.substring(0, start) + text.substring(end);
            }
            case 1 -> {
                edits.add("repeat " + where);
                return text.substring(0, end) + " " + t.getText() + text.substring(end);
            }
            case 2 -> {
                Token other = tokens.get(r.nextInt(tokens.size()));
                edits.add("replace " + where + " with '" + other.getText() + "'");
                return text.substring(0, start) + other.getText() + text.substring(end);
            }
            case 3 -> {
                edits.add("cut after " + where);
                return text.substring(0, end);
            }
            default -> {
                return swapLines(text, r, edits);
            }
        }
    }

    private static String swapLines(String text, Random r, List<String> edits) {
        String[] lines = text.split("\n", -1);
        int i = r.nextInt(lines.length);
        int j = r.nextInt(lines.length);
        edits.add("swap lines " + (i + 1) + " and " + (j + 1));
        String li = lines[i];
        lines[i] = lines[j];
        lines[j] = li;
        return String.join("\n", lines);
    }

    /** The tokens the parser would see, without the end of file. */
    private static List<Token> tokens(String text) {
        NnetLexer lexer = new NnetLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(t);
        }
        return out;
    }
}
