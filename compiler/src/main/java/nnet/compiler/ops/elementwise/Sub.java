package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Subtraction with broadcasting, {@code a - b}. */
public record Sub() implements ElementwiseOp {
    public String name() {
        return "sub";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.SUB, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
