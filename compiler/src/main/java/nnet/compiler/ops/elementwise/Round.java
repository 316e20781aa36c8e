package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.ElementwiseOp;

/**
 * x rounded to {@code decimals} decimal places, halves to even, as {@code torch.round(x, decimals=d)}:
 * rint(x·10^d) / 10^d, or rint(x / 10^−d) · 10^−d for negative d, with 10^d in the tensor's dtype.
 * Piecewise constant, so no gradient flows.
 */
public record Round(int decimals) implements ElementwiseOp {
    public String name() {
        return "round";
    }

    public Scalar body() {
        Scalar x = Scalar.arg(0);
        if (decimals == 0) {
            return Scalar.unary(UnaryFn.ROUND, x);
        }
        Scalar scale = Scalar.constant(Math.pow(10, Math.abs(decimals)));
        return decimals > 0 ? Scalar.div(Scalar.unary(UnaryFn.ROUND, Scalar.mul(x, scale)), scale)
                : Scalar.mul(Scalar.unary(UnaryFn.ROUND, Scalar.div(x, scale)), scale);
    }

    @Override
    public String attributes() {
        return decimals == 0 ? "" : "decimals=" + decimals;
    }
}
