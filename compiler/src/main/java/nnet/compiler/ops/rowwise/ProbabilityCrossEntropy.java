package nnet.compiler.ops.rowwise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.Rows;

/**
 * {@code cross_entropy(logits, probabilities, weight)} with a target of class probabilities of the
 * logits' shape, as PyTorch computes it: per row (class dim 1, or 0 unbatched) the loss is
 * −Σ_c w_c·t'_c·log p_c with p the row's softmax, t' = (1−ε)·t + ε/C for label smoothing ε, and w the
 * class weights (1 without the optional third operand). The mean divides by the number of rows,
 * N·Πd, whatever the weights.
 *
 * <p>Results: the loss, each row's maximum and log Σ exp(x − max), which the gradients reuse.
 */
public record ProbabilityCrossEntropy(double labelSmoothing, Reduction reduction) implements KernelOp, MultiResultOp {

    public String name() {
        return "cross_entropy_probs";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType logits = inputs.get(0);
        int axis = ClassTargets.scoresAxis("cross_entropy", logits);
        if (!inputs.get(1).equals(logits)) {
            throw new ShapeException("'cross_entropy': class probabilities " + inputs.get(1)
                    + " do not match logits " + logits + "; they need the same shape and dtype");
        }
        if (inputs.size() > 2) {
            ClassTargets.checkWeights("cross_entropy", logits, axis, inputs.get(2));
        }
        TensorType perRow = logits.withShape(logits.shape().without(axis));
        return List.of(reduction == Reduction.NONE ? perRow : TensorType.scalar(logits.dtype()), perRow, perRow);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        List<Integer> operands = new ArrayList<>(List.of(g.input(0), g.input(1), g.result(1), g.result(2),
                g.outputGrad(0)));
        if (g.node().arity() > 2) {
            operands.add(g.input(2));
        }
        List<Integer> grads = new ArrayList<>(Arrays.asList(new Integer[g.node().arity()]));
        if (g.needs(0)) {
            grads.set(0, g.graph().add(new ProbabilityCrossEntropyGrad(labelSmoothing, reduction), operands));
        }
        if (g.needs(1)) {
            grads.set(1, targetGradient(g));
        }
        if (g.node().arity() > 2 && g.needs(2)) {
            grads.set(2, weightGradient(g));
        }
        return grads;
    }

    /** d t_c = s·(1−ε)·w_c·(−log p_c). */
    private int targetGradient(Gradient g) {
        int axis = CrossEntropy.axisOf(g.inputType(0));
        ClassLossGradients.Body body = new ClassLossGradients.Body(g);
        Scalar term = Scalar.mul(rowScale(body, g, axis), ClassLossGradients.negLogProb(body, g, axis));
        if (g.node().arity() > 2) {
            term = Scalar.mul(term, ClassLossGradients.perClass(body, g.input(2), g.inputType(0).shape(), axis));
        }
        return body.emit("cross_entropy_probs_target_grad",
                labelSmoothing == 0 ? term : Scalar.mul(Scalar.constant(1 - labelSmoothing), term));
    }

    /** d w_c = Σ_rows s·t'_c·(−log p_c). */
    private int weightGradient(Gradient g) {
        int axis = CrossEntropy.axisOf(g.inputType(0));
        ClassLossGradients.Body body = new ClassLossGradients.Body(g);
        Scalar term = Scalar.mul(rowScale(body, g, axis), ClassLossGradients.negLogProb(body, g, axis));
        Scalar smoothed = smoothed(body.read(g.input(1)), g.inputType(0).shape().dim(axis));
        int perElement = body.emit("cross_entropy_probs_weight_grad", Scalar.mul(term, smoothed));
        return ClassLossGradients.sumOverRows(body.build(), perElement, axis);
    }

    private Scalar rowScale(ClassLossGradients.Body body, Gradient g, int axis) {
        Shape rows = g.inputType(0).shape().without(axis);
        return ClassLossGradients.rowScale(body, g, reduction, axis, new Scalar.Size(rows.numel()));
    }

    /** t' = (1−ε)·t + ε/C. */
    private Scalar smoothed(Scalar target, Dim classes) {
        if (labelSmoothing == 0) {
            return target;
        }
        return Scalar.add(Scalar.mul(Scalar.constant(1 - labelSmoothing), target),
                Scalar.div(Scalar.constant(labelSmoothing), new Scalar.Size(classes)));
    }

    @Override
    public void emit(KernelWriter w) {
        Shape shape = w.in(0).type().shape();
        int axis = CrossEntropy.axisOf(w.in(0).type());
        Buf weights = w.arity() > 2 ? w.in(2) : null;
        Var total = w.var(Val.c(0));
        Rows.forEach(w, shape, axis, (base, stride, n, row) -> {
            Var max = Softmax.rowMax(w, base, stride, n);
            Var logSum = w.var(Softmax.rowSumExp(w, base, stride, n, max).get().log());
            w.store(w.out(1), row, max.get());
            w.store(w.out(2), row, logSum.get());
            Var loss = w.var(Val.c(0));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                Val nll = max.get().minus(w.load(w.in(0), at)).plus(logSum.get());
                w.set(loss, loss.get().plus(weightedTarget(w, labelSmoothing, w.in(1), weights, at, k, n).times(nll)));
            });
            if (reduction == Reduction.NONE) {
                w.store(w.out(0), row, loss.get());
            } else {
                w.set(total, total.get().plus(loss.get()));
            }
        });
        if (reduction != Reduction.NONE) {
            Val rows = new Val.OfInt(w.numel(shape.without(axis)));
            w.store(w.out(0), Ix.c(0), reduction == Reduction.MEAN ? total.get().div(rows) : total.get());
        }
    }

    /** w_k·t'_k for the element at {@code at}, class k of a row of n classes; {@code weights} may be null. */
    static Val weightedTarget(KernelWriter w, double smoothing, Buf target, Buf weights, Ix at, Ix k, Ix n) {
        Val t = w.load(target, at);
        if (smoothing != 0) {
            t = Val.c(1 - smoothing).times(t).plus(Val.c(smoothing).div(new Val.OfInt(n)));
        }
        return weights == null ? t : w.load(weights, k).times(t);
    }

    @Override
    public String attributes() {
        return "reduction=" + reduction.spelling() + (labelSmoothing == 0 ? "" : ", label_smoothing=" + labelSmoothing);
    }
}
