package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Broadcast;
import nnet.compiler.ops.ElementwiseOp;

/**
 * {@code where(cond, a, b)}: a where cond is non-zero, else b. The condition may be of any dtype (a
 * comparison, an i32 mask); a and b share theirs, which the result takes.
 */
public record Where() implements ElementwiseOp {
    public String name() {
        return "where";
    }

    public Scalar body() {
        return Scalar.select(CompareFn.NE, Scalar.arg(0), Scalar.constant(0), Scalar.arg(1), Scalar.arg(2));
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType values = Broadcast.type(name(), inputs.subList(1, 3), true);
        return values.withShape(Broadcast.shape(name(), inputs));
    }
}
