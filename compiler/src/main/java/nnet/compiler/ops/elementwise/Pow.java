package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Power {@code a ** b} with broadcasting, as {@code torch.pow}. */
public record Pow() implements ElementwiseOp {
    public String name() {
        return "pow";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.POW, Scalar.arg(0), Scalar.arg(1));
    }
}
