package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Division with broadcasting, {@code a / b}. */
public record Div() implements ElementwiseOp {
    public String name() {
        return "div";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.DIV, Scalar.arg(0), Scalar.arg(1));
    }
}
