package nnet.compiler.ops.rowwise;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * {@code cross_entropy(logits, target)} over class indices, as PyTorch computes it: per row (the class
 * dim is 1, or 0 for unbatched logits) the loss is (1−ε)·(−log p_t) + ε/C·Σ_c (−log p_c) with p the
 * softmax of the row and ε the label smoothing; rows whose target is {@code ignoreIndex} count for
 * nothing, and the mean divides by the rows that count. A target outside [0, C) stops the run with an
 * error instead of reading another row's logits.
 *
 * <p>Results: the loss, then each row's maximum and log Σ exp(x − max). The gradient reuses these, so
 * the backward pass computes one exp per logit; keeping the maximum apart keeps (x − max) − log Σ exact
 * in f32 for large logits, where x − (max + log Σ) would round.
 */
public record CrossEntropy(int ignoreIndex, double labelSmoothing, Reduction reduction)
        implements KernelOp, MultiResultOp {

    public static final int DEFAULT_IGNORE_INDEX = -100;

    public String name() {
        return "cross_entropy";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType logits = inputs.get(0);
        int axis = ClassTargets.classAxis(name(), logits, inputs.get(1));
        Shape rows = logits.shape().without(axis);
        TensorType perRow = logits.withShape(rows);
        TensorType loss = reduction == Reduction.NONE ? perRow : TensorType.scalar(logits.dtype());
        return List.of(loss, perRow, perRow);
    }

    static int axisOf(TensorType logits) {
        return logits.rank() == 1 ? 0 : 1;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        int dx = g.graph().add(new Backward(ignoreIndex, labelSmoothing, reduction),
                g.input(0), g.input(1), g.result(1), g.result(2), g.outputGrad(0));
        return Arrays.asList(dx, null);
    }

    @Override
    public void emit(KernelWriter w) {
        Buf x = w.in(0);
        Shape shape = x.type().shape();
        Var total = w.var(Val.c(0));
        Var count = w.var(Val.c(0));
        Rows.forEach(w, shape, axisOf(x.type()), (base, stride, n, row) -> {
            Ix t = w.loadInt(w.in(1), row);
            if (reduction == Reduction.NONE) {
                w.store(w.out(0), row, Val.c(0));
            }
            w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> {
                w.checkClassIndex(t, n, row);
                Var max = Softmax.rowMax(w, base, stride, n);
                Var logSum = w.var(Softmax.rowSumExp(w, base, stride, n, max).get().log());
                w.store(w.out(1), row, max.get());
                w.store(w.out(2), row, logSum.get());
                Val loss = rowLoss(w, base, stride, n, t, max, logSum);
                if (reduction == Reduction.NONE) {
                    w.store(w.out(0), row, loss);
                } else {
                    w.set(total, total.get().plus(loss));
                    w.set(count, count.get().plus(Val.c(1)));
                }
            });
        });
        if (reduction != Reduction.NONE) {
            w.store(w.out(0), Ix.c(0), reduction == Reduction.MEAN ? total.get().div(count.get()) : total.get());
        }
    }

    /** −log p_t, smoothed: (1−ε)·((max − x_t) + logSum) + ε/C·Σ_c (max − x_c) + ε·logSum. */
    private Val rowLoss(KernelWriter w, Ix base, Ix stride, Ix n, Ix t, Var max, Var logSum) {
        Val nll = max.get().minus(w.load(w.in(0), Rows.at(base, stride, t))).plus(logSum.get());
        if (labelSmoothing == 0) {
            return nll;
        }
        Var gaps = w.var(Val.c(0));
        w.loop(Ix.c(0), n, k -> w.set(gaps, gaps.get().plus(max.get().minus(w.load(w.in(0), Rows.at(base, stride, k))))));
        Val eps = Val.c(labelSmoothing);
        return Val.c(1 - labelSmoothing).times(nll).plus(eps.times(gaps.get()).div(new Val.OfInt(n)))
                .plus(eps.times(logSum.get()));
    }

    @Override
    public String attributes() {
        StringBuilder sb = new StringBuilder("reduction=").append(reduction.spelling());
        if (ignoreIndex != DEFAULT_IGNORE_INDEX) {
            sb.append(", ignore_index=").append(ignoreIndex);
        }
        if (labelSmoothing != 0) {
            sb.append(", label_smoothing=").append(labelSmoothing);
        }
        return sb.toString();
    }

    /**
     * d logits = s·(softmax(x) − ε/C − (1−ε)·onehot(t)) per counted row, 0 on ignored rows, where s is
     * dy (per row without reduction), or dy over the counted rows for the mean. Operands (logits,
     * target, row max, row log Σ exp, dy).
     */
    public record Backward(int ignoreIndex, double labelSmoothing, Reduction reduction) implements GradientKernel {
        public String name() {
            return "cross_entropy_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Shape shape = w.in(0).type().shape();
            int axis = axisOf(w.in(0).type());
            Var scale = w.var(w.load(w.in(4), Ix.c(0)));
            if (reduction == Reduction.MEAN) {
                Var count = w.var(Val.c(0));
                w.loop(Ix.c(0), w.numel(w.in(1).type().shape()), r -> w.whenInt(CompareFn.NE,
                        w.loadInt(w.in(1), r), Ix.c(ignoreIndex), () -> w.set(count, count.get().plus(Val.c(1)))));
                w.set(scale, scale.get().div(count.get()));
            }
            Rows.forEach(w, shape, axis, (base, stride, n, row) -> {
                Ix t = w.loadInt(w.in(1), row);
                w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> counted(w, base, stride, n, row, t, scale),
                        () -> w.loop(Ix.c(0), n, k -> w.store(w.out(), Rows.at(base, stride, k), Val.c(0))));
            });
        }

        private void counted(KernelWriter w, Ix base, Ix stride, Ix n, Ix row, Ix t, Var scale) {
            Var s = w.var(reduction == Reduction.NONE ? w.load(w.in(4), row) : scale.get());
            Var max = w.var(w.load(w.in(2), row));
            Var logSum = w.var(w.load(w.in(3), row));
            Var floor = w.var(Val.c(labelSmoothing).div(new Val.OfInt(n)));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                Val p = w.load(w.in(0), at).minus(max.get()).minus(logSum.get()).exp();
                w.store(w.out(), at, s.get().times(labelSmoothing == 0 ? p : p.minus(floor.get())));
            });
            Ix at = Rows.at(base, stride, t);
            w.store(w.out(), at, w.load(w.out(), at).minus(s.get().times(Val.c(1 - labelSmoothing))));
        }

        @Override
        public String attributes() {
            return new CrossEntropy(ignoreIndex, labelSmoothing, reduction).attributes();
        }
    }
}
