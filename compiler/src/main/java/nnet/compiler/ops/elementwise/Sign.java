package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/**
 * −1, 0 or 1 by the sign of x, on integers too. As {@code torch.sign}, NaN and −0 give 0 (each test fails
 * for them), and no gradient flows.
 */
public record Sign() implements ElementwiseOp {
    public String name() {
        return "sign";
    }

    public Scalar body() {
        Scalar x = Scalar.arg(0);
        Scalar zero = Scalar.constant(0);
        return Scalar.select(CompareFn.GT, x, zero, Scalar.constant(1),
                Scalar.select(CompareFn.LT, x, zero, Scalar.constant(-1), zero));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
