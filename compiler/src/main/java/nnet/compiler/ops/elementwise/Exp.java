package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** e to the x. The gradient reuses the output, so the input need not stay alive for the backward pass. */
public record Exp() implements ElementwiseOp {
    public String name() {
        return "exp";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.EXP, Scalar.arg(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(Build.of(g.graph()).mul(g.outputGrad(), g.output()));
    }
}
