package nnet.compiler.ops.elementwise;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/**
 * The binary cross entropy of a probability x against a target t, element by element, as PyTorch's
 * binary_cross_entropy computes it: −(t·max(log x, −100) + (1−t)·max(log(1−x), −100)). Clamping the
 * logs keeps the loss finite at x = 0 or 1.
 *
 * <p>The gradient is PyTorch's, not the derivative of the clamped body: d x = dy·(x − t)/max(x·(1−x),
 * 1e-12), which is finite where a sigmoid saturates to exactly 0 or 1 (the body's derivative would be
 * 0·∞ there), and d t = dy·(log(1−x) − log x).
 */
public record BinaryCrossEntropy() implements ElementwiseOp {
    private static final double LOG_FLOOR = -100;
    /** PyTorch's floor of x·(1−x), a float constant there, so 1e-12 rounded to f32 in f64 as well. */
    private static final double EPSILON = 1e-12f;

    public String name() {
        return "binary_cross_entropy";
    }

    public Scalar body() {
        Scalar x = Scalar.arg(0);
        Scalar t = Scalar.arg(1);
        Scalar logX = clamped(Scalar.unary(UnaryFn.LOG, x));
        Scalar logNotX = clamped(Scalar.unary(UnaryFn.LOG1P, Scalar.unary(UnaryFn.NEG, x)));
        return Scalar.sub(Scalar.mul(Scalar.sub(t, Scalar.constant(1)), logNotX), Scalar.mul(t, logX));
    }

    private static Scalar clamped(Scalar log) {
        return new Scalar.Binary(BinaryFn.MAX, log, Scalar.constant(LOG_FLOOR));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Build b = Build.of(g.graph());
        List<Integer> operands = List.of(g.outputGrad(), g.input(0), g.input(1));
        Scalar dy = Scalar.arg(0);
        Scalar x = Scalar.arg(1);
        Scalar t = Scalar.arg(2);
        Integer[] grads = new Integer[2];
        if (g.needs(0)) {
            Scalar spread = new Scalar.Binary(BinaryFn.MAX, Scalar.mul(Scalar.sub(Scalar.constant(1), x), x),
                    Scalar.constant(EPSILON));
            grads[0] = b.elementwise("binary_cross_entropy_grad0", Scalar.mul(dy, Scalar.div(Scalar.sub(x, t), spread)),
                    operands);
        }
        if (g.needs(1)) {
            Scalar logOdds = Scalar.sub(Scalar.unary(UnaryFn.LOG1P, Scalar.unary(UnaryFn.NEG, x)),
                    Scalar.unary(UnaryFn.LOG, x));
            grads[1] = b.elementwise("binary_cross_entropy_grad1", Scalar.mul(dy, logOdds), operands);
        }
        return Arrays.asList(grads);
    }
}
