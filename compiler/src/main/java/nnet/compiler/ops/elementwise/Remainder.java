package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** The remainder with the divisor's sign, a − floor(a/b)·b, as {@code torch.remainder}. */
public record Remainder() implements ElementwiseOp {
    public String name() {
        return "remainder";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MOD, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
