package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/**
 * max(x, 0), propagating NaN as PyTorch does. The gradient is stopped where the output is ≤ 0 (so it is 0
 * at x = 0 and passes for NaN, as PyTorch's threshold_backward) and is stated on the output, so a fused
 * matmul+bias+relu needs no pre-activation.
 */
public record Relu() implements ElementwiseOp {
    public String name() {
        return "relu";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MAX, Scalar.arg(0), Scalar.constant(0));
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar body = Scalar.select(CompareFn.LE, Scalar.arg(1), Scalar.constant(0), Scalar.constant(0),
                Scalar.arg(0));
        return g.only(Build.of(g.graph()).elementwise("relu_grad", body, List.of(g.outputGrad(), g.output())));
    }
}
