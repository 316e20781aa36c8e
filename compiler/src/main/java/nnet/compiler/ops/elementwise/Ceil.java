package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** The smallest integer ≥ x. Piecewise constant, so no gradient flows, as in PyTorch. */
public record Ceil() implements ElementwiseOp {
    public String name() {
        return "ceil";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.CEIL, Scalar.arg(0));
    }
}
