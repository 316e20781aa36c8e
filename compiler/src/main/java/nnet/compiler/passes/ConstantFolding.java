package nnet.compiler.passes;

import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.leaf.DimValue;

/**
 * Evaluates scalar elementwise nodes whose operands are all constants (e.g. {@code 1 / sqrt(64)}
 * written in a model, or the constants gradient rules create), in double precision like the front end.
 */
public final class ConstantFolding implements Pass {
    public String name() {
        return "constant-folding";
    }

    public Graph run(Graph g) {
        return Rewriter.rewrite(g, (old, n, out) -> {
            if (n.op() instanceof ElementwiseOp e && n.type().rank() == 0 && n.arity() > 0) {
                double[] values = new double[n.arity()];
                for (int i = 0; i < n.arity(); i++) {
                    Node in = out.node(n.input(i));
                    if (in.op() instanceof Constant c) {
                        values[i] = c.value();
                    } else if (in.op() instanceof DimValue d && d.dim().isStatic()) {
                        values[i] = d.dim().value();
                    } else {
                        return Rewriter.copy(n, out);
                    }
                }
                return out.add(new Constant(e.body().eval(values), n.type().dtype()));
            }
            return Rewriter.copy(n, out);
        });
    }
}
