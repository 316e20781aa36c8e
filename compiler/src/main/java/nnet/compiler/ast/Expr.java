package nnet.compiler.ast;

import java.util.List;
import nnet.compiler.source.Span;

/** Expressions. Whether one denotes a tensor or a compile-time value is decided by the front end. */
public sealed interface Expr {
    Span span();

    /** A possibly qualified name: {@code x}, {@code nn.linear}. */
    record Name(List<String> parts, Span span) implements Expr {
        public String text() {
            return String.join(".", parts);
        }
    }

    record IntLit(long value, Span span) implements Expr {
    }

    record FloatLit(double value, Span span) implements Expr {
    }

    record BoolLit(boolean value, Span span) implements Expr {
    }

    /** {@code "mean"} or {@code 'same'}, with its escapes resolved. */
    record StrLit(String value, Span span) implements Expr {
    }

    record ListLit(List<Expr> items, Span span) implements Expr {
    }

    /** {@code (a, b)}, and the values of {@code return a, b}. */
    record TupleLit(List<Expr> items, Span span) implements Expr {
    }

    /** {@code -x}, {@code +x} or {@code not b}. */
    record Unary(String op, Expr operand, Span span) implements Expr {
    }

    /** Arithmetic, matmul ({@code @}), power ({@code **}), comparisons, {@code and} and {@code or}. */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {
    }

    /**
     * {@code base[subscripts]}: an item (or a slice) of a compile-time list or tuple, or an indexed or
     * sliced tensor ({@code x[:, 1:4]}, {@code x[..., -1]}).
     */
    record Index(Expr base, List<Subscript> subscripts, Span span) implements Expr {
    }

    /** One entry between the brackets of an index. */
    sealed interface Subscript {
        Span span();

        /** The expressions written in the entry. */
        default List<Expr> parts() {
            if (this instanceof At at) {
                return List.of(at.index());
            }
            if (this instanceof Slice s) {
                return java.util.stream.Stream.of(s.start(), s.stop(), s.step()).filter(p -> p != null).toList();
            }
            return List.of();
        }

        /** A single index; {@code None} (a name here) inserts a dim of size 1. */
        record At(Expr index) implements Subscript {
            public Span span() {
                return index.span();
            }
        }

        /** {@code start:stop:step}; parts left out are null. */
        record Slice(Expr start, Expr stop, Expr step, Span span) implements Subscript {
        }

        /** {@code ...}: as many whole dims as the other entries leave. */
        record Ellipsis(Span span) implements Subscript {
        }
    }

    /** {@code callee(args) as scope}; scope is null when not given. */
    record Call(Name callee, List<Arg> args, Scope scope, Span span) implements Expr {
    }

    /**
     * The name a call gives its parameters: {@code fc1}, {@code layers[i]}, {@code encoder.layers[i]}.
     * {@code text} is as written, for diagnostics.
     */
    record Scope(List<ScopePart> parts, String text, Span span) {
    }

    /** One dotted part of a scope: a name and the indices after it ({@code layers[i]}). */
    record ScopePart(String name, List<Expr> indices) {
    }

    /** A call argument; name is null for a positional one. */
    record Arg(String name, Expr value, Span span) {
    }
}
