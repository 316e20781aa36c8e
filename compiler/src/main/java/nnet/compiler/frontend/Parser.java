package nnet.compiler.frontend;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import nnet.compiler.ast.Module;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import nnet.grammar.NnetLexer;
import nnet.grammar.NnetParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** Source text to AST. Syntax errors go to the diagnostics; the AST then holds what could be recovered. */
public final class Parser {
    /**
     * How deep brackets and operators may nest. The parser and every later stage recurse over the
     * nesting, so without a limit a pathological source would exhaust the stack; real models stay far
     * below it.
     */
    static final int MAX_NESTING = 200;
    /**
     * How many binary operators one expression may chain ({@code a + b + c ...}). A left-associative
     * chain nests only on its left side, which the later stages follow with a few frames per operator,
     * so it may be far longer than brackets may nest; a generated sum of many terms is ordinary.
     */
    static final int MAX_CHAIN = 5000;

    private Parser() {
    }

    public static Module parse(String moduleName, SourceFile source, Diagnostics diagnostics) {
        SyntaxErrorListener errors = new SyntaxErrorListener(source, diagnostics);
        NnetLexer lexer = new NnetLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!checkNesting(tokens.getTokens(), source, diagnostics)) {
            return new Module(moduleName, source, List.of());
        }
        NnetParser parser = new NnetParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.setErrorHandler(new StatementErrorStrategy());
        // SLL is exact for this grammar's decisions that matter and much faster on long inputs.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        NnetParser.FileContext tree = parser.file();
        return new AstBuilder(moduleName, source, diagnostics).module(tree);
    }

    /**
     * Bounds the depth of the trees the parser will build, from the tokens alone: every open bracket is a
     * level, and so is every operator since the start of the current statement, argument or list item
     * in it (an upper bound on how deep the operators of a chain such as {@code a + b + c} nest).
     */
    private static boolean checkNesting(List<Token> tokens, SourceFile source, Diagnostics diagnostics) {
        Deque<int[]> groups = new ArrayDeque<>();
        groups.push(new int[2]);
        int depth = 1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int[] top = groups.peek();
            if (isBinary(t, i == 0 ? null : tokens.get(i - 1))) {
                if (++top[1] > MAX_CHAIN) {
                    return tooDeep(t, source, diagnostics, "more than " + MAX_CHAIN + " operators in one expression");
                }
                continue;
            }
            switch (t.getType()) {
                case NnetLexer.INPUT, NnetLexer.PARAM, NnetLexer.FROZEN, NnetLexer.OUTPUT, NnetLexer.LOSS,
                        NnetLexer.METRIC, NnetLexer.RETURN, NnetLexer.IF, NnetLexer.ELSE, NnetLexer.FOR,
                        NnetLexer.ASSERT, NnetLexer.FN,
                        NnetLexer.MODEL, NnetLexer.TRAIN, NnetLexer.IMPORT -> {
                    depth -= top[0];
                    top[0] = 0;
                    top[1] = 0;
                }
                case NnetLexer.ID, NnetLexer.IN -> {
                    if (i + 1 < tokens.size() && tokens.get(i + 1).getText().equals("=")) {
                        depth -= top[0];
                        top[0] = 0;
                        top[1] = 0;
                    }
                }
                case NnetLexer.INT, NnetLexer.FLOAT, NnetLexer.TRUE, NnetLexer.FALSE, NnetLexer.AS,
                        NnetLexer.UNKNOWN, Token.EOF -> { }
                default -> {
                    switch (t.getText()) {
                        case "(", "[", "{" -> {
                            groups.push(new int[2]);
                            depth++;
                        }
                        case ")", "]", "}" -> {
                            if (groups.size() > 1) {
                                depth -= 1 + groups.pop()[0];
                            }
                        }
                        case ",", ";" -> {
                            depth -= top[0];
                            top[0] = 0;
                            top[1] = 0;
                        }
                        case "+", "-", "**", "not" -> {
                            top[0]++;
                            depth++;
                        }
                        default -> { }
                    }
                }
            }
            if (depth > MAX_NESTING) {
                return tooDeep(t, source, diagnostics, "more than " + MAX_NESTING + " levels of brackets and operators");
            }
        }
        return true;
    }

    private static boolean tooDeep(Token t, SourceFile source, Diagnostics diagnostics, String what) {
        int length = t.getType() == Token.EOF ? 1 : t.getText().length();
        diagnostics.error(new Span(source, t.getLine(), t.getCharPositionInLine() + 1, length),
                "nested too deeply: " + what + "; name some parts with intermediate statements");
        return false;
    }

    private static final java.util.Set<String> LEFT_ASSOCIATIVE = java.util.Set.of("+", "-", "*", "/", "%", "@", "<",
            ">", "<=", ">=", "==", "!=", "and", "or");

    /**
     * Whether {@code t} is a left-associative binary operator: one of them that follows the end of an
     * operand (a '-' after an operator or an open bracket is a sign, which nests).
     */
    private static boolean isBinary(Token t, Token previous) {
        if (!LEFT_ASSOCIATIVE.contains(t.getText()) || previous == null) {
            return false;
        }
        return switch (previous.getType()) {
            case NnetLexer.ID, NnetLexer.IN, NnetLexer.INPUT, NnetLexer.PARAM, NnetLexer.OUTPUT, NnetLexer.METRIC,
                    NnetLexer.FROZEN, NnetLexer.BUFFER, NnetLexer.UPDATE, NnetLexer.INT, NnetLexer.FLOAT,
                    NnetLexer.TRUE, NnetLexer.FALSE, NnetLexer.STRING -> true;
            default -> previous.getText().equals(")") || previous.getText().equals("]");
        };
    }
}
