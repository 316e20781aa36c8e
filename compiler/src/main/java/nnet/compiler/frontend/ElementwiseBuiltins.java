package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.elementwise.Ceil;
import nnet.compiler.ops.elementwise.Clamp;
import nnet.compiler.ops.elementwise.Cos;
import nnet.compiler.ops.elementwise.Expm1;
import nnet.compiler.ops.elementwise.Floor;
import nnet.compiler.ops.elementwise.Log10;
import nnet.compiler.ops.elementwise.Log1p;
import nnet.compiler.ops.elementwise.Log2;
import nnet.compiler.ops.elementwise.Reciprocal;
import nnet.compiler.ops.elementwise.Round;
import nnet.compiler.ops.elementwise.Rsqrt;
import nnet.compiler.ops.elementwise.Sign;
import nnet.compiler.ops.elementwise.Sin;
import nnet.compiler.ops.elementwise.Square;
import nnet.compiler.ops.elementwise.Tan;
import nnet.compiler.ops.elementwise.Trunc;
import nnet.compiler.ops.rowwise.Glu;
import nnet.runtime.DType;

/**
 * Elementwise math under torch's names: trigonometric functions, logarithms and exponentials accurate
 * near 0, powers, rounding and clamping; and glu, an activation over halves of a dim. The activations
 * built on elementwise ops are in the standard library.
 */
final class ElementwiseBuiltins {
    private ElementwiseBuiltins() {
    }

    static void define(Builtins.Definer d) {
        unary(d, "sin", Sin::new);
        unary(d, "cos", Cos::new);
        unary(d, "tan", Tan::new);
        unary(d, "log2", Log2::new);
        unary(d, "log10", Log10::new);
        unary(d, "log1p", Log1p::new);
        unary(d, "expm1", Expm1::new);
        unary(d, "rsqrt", Rsqrt::new);
        unary(d, "reciprocal", Reciprocal::new);
        unary(d, "square", Square::new);
        unary(d, "sign", Sign::new);
        rounding(d, "floor", Floor::new);
        rounding(d, "ceil", Ceil::new);
        rounding(d, "trunc", Trunc::new);
        d.def("round", Signature.of(required("input", TENSOR), optional("decimals", INT, new Value.Int(0))),
                ElementwiseBuiltins::round);
        Signature clamp = Signature.of(required("input", TENSOR), optional("min", TENSOR, Signature.NONE),
                optional("max", TENSOR, Signature.NONE));
        d.def("clamp", clamp, ElementwiseBuiltins::clamp);
        d.def("clip", clamp, ElementwiseBuiltins::clamp);
        d.def("glu", Signature.of(required("input", TENSOR), optional("dim", INT, new Value.Int(-1))), c -> {
            int axis = c.axis(1, c.intArg(1), c.type(0).rank());
            return axis < 0 ? new Value.Error() : Builtins.orError(c.model.op(c.span, new Glu(axis), c.node(0)));
        });
    }

    private static void unary(Builtins.Definer d, String name, Supplier<ElementwiseOp> op) {
        d.def(name, Signature.of(required("input", TENSOR)), Builtins.unaryImpl(op));
    }

    /** An op that rounds to an integer, and so leaves integer tensors as they are (as torch does). */
    private static void rounding(Builtins.Definer d, String name, Supplier<ElementwiseOp> op) {
        Builtins.Impl floating = Builtins.unaryImpl(op);
        d.def(name, Signature.of(required("input", TENSOR)), c -> isIntegerTensor(c) ? c.arg(0) : floating.apply(c));
    }

    private static boolean isIntegerTensor(CallSite c) {
        return c.arg(0) instanceof Value.Tensor && c.type(0).dtype() == DType.I32;
    }

    private static Value round(CallSite c) {
        long decimals = c.intArg(1);
        if (Math.abs(decimals) > 300) {
            return c.error(1, "decimals must be between -300 and 300, got " + decimals);
        }
        if (decimals == 0 && isIntegerTensor(c)) {
            return c.arg(0);
        }
        return Builtins.unaryImpl(() -> new Round((int) decimals)).apply(c);
    }

    /** clamp(x, min, max) with numbers or tensors as bounds, at least one of them given. */
    private static Value clamp(CallSite c) {
        if (!c.given(1) && !c.given(2)) {
            return c.error("'" + c.callee + "' needs at least one of 'min' and 'max'");
        }
        if (Value.isNumber(c.arg(0)) && (!c.given(1) || Value.isNumber(c.arg(1)))
                && (!c.given(2) || Value.isNumber(c.arg(2)))) {
            double x = Value.number(c.arg(0));
            x = c.given(1) ? Math.max(x, Value.number(c.arg(1))) : x;
            return new Value.Float(c.given(2) ? Math.min(x, Value.number(c.arg(2))) : x);
        }
        List<Integer> operands = new ArrayList<>(List.of(c.node(0)));
        for (int i = 1; i <= 2; i++) {
            if (c.given(i)) {
                operands.add(c.node(i));
            }
        }
        int[] inputs = operands.stream().mapToInt(Integer::intValue).toArray();
        return Builtins.orError(c.model.op(c.span, new Clamp(c.given(1), c.given(2)), inputs));
    }
}
