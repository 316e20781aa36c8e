package nnet.compiler.frontend;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import nnet.grammar.NnetLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's syntax errors into diagnostics worded for people who write models. */
final class SyntaxErrorListener extends BaseErrorListener {
    private static final int MAX_EXPECTED_SHOWN = 6;

    private final SourceFile source;
    private final Diagnostics diagnostics;
    /** Set once a comment runs to the end of the file: the errors at the end follow from it. */
    private boolean unterminatedComment;

    SyntaxErrorListener(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        Token token = offending instanceof Token t ? t : null;
        if (unterminatedComment && token != null && token.getType() == Token.EOF) {
            return;
        }
        if (token != null && token.getType() == NnetLexer.UNTERMINATED_COMMENT) {
            unterminatedComment = true;
            diagnostics.error(new Span(source, line, charPositionInLine + 1, 2),
                    "unterminated comment: this '/*' has no closing '*/'");
            return;
        }
        if (token != null && token.getType() == NnetLexer.UNTERMINATED_STRING) {
            String quote = token.getText().substring(0, 1);
            diagnostics.error(new Span(source, line, charPositionInLine + 1, 1),
                    "unterminated string: this " + quote + " has no closing " + quote + " on its line");
            return;
        }
        int length = token == null || token.getType() == Token.EOF ? 1 : token.getText().length();
        Span span = new Span(source, Math.max(1, line), charPositionInLine + 1, length);
        diagnostics.error(span, message(recognizer, token, antlrMessage));
    }

    private static String message(Recognizer<?, ?> recognizer, Token token, String antlrMessage) {
        if (token == null) {
            return antlrMessage;
        }
        String found = describe(token);
        if (token.getType() == NnetLexer.UNKNOWN) {
            return "unexpected character " + found;
        }
        if (token.getType() == Token.EOF && recognizer instanceof Parser p) {
            Token open = unclosedBracket(p, token);
            if (open != null) {
                return "unexpected end of file: the '" + open.getText() + "' on line " + open.getLine()
                        + " (column " + (open.getCharPositionInLine() + 1) + ") is never closed";
            }
        }
        String expected = recognizer instanceof Parser p ? expected(p) : "";
        return "unexpected " + found + (expected.isEmpty() ? "" : ", expected " + expected)
                + (recognizer instanceof Parser p ? unclosedHint(p, token, expected) : "");
    }

    /**
     * When the parser wants the closing parenthesis or square bracket of one left open, says where that
     * one was opened. Braces are left out: a statement where it does not belong also makes the parser
     * want a '}', and pointing at the opening brace would mislead.
     */
    private static String unclosedHint(Parser parser, Token token, String expected) {
        Token open = unclosedBracket(parser, token);
        if (open == null || open.getText().equals("{")) {
            return "";
        }
        String close = open.getText().equals("(") ? "')'" : "']'";
        if (!expected.contains(close)) {
            return "";
        }
        return " (the '" + open.getText() + "' on line " + open.getLine() + ", column "
                + (open.getCharPositionInLine() + 1) + " is not closed)";
    }

    /** The innermost bracket still open before {@code end}, or null. */
    private static Token unclosedBracket(Parser parser, Token end) {
        TokenStream tokens = parser.getInputStream();
        Deque<Token> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size() && i < end.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            switch (t.getText()) {
                case "(", "[", "{" -> open.push(t);
                case ")", "]", "}" -> {
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                }
                default -> { }
            }
        }
        return open.peek();
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (token.getType() >= NnetLexer.IMPORT && token.getType() <= NnetLexer.FALSE) {
            return "keyword '" + text + "'";
        }
        if (text.length() == 1 && (text.charAt(0) < 0x20 || text.charAt(0) >= 0x7f)) {
            return String.format("U+%04X", (int) text.charAt(0));
        }
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private static String expected(Parser parser) {
        IntervalSet set;
        try {
            set = parser.getExpectedTokens();
        } catch (RuntimeException stateWithoutExpectations) {
            return "";
        }
        Vocabulary vocabulary = parser.getVocabulary();
        Set<String> names = new LinkedHashSet<>();
        List<Integer> types = set.toList();
        // Where any expression may start, say so instead of listing the ways one can start.
        boolean expression = types.contains(NnetLexer.INT) && types.contains(NnetLexer.FLOAT)
                && types.contains(NnetLexer.ID);
        for (int type : types) {
            if (expression && EXPRESSION_START.contains(vocabularyName(vocabulary, type))) {
                names.add("an expression");
                continue;
            }
            names.add(NAME_TOKENS.contains(type) && types.contains(NnetLexer.ID) ? "a name"
                    : type == NnetLexer.ID ? "a name"
                    : type == NnetLexer.INT ? "an integer"
                    : type == NnetLexer.FLOAT ? "a number"
                    : type == Token.EOF ? "end of file"
                    : vocabulary.getLiteralName(type) != null ? vocabulary.getLiteralName(type)
                    : vocabulary.getDisplayName(type));
        }
        if (names.isEmpty() || names.size() > MAX_EXPECTED_SHOWN) {
            return "";
        }
        if (names.size() == 1) {
            return names.iterator().next();
        }
        return "one of " + String.join(", ", names);
    }

    /** Keywords that the grammar also accepts as names ({@code ident}). */
    private static final Set<Integer> NAME_TOKENS = Set.of(NnetLexer.INPUT, NnetLexer.PARAM, NnetLexer.OUTPUT,
            NnetLexer.METRIC, NnetLexer.FROZEN, NnetLexer.BUFFER, NnetLexer.UPDATE, NnetLexer.IN);

    private static final Set<String> EXPRESSION_START = Set.of("ID", "INT", "FLOAT", "STRING", "'true'", "'false'",
            "'not'", "'('", "'['", "'-'", "'+'", "'input'", "'param'", "'output'", "'metric'", "'frozen'", "'buffer'",
            "'update'", "'in'");

    private static String vocabularyName(Vocabulary vocabulary, int type) {
        String literal = vocabulary.getLiteralName(type);
        return literal != null ? literal : vocabulary.getSymbolicName(type);
    }
}
