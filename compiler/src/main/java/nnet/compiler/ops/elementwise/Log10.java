package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Base-10 logarithm; d/dx = 1 / (x ln 10), as PyTorch. */
public record Log10() implements ElementwiseOp {
    public String name() {
        return "log10";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.LOG10, Scalar.arg(0));
    }
}
