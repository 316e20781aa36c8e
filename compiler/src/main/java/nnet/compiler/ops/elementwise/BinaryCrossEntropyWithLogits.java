package nnet.compiler.ops.elementwise;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.SymbolicGradient;

/**
 * The binary cross entropy of a logit x against a target t, element by element, as PyTorch's
 * binary_cross_entropy_with_logits computes it: (1−t)·x + l·softplus(−x), where l = 1 + (p−1)·t for
 * the optional third operand p (pos_weight), else 1. softplus(−x) = log1p(e^−|x|) + max(−x, 0) never
 * overflows and keeps the loss exact for large |x|.
 *
 * <p>The logit's gradient is stated as PyTorch does, dy·(l·σ(x) − p·t) (σ(x) − t without p); those of
 * the target and of pos_weight are the body's derivatives.
 */
public record BinaryCrossEntropyWithLogits(boolean posWeight) implements ElementwiseOp {
    public String name() {
        return "binary_cross_entropy_with_logits";
    }

    /** The body over (x, t) or, with pos_weight, over (x, t, p). */
    public Scalar body() {
        Scalar x = Scalar.arg(0);
        Scalar t = Scalar.arg(1);
        Scalar first = Scalar.mul(Scalar.sub(Scalar.constant(1), t), x);
        Scalar tail = Scalar.unary(UnaryFn.EXP, Scalar.unary(UnaryFn.NEG, Scalar.unary(UnaryFn.ABS, x)));
        Scalar softplusNeg = Scalar.add(Scalar.unary(UnaryFn.LOG1P, tail),
                new Scalar.Binary(BinaryFn.MAX, Scalar.unary(UnaryFn.NEG, x), Scalar.constant(0)));
        return Scalar.add(first, posWeight ? Scalar.mul(logWeight(t, Scalar.arg(2)), softplusNeg) : softplusNeg);
    }

    /** 1 + (p − 1)·t. */
    private static Scalar logWeight(Scalar t, Scalar p) {
        return Scalar.add(Scalar.constant(1), Scalar.mul(Scalar.sub(p, Scalar.constant(1)), t));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        boolean[] others = g.needs().clone();
        others[0] = false;
        List<Integer> grads = new ArrayList<>(SymbolicGradient.rule(this,
                new Gradient(g.graph(), g.node(), g.outputGrads(), others)));
        if (g.needs(0)) {
            List<Integer> operands = new ArrayList<>(List.of(g.outputGrad(), g.input(0), g.input(1)));
            Scalar t = Scalar.arg(2);
            Scalar sigmoid = new Sigmoid().body().substitute(i -> Scalar.arg(1));
            Scalar dx = Scalar.sub(sigmoid, t);
            if (posWeight) {
                operands.add(g.input(2));
                Scalar p = Scalar.arg(3);
                dx = Scalar.sub(Scalar.mul(logWeight(t, p), sigmoid), Scalar.mul(p, t));
            }
            grads.set(0, Build.of(g.graph()).elementwise(name() + "_grad0", Scalar.mul(Scalar.arg(0), dx), operands));
        }
        return grads;
    }

    @Override
    public String attributes() {
        return posWeight ? "pos_weight" : "";
    }
}
