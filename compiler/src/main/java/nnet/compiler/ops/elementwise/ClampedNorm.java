package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/**
 * The Euclidean norm y = max(√s, eps) of a sum of squares s, clamped as PyTorch 1.13's
 * cosine_similarity clamps its norms: in place and without recording the clamp, so that the gradient
 * is that of the norm read at the clamped value, d s = dy/(2y). A zero vector then gets a zero
 * gradient where the unclamped √s would give 0·∞.
 */
public record ClampedNorm(double eps) implements ElementwiseOp {
    public String name() {
        return "clamped_norm";
    }

    public Scalar body() {
        return new Scalar.Binary(BinaryFn.MAX, Scalar.unary(UnaryFn.SQRT, Scalar.arg(0)), Scalar.constant(eps));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar body = Scalar.div(Scalar.mul(Scalar.constant(0.5), Scalar.arg(0)), Scalar.arg(1));
        return g.only(Build.of(g.graph()).elementwise("clamped_norm_grad", body, List.of(g.outputGrad(), g.output())));
    }

    @Override
    public String attributes() {
        return "eps=" + eps;
    }
}
