package nnet.compiler.frontend;

import java.util.List;
import nnet.compiler.ast.Stmt;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Severity;

/**
 * Runs {@code for} loops by unrolling them: the body once per item, in the enclosing scope. An
 * iteration that reports errors ends the loop, so a mistake in the body is reported once rather than
 * once per item; when the earlier iterations went through, the errors say which item failed.
 */
final class Loops {
    /** How many iterations the loops of one model may unroll to in all: each adds its own nodes. */
    static final int MAX_ITERATIONS = 10_000;

    private final Statements statements;
    private final Expressions expressions;
    private final Diagnostics d;
    private int iterations;
    private boolean overLimit;

    Loops(Statements statements, Expressions expressions, Diagnostics d) {
        this.statements = statements;
        this.expressions = expressions;
        this.d = d;
    }

    void run(Stmt.For f, Env env, Statements.Returned returned) {
        List<Value> items = items(f, env);
        if (items == null) {
            return;
        }
        env.enterLoop(f.var());
        try {
            for (int k = 0; k < items.size() && count(f); k++) {
                int mark = d.mark();
                int errors = d.errorCount();
                Statements.bind(env, f.var(), items.get(k));
                statements.run(f.body(), env, returned);
                if (d.errorCount() > errors) {
                    // Going over the limit is about all the loops, not about this item.
                    if (k > 0 && !overLimit) {
                        sayWhich(mark, f.var(), k, items.get(k));
                    }
                    return;
                }
                if (returned != null && returned.value != null) {
                    return;
                }
            }
        } finally {
            env.exitLoop();
        }
    }

    private List<Value> items(Stmt.For f, Env env) {
        Value v = expressions.eval(f.iterable(), env);
        List<Value> items = Value.items(v);
        if (items == null && !(v instanceof Value.Error)) {
            d.error(f.iterable().span(), "a 'for' loop goes over a list, a tuple or range(...) known at compile time, "
                    + "got " + v.describe());
        }
        return items;
    }

    /** Counts one more iteration; false, after reporting it once, when that goes over the limit. */
    private boolean count(Stmt.For f) {
        if (overLimit) {
            return false;
        }
        if (++iterations > MAX_ITERATIONS) {
            overLimit = true;
            d.error(f.span(), "loops unroll to more than " + MAX_ITERATIONS + " iterations in all; the graph is "
                    + "static, so every iteration adds its own operations");
            return false;
        }
        return true;
    }

    /** Prefixes the errors since {@code mark} with the item they arose for: "when i = 2: ...". */
    private void sayWhich(int mark, String var, int k, Value item) {
        boolean simple = item instanceof Value.Int || item instanceof Value.Float || item instanceof Value.Bool
                || item instanceof Value.Str || item instanceof Value.DimValue;
        String shown = item instanceof Value.Str s ? Value.quoted(s.value()) : StaticValues.text(item);
        String which = simple ? var + " = " + shown : "'" + var + "' is item " + k;
        d.rewriteSince(mark, x -> x.severity() != Severity.ERROR ? x
                : new Diagnostic(x.severity(), x.span(), within(which, x.message())));
    }

    /** Nested loops name all their variables in one prefix: "when i = 1, j = 2: ...". */
    private static String within(String which, String message) {
        return message.startsWith("when ") ? "when " + which + ", " + message.substring("when ".length())
                : "when " + which + ": " + message;
    }
}
