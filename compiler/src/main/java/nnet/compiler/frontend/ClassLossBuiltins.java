package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import nnet.compiler.ir.Op;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Reduction;
import nnet.compiler.ops.rowwise.CrossEntropy;
import nnet.compiler.ops.rowwise.NllLoss;
import nnet.compiler.ops.rowwise.ProbabilityCrossEntropy;

/**
 * The losses over classes, with torch.nn.functional's arguments and defaults: cross_entropy (class
 * indices or class probabilities) and nll_loss, each with optional class weights.
 */
final class ClassLossBuiltins {
    private static final Value DEFAULT_IGNORE = new Value.Int(CrossEntropy.DEFAULT_IGNORE_INDEX);

    private ClassLossBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("cross_entropy", Signature.of(required("input", TENSOR), required("target", TENSOR),
                optional("weight", TENSOR, Signature.NONE), optional("ignore_index", INT, DEFAULT_IGNORE),
                Losses.reductionParam(), optional("label_smoothing", FLOAT, new Value.Float(0))),
                ClassLossBuiltins::crossEntropy);
        d.def("nll_loss", Signature.of(required("input", TENSOR), required("target", TENSOR),
                optional("weight", TENSOR, Signature.NONE), optional("ignore_index", INT, DEFAULT_IGNORE),
                Losses.reductionParam()), ClassLossBuiltins::nllLoss);
    }

    /** A float target of the logits' shape holds class probabilities; any other target, class indices. */
    private static Value crossEntropy(CallSite c) {
        double smoothing = c.floatArg(5);
        if (!(smoothing >= 0 && smoothing <= 1)) {
            return c.error(5, "label_smoothing must be in [0, 1], got " + smoothing);
        }
        Reduction reduction = Losses.reduction(c, 4);
        Integer ignore = ignoreIndex(c);
        if (ignore == null) {
            return new Value.Error();
        }
        TensorType logits = c.type(0);
        TensorType target = c.type(1);
        if (!target.dtype().isFloat() || !logits.dtype().isFloat() || logits.rank() == 0) {
            return classLoss(c, new CrossEntropy(ignore, smoothing, reduction));
        }
        if (!target.shape().equals(logits.shape())) {
            Shape rows = logits.shape().without(logits.rank() == 1 ? 0 : 1);
            return c.error(1, "'cross_entropy' needs a target of class indices i32" + rows + " or of class"
                    + " probabilities " + logits + " (the logits' shape), got " + target);
        }
        if (ignore >= 0) {
            return c.error(3, "ignore_index is not supported with class probabilities as the target; it must be"
                    + " negative (the default is -100), got " + c.intArg(3));
        }
        return classLoss(c, new ProbabilityCrossEntropy(smoothing, reduction));
    }

    private static Value nllLoss(CallSite c) {
        Integer ignore = ignoreIndex(c);
        return ignore == null ? new Value.Error() : classLoss(c, new NllLoss(ignore, Losses.reduction(c, 4)));
    }

    /** Argument 3, ignore_index, which class indices (i32) can hold; null after reporting. */
    private static Integer ignoreIndex(CallSite c) {
        long v = c.intArg(3);
        if (v != (int) v) {
            c.error(3, "ignore_index must be an i32 value like the class indices, got " + v);
            return null;
        }
        return (int) v;
    }

    /** The loss of (input, target) or, with class weights, of (input, target, weight). */
    private static Value classLoss(CallSite c, Op op) {
        int[] operands = c.given(2) ? new int[] {c.node(0), c.node(1), c.node(2)} : new int[] {c.node(0), c.node(1)};
        return Builtins.orError(c.model.result(c.span, op, 0, operands));
    }
}
