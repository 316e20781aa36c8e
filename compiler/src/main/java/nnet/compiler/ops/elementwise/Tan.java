package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** Tangent, in radians; d/dx = 1 + y², stated on the output y as PyTorch does. */
public record Tan() implements ElementwiseOp {
    public String name() {
        return "tan";
    }

    public Scalar body() {
        return Scalar.unary(UnaryFn.TAN, Scalar.arg(0));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar y = Scalar.arg(1);
        Scalar body = Scalar.mul(Scalar.arg(0), Scalar.add(Scalar.constant(1), Scalar.mul(y, y)));
        return g.only(Build.of(g.graph()).elementwise("tan_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
