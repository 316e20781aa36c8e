package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** Square root; d/dx = 0.5 / sqrt(x), stated on the output. */
public record Sqrt() implements ElementwiseOp {
    public String name() {
        return "sqrt";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.SQRT, Scalar.arg(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar body = Scalar.div(Scalar.mul(Scalar.constant(0.5), Scalar.arg(0)), Scalar.arg(1));
        return g.only(Build.of(g.graph()).elementwise("sqrt_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
