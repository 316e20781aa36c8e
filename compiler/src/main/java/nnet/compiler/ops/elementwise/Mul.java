package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Multiplication with broadcasting, {@code a * b}. */
public record Mul() implements ElementwiseOp {
    public String name() {
        return "mul";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MUL, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
