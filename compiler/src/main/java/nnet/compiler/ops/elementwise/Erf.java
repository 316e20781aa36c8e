package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** The error function, as used by the exact GELU. */
public record Erf() implements ElementwiseOp {
    public String name() {
        return "erf";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.ERF, Scalar.arg(0));
    }
}
