package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Addition with broadcasting, {@code a + b}. */
public record Add() implements ElementwiseOp {
    public String name() {
        return "add";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.ADD, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
