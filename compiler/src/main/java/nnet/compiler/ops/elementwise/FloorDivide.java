package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** Division rounded toward −∞ ({@code a // b}), as {@code torch.floor_divide}; no gradient flows. */
public record FloorDivide() implements ElementwiseOp {
    public String name() {
        return "floor_divide";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.FLOOR_DIV, Scalar.arg(0), Scalar.arg(1));
    }

    @Override
    public boolean integers() {
        return true;
    }
}
