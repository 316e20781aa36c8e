package nnet.compiler.ops.rowwise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * {@code nll_loss(input, target, weight)}: the negative log-likelihood of class indices given
 * log-probabilities {@code [N, C, d...]} or {@code [C]}, as PyTorch computes it: each counted row costs
 * −w_t·x_t, rows whose target is {@code ignoreIndex} cost nothing, and the mean divides by the total
 * weight of the counted rows (their number, without the optional weights). A target outside [0, C)
 * stops the run with an error.
 *
 * <p>Results: the loss and the counted rows' total weight, which the gradient of the mean reuses.
 */
public record NllLoss(int ignoreIndex, Reduction reduction) implements KernelOp, MultiResultOp {

    public String name() {
        return "nll_loss";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType logProbs = inputs.get(0);
        int axis = ClassTargets.classAxis(name(), logProbs, inputs.get(1));
        if (inputs.size() > 2) {
            ClassTargets.checkWeights(name(), logProbs, axis, inputs.get(2));
        }
        TensorType scalar = TensorType.scalar(logProbs.dtype());
        TensorType loss = reduction == Reduction.NONE ? logProbs.withShape(logProbs.shape().without(axis)) : scalar;
        return List.of(loss, scalar);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        boolean weighted = g.node().arity() > 2;
        List<Integer> operands = new ArrayList<>(List.of(g.input(0), g.input(1), g.result(1), g.outputGrad(0)));
        if (weighted) {
            operands.add(g.input(2));
        }
        Integer dx = g.needs(0) ? g.graph().add(new Backward(ignoreIndex, reduction), operands) : null;
        if (!weighted) {
            return Arrays.asList(dx, null);
        }
        Integer dw = null;
        if (g.needs(2)) {
            ClassLossGradients.Body body = new ClassLossGradients.Body(g);
            Scalar nll = Scalar.unary(UnaryFn.NEG, body.read(g.input(0)));
            dw = ClassLossGradients.indexWeights(body, g, nll, CrossEntropy.axisOf(g.inputType(0)), ignoreIndex, 0,
                    reduction, g.result(0), g.result(1));
        }
        return Arrays.asList(dx, null, dw);
    }

    @Override
    public void emit(KernelWriter w) {
        Var total = w.var(Val.c(0));
        Var counted = w.var(Val.c(0));
        Rows.forEach(w, w.in(0).type().shape(), CrossEntropy.axisOf(w.in(0).type()), (base, stride, n, row) -> {
            Ix t = w.loadInt(w.in(1), row);
            if (reduction == Reduction.NONE) {
                w.store(w.out(0), row, Val.c(0));
            }
            w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> {
                w.checkClassIndex(t, n, row);
                Var weight = w.var(w.arity() > 2 ? w.load(w.in(2), t) : Val.c(1));
                Val x = w.load(w.in(0), Rows.at(base, stride, t));
                Val loss = w.arity() > 2 ? weight.get().times(x).neg() : x.neg();
                if (reduction == Reduction.NONE) {
                    w.store(w.out(0), row, loss);
                } else {
                    w.set(total, total.get().plus(loss));
                }
                w.set(counted, counted.get().plus(weight.get()));
            });
        });
        w.store(w.out(1), Ix.c(0), counted.get());
        if (reduction != Reduction.NONE) {
            w.store(w.out(0), Ix.c(0), reduction == Reduction.MEAN ? total.get().div(counted.get()) : total.get());
        }
    }

    @Override
    public String attributes() {
        return "reduction=" + reduction.spelling()
                + (ignoreIndex == CrossEntropy.DEFAULT_IGNORE_INDEX ? "" : ", ignore_index=" + ignoreIndex);
    }

    /**
     * d input = −s·w_t at each counted row's target and 0 elsewhere, s being dy (per row without
     * reduction), or dy over the counted rows' total weight for the mean. Operands (input, target, total
     * weight, dy, [weights]).
     */
    public record Backward(int ignoreIndex, Reduction reduction) implements GradientKernel {
        public String name() {
            return "nll_loss_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Var scale = w.var(w.load(w.in(3), Ix.c(0)).neg());
            if (reduction == Reduction.MEAN) {
                w.set(scale, scale.get().div(w.load(w.in(2), Ix.c(0))));
            }
            Rows.forEach(w, w.in(0).type().shape(), CrossEntropy.axisOf(w.in(0).type()), (base, stride, n, row) -> {
                w.loop(Ix.c(0), n, k -> w.store(w.out(), Rows.at(base, stride, k), Val.c(0)));
                Ix t = w.loadInt(w.in(1), row);
                w.whenInt(CompareFn.NE, t, Ix.c(ignoreIndex), () -> {
                    Val s = reduction == Reduction.NONE ? w.load(w.in(3), row).neg() : scale.get();
                    w.store(w.out(), Rows.at(base, stride, t), w.arity() > 4 ? s.times(w.load(w.in(4), t)) : s);
                });
            });
        }

        @Override
        public String attributes() {
            return new NllLoss(ignoreIndex, reduction).attributes();
        }
    }
}
