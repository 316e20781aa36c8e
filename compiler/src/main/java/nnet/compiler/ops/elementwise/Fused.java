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

    @Override
    public String attributes() {
        return label + ": " + body.render();
    }
}
