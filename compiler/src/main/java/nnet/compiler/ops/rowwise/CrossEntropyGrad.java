package nnet.compiler.ops.rowwise;

import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * The logits' gradient of {@link CrossEntropy}: per counted row
 * d x_k = s·(p_k·((1−ε)·w_t + ε/C·Σ_c w_c) − ε/C·w_k − [k = t]·(1−ε)·w_t), and 0 on ignored rows,
 * where p is the row's softmax and s is dy (per row without reduction), or dy over the counted rows' total
 * weight for the mean. Operands (logits, target, row max, row log Σ exp, total weight, dy, [weights]).
 */
public record CrossEntropyGrad(int ignoreIndex, double labelSmoothing, Reduction reduction)
        implements GradientKernel {
    private static final int WEIGHTS = 6;

    public String name() {
        return "cross_entropy_grad";
    }

    @Override
    public void emit(KernelWriter w) {
        Shape shape = w.in(0).type().shape();
        boolean weighted = w.arity() > WEIGHTS;
        Var scale = w.var(w.load(w.in(5), Ix.c(0)));
        if (reduction == Reduction.MEAN) {
            w.set(scale, scale.get().div(w.load(w.in(4), Ix.c(0))));
        }
        Ix classes = w.size(shape.dim(CrossEntropy.axisOf(w.in(0).type())));
        Var weightSum = w.var(weighted ? Val.c(0) : new Val.OfInt(classes));
        if (weighted) {
            w.loop(Ix.c(0), classes, k -> w.set(weightSum, weightSum.get().plus(w.load(w.in(WEIGHTS), k))));
        }
        Rows.forEach(w, shape, CrossEntropy.axisOf(w.in(0).type()), (base, stride, n, row) -> {
            Ix t = w.loadInt(w.in(1), row);
            w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> counted(w, base, stride, n, row, t, scale, weightSum),
                    () -> w.loop(Ix.c(0), n, k -> w.store(w.out(), Rows.at(base, stride, k), Val.c(0))));
        });
    }

    private void counted(KernelWriter w, Ix base, Ix stride, Ix n, Ix row, Ix t, Var scale, Var weightSum) {
        boolean weighted = w.arity() > WEIGHTS;
        Var s = w.var(reduction == Reduction.NONE ? w.load(w.in(5), row) : scale.get());
        Var max = w.var(w.load(w.in(2), row));
        Var logSum = w.var(w.load(w.in(3), row));
        Val keep = Val.c(1 - labelSmoothing);
        Var own = w.var(weighted ? keep.times(w.load(w.in(WEIGHTS), t)) : keep);
        Var floor = w.var(Val.c(labelSmoothing).div(new Val.OfInt(n)));
        // Σ_k of the row's gradient before the target's share: p·(own + floor·Σ w) − floor·w_k.
        Var mass = w.var(weighted ? own.get().plus(floor.get().times(weightSum.get())) : Val.c(1));
        w.loop(Ix.c(0), n, k -> {
            Ix at = Rows.at(base, stride, k);
            Val p = w.load(w.in(0), at).minus(max.get()).minus(logSum.get()).exp();
            Val spread = weighted ? floor.get().times(w.load(w.in(WEIGHTS), k)) : floor.get();
            Val dx = weighted ? p.times(mass.get()) : p;
            w.store(w.out(), at, s.get().times(labelSmoothing == 0 ? dx : dx.minus(spread)));
        });
        Ix at = Rows.at(base, stride, t);
        w.store(w.out(), at, w.load(w.out(), at).minus(s.get().times(own.get())));
    }

    @Override
    public String attributes() {
        return new CrossEntropy(ignoreIndex, labelSmoothing, reduction).attributes();
    }
}
