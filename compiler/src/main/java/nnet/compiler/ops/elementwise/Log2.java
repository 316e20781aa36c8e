package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Base-2 logarithm, exact at powers of two; d/dx = 1 / (x ln 2), as PyTorch. */
public record Log2() implements ElementwiseOp {
    public String name() {
        return "log2";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.LOG2, Scalar.arg(0));
    }
}
