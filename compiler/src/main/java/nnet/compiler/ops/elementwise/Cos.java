package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Cosine, in radians; d/dx = −sin x. */
public record Cos() implements ElementwiseOp {
    public String name() {
        return "cos";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.COS, Scalar.arg(0));
    }
}
