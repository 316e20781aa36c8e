package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** 1 / x; d/dx = −y², stated on the output y as PyTorch does. */
public record Reciprocal() implements ElementwiseOp {
    public String name() {
        return "reciprocal";
    }

    public Scalar body() {
        return Scalar.div(Scalar.constant(1), Scalar.arg(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar y = Scalar.arg(1);
        Scalar body = Scalar.unary(UnaryFn.NEG, Scalar.mul(Scalar.arg(0), Scalar.mul(y, y)));
        return g.only(Build.of(g.graph()).elementwise("reciprocal_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
