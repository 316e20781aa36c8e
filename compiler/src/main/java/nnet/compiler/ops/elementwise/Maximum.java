package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Elementwise maximum; at ties the gradient is split evenly, as in PyTorch. */
public record Maximum() implements ElementwiseOp {
    public String name() {
        return "maximum";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MAX, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
