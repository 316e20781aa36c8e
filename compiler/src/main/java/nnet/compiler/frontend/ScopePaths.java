package nnet.compiler.frontend;

import nnet.compiler.ast.Expr;
import nnet.compiler.source.Diagnostics;

/**
 * Scope paths as written after {@code as}: {@code layers[i]} is "layers.0" when i is 0, the name
 * torch.nn.Sequential and ModuleList give their items, so parameters come out as
 * {@code layers.0.weight}. An index is an int ≥ 0 or a string that is a name (ModuleDict keys).
 */
final class ScopePaths {
    private ScopePaths() {
    }

    /** The dotted name of a scope path, or null after reporting a bad index. */
    static String name(Expr.Scope scope, Env env, Expressions expressions, Diagnostics d) {
        StringBuilder name = new StringBuilder();
        for (Expr.ScopePart part : scope.parts()) {
            name.append(name.isEmpty() ? "" : ".").append(part.name());
            for (Expr index : part.indices()) {
                String key = key(expressions.eval(index, env), index, d);
                if (key == null) {
                    return null;
                }
                name.append('.').append(key);
            }
        }
        return name.toString();
    }

    private static String key(Value v, Expr index, Diagnostics d) {
        if (v instanceof Value.Int i && i.value() >= 0) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Str s && s.value().matches("[A-Za-z_][A-Za-z_0-9]*")) {
            return s.value();
        }
        if (!(v instanceof Value.Error)) {
            d.error(index.span(), "a scope index must be an int ≥ 0 or a string that is a name, got " + v.describe());
        }
        return null;
    }
}
