package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/** x rounded toward zero (ceil below 0, floor elsewhere, so NaN stays NaN); no gradient flows. */
public record Trunc() implements ElementwiseOp {
    public String name() {
        return "trunc";
    }

    public Scalar body() {
        Scalar x = Scalar.arg(0);
        return Scalar.select(CompareFn.LT, x, Scalar.constant(0), Scalar.unary(UnaryFn.CEIL, x),
                Scalar.unary(UnaryFn.FLOOR, x));
    }
}
