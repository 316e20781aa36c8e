package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** x·x, on integers too, as {@code torch.square}; d/dx = 2x. */
public record Square() implements ElementwiseOp {
    public String name() {
        return "square";
    }

    public Scalar body() {
        return Scalar.mul(Scalar.arg(0), Scalar.arg(0));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
