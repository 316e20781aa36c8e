package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Sine, in radians; d/dx = cos x. */
public record Sin() implements ElementwiseOp {
    public String name() {
        return "sin";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.SIN, Scalar.arg(0));
    }
}
