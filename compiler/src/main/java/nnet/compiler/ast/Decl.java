package nnet.compiler.ast;

import java.util.List;
import nnet.compiler.source.Span;

/** Top-level declarations of a module. */
public sealed interface Decl {
    Span span();

    /** {@code import module as alias}; alias is the module's name when not given. */
    record Import(String module, String alias, Span span) implements Decl {
    }

    /** A function; its parameters are tensors unless they declare a kind (int, float, bool, str). */
    record Fn(String name, List<FnParam> params, List<Stmt> body, Span span) implements Decl {
    }

    /**
     * A function parameter: kind is null when not given, choices the strings it may be (empty when not
     * given): {@code reduction: "mean" | "sum"}, {@code padding: int | "same"}.
     */
    record FnParam(String name, String kind, Span kindSpan, Expr defaultValue, Span span, List<String> choices) {
    }

    record Model(String name, List<Stmt> body, Span span) implements Decl {
    }

    record Train(String model, List<Setting> settings, Span span) implements Decl {
    }

    record Setting(String name, Expr value, Span span) {
    }
}
