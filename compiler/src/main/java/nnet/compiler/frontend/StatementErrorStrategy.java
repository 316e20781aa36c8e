package nnet.compiler.frontend;

import nnet.grammar.NnetParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;

/**
 * ANTLR's recovery, except in the names before the '=' of a binding. There a missing '=' ({@code q x})
 * should be reported by the match of '=' that follows, as "expected '='", which then recovers by
 * assuming the '='; the loop over {@code , name} would report its own set of tokens instead, and
 * then the '=' as missing a second time.
 */
final class StatementErrorStrategy extends DefaultErrorStrategy {
    @Override
    public void sync(org.antlr.v4.runtime.Parser recognizer) {
        if (recognizer.getContext() instanceof NnetParser.LetStmtContext) {
            return;
        }
        super.sync(recognizer);
    }
}
