package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.required;

/**
 * Compile-time helpers that belong to the language rather than to an op: they compute values while the
 * model is built and add nothing to its graph.
 */
final class LanguageBuiltins {
    private LanguageBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("str", Signature.of(required("value", ANY)), c -> new Value.Str(StaticValues.text(c.arg(0))));
    }
}
