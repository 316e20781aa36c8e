package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** {@code where(cond, a, b)}: a where cond is non-zero, else b (cond is usually a comparison). */
public record Where() implements ElementwiseOp {
    public String name() {
        return "where";
    }

    public Scalar body() {
        return Scalar.select(CompareFn.NE, Scalar.arg(0), Scalar.constant(0), Scalar.arg(1), Scalar.arg(2));
    }
}
