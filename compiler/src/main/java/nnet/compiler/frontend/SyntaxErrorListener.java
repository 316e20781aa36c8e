package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import nnet.grammar.NnetLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's syntax errors into diagnostics worded for people who write models. */
final class SyntaxErrorListener extends BaseErrorListener {
    private static final int MAX_EXPECTED_SHOWN = 6;

    private final SourceFile source;
    private final Diagnostics diagnostics;

    SyntaxErrorListener(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        Token token = offending instanceof Token t ? t : null;
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
        String expected = recognizer instanceof Parser p ? expected(p) : "";
        return "unexpected " + found + (expected.isEmpty() ? "" : ", expected " + expected);
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
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
        List<String> names = new ArrayList<>();
        for (int type : set.toList()) {
            names.add(type == NnetLexer.ID ? "a name"
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
            return names.get(0);
        }
        return "one of " + String.join(", ", names);
    }
}
