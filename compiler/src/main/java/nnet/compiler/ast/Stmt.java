package nnet.compiler.ast;

import java.util.List;
import nnet.compiler.source.Span;

/** Statements of model and function bodies. */
public sealed interface Stmt {
    Span span();

    record Input(String name, TypeExpr type, Span span) implements Stmt {
    }

    /** {@code [frozen] param name: type = init}; init is null when missing (reported later). */
    /** {@code stored}: the name it is saved under when given ({@code as "..."}), else null. */
    record Param(String name, Expr stored, TypeExpr type, Expr init, boolean frozen, Span span) implements Stmt {
    }

    /** {@code buffer name: type = init}: state kept across steps and not trained; init is null when missing. */
    record Buffer(String name, Expr stored, TypeExpr type, Expr init, Span span) implements Stmt {
    }

    /** {@code update name = value}: the buffer's value for the next step (and for the rest of this one). */
    record Update(String name, Expr value, Span span) implements Stmt {
    }

    /** {@code output name = value}, or {@code output name} for an existing binding (value null). */
    record Output(String name, Expr value, Span span) implements Stmt {
    }

    record Loss(Expr value, Span span) implements Stmt {
    }

    record Metric(String name, Expr value, Span span) implements Stmt {
    }

    /** {@code return value}; {@code return a, b} returns a tuple. */
    record Return(Expr value, Span span) implements Stmt {
    }

    /** {@code name = value}; the name {@code _} discards the value. */
    record Let(String name, Expr value, Span span) implements Stmt {
    }

    /** {@code a, b = value}: takes a tuple apart, one name per item ({@code _} discards one). */
    record Unpack(List<String> names, Expr value, Span span) implements Stmt {
    }

    /**
     * {@code for var in iterable { body }}: the body once per item of a compile-time list or tuple,
     * unrolled; names bound in it stay visible after, so {@code h = f(h)} chains through iterations.
     */
    record For(String var, Expr iterable, List<Stmt> body, Span span) implements Stmt {
    }

    /** {@code assert condition, message}: a compile-time check; message is null when not given. */
    record Assert(Expr condition, Expr message, Span span) implements Stmt {
    }

    /** A compile-time choice between two lists of statements; names bound in either stay visible after. */
    record If(Expr condition, java.util.List<Stmt> then, java.util.List<Stmt> otherwise, Span span)
            implements Stmt {
    }
}
