package nnet.compiler.ops.rowwise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.reduce.Sum;

/**
 * Gradient terms the class losses share, stated as elementwise bodies over the logits' shape: the
 * negative log-probability of every class rebuilt from the forward pass's row statistics, the factor a
 * reduction gives each row, and sums over the rows onto the classes. The gradients of class weights
 * and of class probabilities are built from these; they need no kernel of their own.
 */
final class ClassLossGradients {
    private ClassLossGradients() {
    }

    /** The operands of one elementwise body, gathered as the body reads them. */
    static final class Body {
        private final Build build;
        private final List<Integer> operands = new ArrayList<>();

        Body(Gradient g) {
            this.build = Build.of(g.graph());
        }

        Build build() {
            return build;
        }

        Scalar read(int node) {
            operands.add(node);
            return Scalar.arg(operands.size() - 1);
        }

        int emit(String label, Scalar body) {
            return build.elementwise(label, body, operands);
        }
    }

    /** The logits' shape with the class dim 1: what a per-row value is reshaped to, to broadcast over classes. */
    static Shape kept(Shape logits, int axis) {
        return logits.with(axis, Dim.of(1));
    }

    /** A per-row tensor read along the rows of the logits. */
    static Scalar perRow(Body body, int node, Shape logits, int axis) {
        return body.read(body.build().reshape(node, kept(logits, axis)));
    }

    /** A per-class vector [C] read along the class axis of the logits ([1, C, 1...]). */
    static Scalar perClass(Body body, int vector, Shape logits, int axis) {
        List<Dim> dims = new ArrayList<>(Collections.nCopies(logits.rank(), Dim.of(1)));
        dims.set(axis, logits.dim(axis));
        return body.read(body.build().reshape(vector, new Shape(dims)));
    }

    /** −log softmax(x) per class, (max − x) + log Σ exp(x − max), from results 1 and 2 of the forward node. */
    static Scalar negLogProb(Body body, Gradient g, int axis) {
        Shape logits = g.inputType(0).shape();
        Scalar x = body.read(g.input(0));
        Scalar max = perRow(body, g.result(1), logits, axis);
        Scalar logSum = perRow(body, g.result(2), logits, axis);
        return Scalar.add(Scalar.sub(max, x), logSum);
    }

    /** d loss / d row loss: dy of the row without reduction, dy for the sum, dy / divisor for the mean. */
    static Scalar rowScale(Body body, Gradient g, Reduction reduction, int axis, Scalar divisor) {
        return switch (reduction) {
            case NONE -> perRow(body, g.outputGrad(0), g.inputType(0).shape(), axis);
            case SUM -> body.read(g.outputGrad(0));
            case MEAN -> Scalar.div(body.read(g.outputGrad(0)), divisor);
        };
    }

    /** Sums a tensor of the logits' shape over every axis but the class axis, giving [C]. */
    static int sumOverRows(Build b, int x, int axis) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < b.type(x).rank(); i++) {
            if (i != axis) {
                rows.add(i);
            }
        }
        return rows.isEmpty() ? x : b.graph().add(new Sum(rows, false), x);
    }

    /**
     * d loss / d weight of a loss over class indices whose counted row (target t ≠ ignore_index) costs
     * (1−ε)·w_t·a_t + (ε/C)·Σ_c w_c·a_c, a_c the negative log-likelihood of class c. The mean divides the
     * total L by W = Σ w_t over the counted rows, so each such row also takes L/W from its target's
     * weight: dw_c = Σ_rows [counted]·s·(a_c·((1−ε)·[t = c] + ε/C) − [mean]·L·[t = c]).
     *
     * @param nll a_c, read through {@code body}
     * @param loss the loss (result 0) and {@code total} W, both scalars when reduced
     */
    static int indexWeights(Body body, Gradient g, Scalar nll, int axis, int ignoreIndex, double smoothing,
                            Reduction reduction, int loss, int total) {
        Shape logits = g.inputType(0).shape();
        Scalar target = perRow(body, g.input(1), logits, axis);
        Scalar scale = rowScale(body, g, reduction, axis, body.read(total));
        Scalar hit = Scalar.select(CompareFn.EQ, target, new Scalar.Index(axis), Scalar.constant(1),
                Scalar.constant(0));
        Scalar share = smoothing == 0 ? hit : Scalar.add(Scalar.mul(Scalar.constant(1 - smoothing), hit),
                Scalar.div(Scalar.constant(smoothing), new Scalar.Size(logits.dim(axis))));
        Scalar term = Scalar.mul(nll, share);
        if (reduction == Reduction.MEAN) {
            term = Scalar.sub(term, Scalar.mul(body.read(loss), hit));
        }
        Scalar counted = Scalar.select(CompareFn.NE, target, Scalar.constant(ignoreIndex), Scalar.mul(scale, term),
                Scalar.constant(0));
        return sumOverRows(body.build(), body.emit("class_weight_grad", counted), axis);
    }
}
