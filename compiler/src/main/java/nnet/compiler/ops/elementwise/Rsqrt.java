package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** 1 / √x; d/dx = −y³ / 2, stated on the output y as PyTorch does. */
public record Rsqrt() implements ElementwiseOp {
    public String name() {
        return "rsqrt";
    }

    public Scalar body() {
        return Scalar.div(Scalar.constant(1), Scalar.unary(UnaryFn.SQRT, Scalar.arg(0)));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar y = Scalar.arg(1);
        Scalar cube = Scalar.mul(Scalar.mul(y, y), y);
        Scalar body = Scalar.mul(Scalar.mul(Scalar.constant(-0.5), Scalar.arg(0)), cube);
        return g.only(Build.of(g.graph()).elementwise("rsqrt_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
