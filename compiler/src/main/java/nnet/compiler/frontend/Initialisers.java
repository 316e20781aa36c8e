package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import nnet.runtime.model.Init;

/**
 * Initialisers as in torch.nn.init; they evaluate to compile-time values a parameter declaration takes.
 * {@code zeros} and {@code ones} are defined with the tensor constructors of the same names.
 */
final class Initialisers {
    private Initialisers() {
    }

    static void define(Builtins.Definer d) {
        d.def("constant", Signature.of(required("val", FLOAT)), c -> init(new Init.Constant(c.floatArg(0))));
        d.def("normal", Signature.of(optional("mean", FLOAT, f(0)), optional("std", FLOAT, f(1))), c ->
                c.floatArg(1) < 0 ? c.error(1, "std must be ≥ 0") : init(new Init.Normal(c.floatArg(0), c.floatArg(1))));
        d.def("uniform", Signature.of(optional("a", FLOAT, f(0)), optional("b", FLOAT, f(1))), c ->
                c.floatArg(1) < c.floatArg(0) ? c.error("uniform(a, b) needs a ≤ b")
                        : init(new Init.Uniform(c.floatArg(0), c.floatArg(1))));
        d.def("xavier_uniform", Signature.of(optional("gain", FLOAT, f(1))),
                c -> init(new Init.Xavier(true, c.floatArg(0))));
        d.def("xavier_normal", Signature.of(optional("gain", FLOAT, f(1))),
                c -> init(new Init.Xavier(false, c.floatArg(0))));
        Signature kaiming = Signature.of(optional("a", FLOAT, f(0)), optional("fan_out", BOOL, new Value.Bool(false)));
        d.def("kaiming_uniform", kaiming, c -> init(new Init.Kaiming(true, c.floatArg(0), !c.boolArg(1))));
        d.def("kaiming_normal", kaiming, c -> init(new Init.Kaiming(false, c.floatArg(0), !c.boolArg(1))));
        d.def("zero_row", Signature.of(required("init", ANY), required("row", INT)), c -> {
            if (!(c.arg(0) instanceof Value.InitValue base)) {
                return c.error(0, "zero_row takes an initialiser, got " + c.arg(0).describe());
            }
            return c.intArg(1) < 0 ? c.error(1, "the row must be ≥ 0, got " + c.intArg(1))
                    : init(new Init.ZeroRow(base.init(), (int) c.intArg(1)));
        });
    }

    /** Names that denote an initialiser even without parentheses: {@code = zeros}. */
    static boolean isBareInitialiser(String name) {
        return name.equals("zeros") || name.equals("ones") || name.startsWith("xavier_") || name.startsWith("kaiming_");
    }

    private static Value init(Init i) {
        return new Value.InitValue(i);
    }

    private static Value f(double v) {
        return new Value.Float(v);
    }
}
