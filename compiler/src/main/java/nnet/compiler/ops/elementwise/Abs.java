package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Absolute value; its gradient at 0 is 0, as in PyTorch. */
public record Abs() implements ElementwiseOp {
    public String name() {
        return "abs";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.ABS, Scalar.arg(0));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
