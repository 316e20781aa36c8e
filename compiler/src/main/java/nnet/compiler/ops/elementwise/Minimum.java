package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Elementwise minimum; at ties the gradient is split evenly, as in PyTorch. */
public record Minimum() implements ElementwiseOp {
    public String name() {
        return "minimum";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MIN, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
