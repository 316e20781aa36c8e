package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** The largest integer ≤ x. Piecewise constant, so no gradient flows, as in PyTorch. */
public record Floor() implements ElementwiseOp {
    public String name() {
        return "floor";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.FLOOR, Scalar.arg(0));
    }
}
