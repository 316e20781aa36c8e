package nnet.compiler.ops.elementwise;

import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/**
 * An elementwise op given by its body: what fusion makes of a chain of elementwise ops, and how
 * gradient rules state their per-element formulas. The label says where it came from.
 */
public record Fused(String label, Scalar body) implements ElementwiseOp {
    public String name() {
        return "fused";
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
