package nnet.compiler.ir;

import java.util.List;

/**
 * An operation of the graph IR. Each op is one small immutable type (usually a record whose components
 * are its attributes, so that equal ops compare equal for common-subexpression elimination) defining in
 * one place its shape rule ({@link #infer}), its gradient rule ({@link #gradient}) and its code template
 * (through one of the sub-interfaces in {@code nnet.compiler.ops}).
 */
public interface Op {

    /** The name used in sources where the op is callable, and in printed IR. */
    String name();

    /** The shape and dtype rule: the output type for these operand types, or a {@link ShapeException}. */
    TensorType infer(List<TensorType> inputs);

    /**
     * The gradient rule: given the gradient of the loss with respect to this node's output, add to the
     * graph the gradients with respect to the operands for which {@link Gradient#needs} is true. Entries
     * may be null (no gradient flows) and may have any shape that broadcasts to the operand's shape;
     * the caller sums over broadcast dims.
     */
    default List<Integer> gradient(Gradient g) {
        throw new UnsupportedOperationException("op '" + name() + "' has no gradient rule");
    }

    /** Whether the op has a gradient rule; non-differentiable ops stop gradients with an error. */
    default boolean differentiable() {
        return true;
    }

    /** Attributes for the IR printer, e.g. {@code axis=1}; empty when none. */
    default String attributes() {
        return "";
    }
}
