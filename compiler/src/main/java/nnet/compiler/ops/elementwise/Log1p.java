package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** log(1 + x), accurate for small x; d/dx = 1 / (1 + x). */
public record Log1p() implements ElementwiseOp {
    public String name() {
        return "log1p";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.LOG1P, Scalar.arg(0));
    }
}
