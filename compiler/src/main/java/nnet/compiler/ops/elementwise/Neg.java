package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** Negation, {@code -x}. */
public record Neg() implements ElementwiseOp {
    public String name() {
        return "neg";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.NEG, Scalar.arg(0));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
