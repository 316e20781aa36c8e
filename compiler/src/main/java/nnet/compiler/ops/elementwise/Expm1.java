package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** e^x − 1, accurate for small x; d/dx = y + 1, stated on the output y as PyTorch does. */
public record Expm1() implements ElementwiseOp {
    public String name() {
        return "expm1";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.EXPM1, Scalar.arg(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar body = Scalar.mul(Scalar.arg(0), Scalar.add(Scalar.arg(1), Scalar.constant(1)));
        return g.only(Build.of(g.graph()).elementwise("expm1_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
