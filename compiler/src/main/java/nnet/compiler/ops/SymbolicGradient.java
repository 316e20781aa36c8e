package nnet.compiler.ops;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.ScalarDerivative;
import nnet.compiler.ir.ScalarSimplifier;

/**
 * The default gradient rule of elementwise ops: differentiate the body symbolically and emit, for each
 * needed operand, one elementwise node {@code dy * d(body)/d(operand)} over the operands it reads.
 */
public final class SymbolicGradient {
    private SymbolicGradient() {
    }

    public static List<Integer> rule(ElementwiseOp op, Gradient g) {
        List<Integer> grads = new ArrayList<>();
        for (int i = 0; i < g.node().arity(); i++) {
            grads.add(g.needs(i) ? operandGradient(op, g, i) : null);
        }
        return grads;
    }

    private static Integer operandGradient(ElementwiseOp op, Gradient g, int i) {
        Scalar derivative = ScalarDerivative.of(op.body(), i);
        if (ScalarSimplifier.isZero(derivative)) {
            return null;
        }
        // Operands of the gradient node: dy first, then the forward operands.
        List<Integer> operands = new ArrayList<>();
        operands.add(g.outputGrad());
        operands.addAll(g.node().inputs());
        Scalar body = ScalarSimplifier.simplify(
                Scalar.mul(Scalar.arg(0), derivative.substitute(j -> Scalar.arg(j + 1))));
        return Build.of(g.graph()).elementwise(op.name() + "_grad" + (g.node().arity() > 1 ? i : ""), body,
                operands);
    }
}
