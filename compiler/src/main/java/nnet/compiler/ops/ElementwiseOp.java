package nnet.compiler.ops;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;

/**
 * An op computed element by element over operands broadcast to the output shape. Its code template is
 * its {@link #body()}: a scalar expression over {@code Arg(i)}, one per operand. All such ops share one
 * code generator, and fusion merges chains of them into one loop. Unless an op states a cheaper rule,
 * its gradient is the symbolic derivative of its body.
 */
public interface ElementwiseOp extends Op {

    Scalar body();

    /** Whether the op is defined on integer tensors, computing in i32 (sums, comparisons, selections). */
    default boolean integers() {
        return false;
    }

    @Override
    default TensorType infer(List<TensorType> inputs) {
        return Broadcast.type(name(), inputs, integers());
    }

    @Override
    default List<Integer> gradient(Gradient g) {
        return SymbolicGradient.rule(this, g);
    }
}
