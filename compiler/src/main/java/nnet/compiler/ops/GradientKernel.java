package nnet.compiler.ops;

import java.util.List;
import nnet.compiler.ir.TensorType;

/**
 * A kernel that only gradient rules create (softmax_grad, max_grad...): its output has the type of
 * its first operand, and it is never differentiated itself.
 */
public interface GradientKernel extends KernelOp {

    @Override
    default TensorType infer(List<TensorType> inputs) {
        return inputs.get(0);
    }

    @Override
    default boolean differentiable() {
        return false;
    }
}
