package nnet.compiler.frontend;

import nnet.compiler.ast.Module;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.grammar.NnetLexer;
import nnet.grammar.NnetParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/** Source text to AST. Syntax errors go to the diagnostics; the AST then holds what could be recovered. */
public final class Parser {
    private Parser() {
    }

    public static Module parse(String moduleName, SourceFile source, Diagnostics diagnostics) {
        SyntaxErrorListener errors = new SyntaxErrorListener(source, diagnostics);
        NnetLexer lexer = new NnetLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        NnetParser parser = new NnetParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        // SLL is exact for this grammar's decisions that matter and much faster on long inputs.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        NnetParser.FileContext tree = parser.file();
        return new AstBuilder(moduleName, source).module(tree);
    }
}
