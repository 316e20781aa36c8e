package nnet.compiler.ops.rowwise;

import java.util.ArrayList;
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
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * {@code cross_entropy(logits, target, weight)} over class indices, as PyTorch computes it: per row (the
 * class dim is 1, or 0 for unbatched logits) the loss is (1−ε)·w_t·(−log p_t) + ε/C·Σ_c w_c·(−log p_c)
 * with p the softmax of the row, ε the label smoothing and w the class weights (all 1 without the
 * optional third operand). Rows whose target is {@code ignoreIndex} count for nothing; the mean divides
 * by the total weight of the rows that count (their number, without weights). A target outside [0, C)
 * stops the run with an error instead of reading another row's logits.
 *
 * <p>Results: the loss, each row's maximum and log Σ exp(x − max) (0 on ignored rows), and the total
 * weight of the counted rows. The gradient reuses them, so the backward pass computes one exp per
 * logit; keeping the maximum apart keeps (x − max) − log Σ exact in f32 for large logits, where
 * x − (max + log Σ) would round.
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
        if (inputs.size() > 2) {
            ClassTargets.checkWeights(name(), logits, axis, inputs.get(2));
        }
        TensorType perRow = logits.withShape(logits.shape().without(axis));
        TensorType scalar = TensorType.scalar(logits.dtype());
        return List.of(reduction == Reduction.NONE ? perRow : scalar, perRow, perRow, scalar);
    }

    static int axisOf(TensorType logits) {
        return logits.rank() == 1 ? 0 : 1;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        boolean weighted = g.node().arity() > 2;
        List<Integer> operands = new ArrayList<>(List.of(g.input(0), g.input(1), g.result(1), g.result(2),
                g.result(3), g.outputGrad(0)));
        if (weighted) {
            operands.add(g.input(2));
        }
        Integer dx = g.needs(0) ? g.graph().add(new CrossEntropyGrad(ignoreIndex, labelSmoothing, reduction),
                operands) : null;
        if (!weighted) {
            return Arrays.asList(dx, null);
        }
        Integer dw = null;
        if (g.needs(2)) {
            int axis = axisOf(g.inputType(0));
            ClassLossGradients.Body body = new ClassLossGradients.Body(g);
            Scalar nll = ClassLossGradients.negLogProb(body, g, axis);
            dw = ClassLossGradients.indexWeights(body, g, nll, axis, ignoreIndex, labelSmoothing, reduction,
                    g.result(0), g.result(3));
        }
        return Arrays.asList(dx, null, dw);
    }

    @Override
    public void emit(KernelWriter w) {
        Buf x = w.in(0);
        Shape shape = x.type().shape();
        int axis = axisOf(x.type());
        Var total = w.var(Val.c(0));
        Var counted = w.var(Val.c(0));
        Rows.forEach(w, shape, axis, (base, stride, n, row) -> {
            Ix t = w.loadInt(w.in(1), row);
            w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> {
                w.checkClassIndex(t, n, row);
                Var max = Softmax.rowMax(w, base, stride, n);
                Var logSum = w.var(Softmax.rowSumExp(w, base, stride, n, max).get().log());
                w.store(w.out(1), row, max.get());
                w.store(w.out(2), row, logSum.get());
                Var weight = w.var(w.arity() > 2 ? w.load(w.in(2), t) : Val.c(1));
                Val loss = rowLoss(w, base, stride, n, t, max, logSum, weight);
                if (reduction == Reduction.NONE) {
                    w.store(w.out(0), row, loss);
                } else {
                    w.set(total, total.get().plus(loss));
                }
                w.set(counted, counted.get().plus(weight.get()));
            }, () -> ignored(w, row));
        });
        w.store(w.out(3), Ix.c(0), counted.get());
        if (reduction != Reduction.NONE) {
            w.store(w.out(0), Ix.c(0), reduction == Reduction.MEAN ? total.get().div(counted.get()) : total.get());
        }
    }

    /** An ignored row: loss 0 and defined statistics, so that nothing downstream reads stale memory. */
    private void ignored(KernelWriter w, Ix row) {
        if (reduction == Reduction.NONE) {
            w.store(w.out(0), row, Val.c(0));
        }
        w.store(w.out(1), row, Val.c(0));
        w.store(w.out(2), row, Val.c(0));
    }

    /** (1−ε)·w_t·((max − x_t) + logSum) + ε/C·Σ_c w_c·((max − x_c) + logSum). */
    private Val rowLoss(KernelWriter w, Ix base, Ix stride, Ix n, Ix t, Var max, Var logSum, Var weight) {
        Val nll = max.get().minus(w.load(w.in(0), Rows.at(base, stride, t))).plus(logSum.get());
        Val own = w.arity() > 2 ? weight.get().times(nll) : nll;
        if (labelSmoothing == 0) {
            return own;
        }
        Var smooth = w.var(Val.c(0));
        w.loop(Ix.c(0), n, k -> {
            Val term = max.get().minus(w.load(w.in(0), Rows.at(base, stride, k))).plus(logSum.get());
            w.set(smooth, smooth.get().plus(w.arity() > 2 ? w.load(w.in(2), k).times(term) : term));
        });
        return Val.c(1 - labelSmoothing).times(own)
                .plus(Val.c(labelSmoothing).times(smooth.get()).div(new Val.OfInt(n)));
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
}
