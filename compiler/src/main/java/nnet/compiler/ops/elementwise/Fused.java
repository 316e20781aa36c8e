package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Broadcast;
import nnet.compiler.ops.ElementwiseOp;

/**
 * An elementwise op given by its body: what fusion makes of a chain of elementwise ops, and how
 * gradient rules state their per-element formulas. The label says where it came from.
 */
public record Fused(String label, Scalar body) implements ElementwiseOp {
    public String name() {
        return "fused";
    }

    /** Its parts were type-checked when they were built; integer bodies come from integer ops. */
    @Override
    public boolean integers() {
        return true;
    }

    /**
     * Gradient rules state formulas over a gradient and forward operands, which may include integer
     * masks: the body computes in the operands' floating dtype, reading integers converted.
     */
    @Override
    public TensorType infer(List<TensorType> inputs) {
        List<TensorType> floats = inputs.stream().filter(t -> t.dtype().isFloat()).toList();
        TensorType typed = Broadcast.type(name(), floats.isEmpty() ? inputs : floats, true);
        return typed.withShape(Broadcast.shape(name(), inputs));
    }

    /**
     * Two fused ops are the same computation when their bodies are equal, whatever their labels say
     * (the gradients of x*x with respect to either operand are both g*x), so CSE merges them.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Fused f && f.body.equals(body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    @Override
    public String attributes() {
        return label + ": " + body.render();
    }
}
