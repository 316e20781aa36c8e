package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ast.Decl;
import nnet.compiler.source.Diagnostics;

/**
 * The signature of a user function: parameters without a kind take any value (usually tensors); int,
 * float, bool and str parameters, and those that list strings, take compile-time values. Defaults are
 * evaluated where the function is defined and must be compile-time values.
 */
final class FunctionSignatures {
    private FunctionSignatures() {
    }

    static Signature of(Elaborator.FunctionRef ref, Diagnostics d, Expressions expressions, ModuleSet modules) {
        List<Signature.Param> params = new ArrayList<>();
        boolean ok = true;
        for (Decl.FnParam p : ref.fn().params()) {
            Signature.Kind kind = kind(p, d);
            if (kind == null) {
                ok = false;
                continue;
            }
            Value fallback = null;
            Signature.Param param = new Signature.Param(p.name(), kind, null, p.choices());
            if (p.defaultValue() != null) {
                fallback = expressions.eval(p.defaultValue(), new Env(ref.module(), "", false, 0));
                if (fallback instanceof Value.Tensor) {
                    d.error(p.defaultValue().span(), "a default value must be known at compile time");
                    ok = false;
                } else if (!(fallback instanceof Value.Error) && Signature.convert(param, fallback) == null) {
                    d.error(p.defaultValue().span(), "default of '" + p.name() + "' must be "
                            + Signature.mismatch(param, fallback));
                    ok = false;
                }
            }
            params.add(new Signature.Param(p.name(), kind, fallback, p.choices()));
        }
        return ok ? new Signature(params) : null;
    }

    private static Signature.Kind kind(Decl.FnParam p, Diagnostics d) {
        if (p.kind() == null) {
            return p.choices().isEmpty() ? Signature.Kind.ANY : Signature.Kind.STR;
        }
        return switch (p.kind()) {
            case "int" -> Signature.Kind.INT;
            case "float" -> Signature.Kind.FLOAT;
            case "bool" -> Signature.Kind.BOOL;
            case "str" -> Signature.Kind.STR;
            case "tensor" -> Signature.Kind.TENSOR;
            case "ints" -> Signature.Kind.INTS;
            default -> {
                d.error(p.kindSpan(), "unknown parameter kind '" + p.kind()
                        + "'; use int, ints, float, bool, str or tensor (or nothing, for any value)");
                yield null;
            }
        };
    }
}
