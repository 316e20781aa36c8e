package nnet.compiler.ops.rowwise;

import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * The logits' gradient of {@link ProbabilityCrossEntropy}: per row, d x_k = s·(p_k·Σ_c w_c·t'_c − w_k·t'_k)
 * with p the row's softmax and s = dy (per row without reduction), or dy over the number of rows for the
 * mean. Operands (logits, probabilities, row max, row log Σ exp, dy, [weights]).
 */
public record ProbabilityCrossEntropyGrad(double labelSmoothing, Reduction reduction) implements GradientKernel {
    public String name() {
        return "cross_entropy_probs_grad";
    }

    @Override
    public void emit(KernelWriter w) {
        Shape shape = w.in(0).type().shape();
        int axis = CrossEntropy.axisOf(w.in(0).type());
        Buf weights = w.arity() > 5 ? w.in(5) : null;
        Var scale = w.var(w.load(w.in(4), Ix.c(0)));
        if (reduction == Reduction.MEAN) {
            w.set(scale, scale.get().div(new Val.OfInt(w.numel(shape.without(axis)))));
        }
        Rows.forEach(w, shape, axis, (base, stride, n, row) -> {
            Var s = w.var(reduction == Reduction.NONE ? w.load(w.in(4), row) : scale.get());
            Var max = w.var(w.load(w.in(2), row));
            Var logSum = w.var(w.load(w.in(3), row));
            Var mass = w.var(Val.c(0));
            w.loop(Ix.c(0), n, k -> w.set(mass, mass.get().plus(target(w, weights, Rows.at(base, stride, k), k, n))));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                Val p = w.load(w.in(0), at).minus(max.get()).minus(logSum.get()).exp();
                Val own = target(w, weights, at, k, n);
                w.store(w.out(), at, s.get().times(p.times(mass.get()).minus(own)));
            });
        });
    }

    private Val target(KernelWriter w, Buf weights, Ix at, Ix k, Ix n) {
        return ProbabilityCrossEntropy.weightedTarget(w, labelSmoothing, w.in(1), weights, at, k, n);
    }

    @Override
    public String attributes() {
        return new ProbabilityCrossEntropy(labelSmoothing, reduction).attributes();
    }
}
