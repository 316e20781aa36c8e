package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Natural logarithm. */
public record Log() implements ElementwiseOp {
    public String name() {
        return "log";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.LOG, Scalar.arg(0));
    }
}
