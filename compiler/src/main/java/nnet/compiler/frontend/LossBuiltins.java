package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.List;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.elementwise.BinaryCrossEntropy;
import nnet.compiler.ops.elementwise.BinaryCrossEntropyWithLogits;
import nnet.compiler.ops.elementwise.ClampedNorm;
import nnet.compiler.ops.elementwise.Div;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.reduce.Sum;

/**
 * Loss builtins whose PyTorch signatures take optional tensors (weight, pos_weight), which functions
 * written in .nnet cannot leave out, and cosine_similarity, whose clamped norms need a gradient rule of
 * their own. The other losses are in the standard library (losses.nnet). Each takes PyTorch's
 * arguments and defaults; an input and a target of different shapes are an error where PyTorch would
 * broadcast them.
 */
final class LossBuiltins {
    private LossBuiltins() {
    }

    static void define(Builtins.Definer d) {
        ClassLossBuiltins.define(d);
        d.def("binary_cross_entropy", Signature.of(required("input", TENSOR), required("target", TENSOR),
                optional("weight", TENSOR, Signature.NONE), Losses.reductionParam()),
                LossBuiltins::binaryCrossEntropy);
        d.def("binary_cross_entropy_with_logits", Signature.of(required("input", TENSOR), required("target", TENSOR),
                optional("weight", TENSOR, Signature.NONE), Losses.reductionParam(),
                optional("pos_weight", TENSOR, Signature.NONE)), LossBuiltins::withLogits);
        d.def("multilabel_soft_margin_loss", Signature.of(required("input", TENSOR), required("target", TENSOR),
                optional("weight", TENSOR, Signature.NONE), Losses.reductionParam()),
                LossBuiltins::multilabelSoftMargin);
        d.def("cosine_similarity", Signature.of(required("x1", TENSOR), required("x2", TENSOR),
                optional("dim", INT, new Value.Int(1)), optional("eps", FLOAT, new Value.Float(1e-8))),
                LossBuiltins::cosineSimilarity);
    }

    private static Value binaryCrossEntropy(CallSite c) {
        if (!Losses.sameShape(c, 0, 1)) {
            return new Value.Error();
        }
        Value.Tensor loss = c.model.op(c.span, new BinaryCrossEntropy(), c.node(0), c.node(1));
        return Losses.reduce(c, Losses.weighted(c, loss, 2), Losses.reduction(c, 3));
    }

    /** With pos_weight, broadcast to the input as PyTorch does, so that a vector runs along the last dim. */
    private static Value withLogits(CallSite c) {
        if (!Losses.sameShape(c, 0, 1)) {
            return new Value.Error();
        }
        Value.Tensor loss;
        if (c.given(4)) {
            Value.Tensor p = Losses.broadcastInto(c, 4, new TensorType(c.dtype(), c.type(0).shape()));
            loss = p == null ? null
                    : c.model.op(c.span, new BinaryCrossEntropyWithLogits(true), c.node(0), c.node(1), p.node());
        } else {
            loss = c.model.op(c.span, new BinaryCrossEntropyWithLogits(false), c.node(0), c.node(1));
        }
        return Losses.reduce(c, Losses.weighted(c, loss, 2), Losses.reduction(c, 3));
    }

    /** The mean over the last dim of binary_cross_entropy_with_logits, as PyTorch writes it with logsigmoid. */
    private static Value multilabelSoftMargin(CallSite c) {
        if (c.type(0).rank() == 0) {
            return c.error(0, "'multilabel_soft_margin_loss' needs input of shape [..., C], got " + c.type(0));
        }
        if (!Losses.sameShape(c, 0, 1)) {
            return new Value.Error();
        }
        Value.Tensor loss = Losses.weighted(c,
                c.model.op(c.span, new BinaryCrossEntropyWithLogits(false), c.node(0), c.node(1)), 2);
        if (loss == null) {
            return new Value.Error();
        }
        int last = c.model.type(loss).rank() - 1;
        Value perRow = c.model.guarded(c.span, () -> Losses.meanOver(c.model, loss.node(), last));
        return perRow instanceof Value.Tensor t ? Losses.reduce(c, t, Losses.reduction(c, 3)) : perRow;
    }

    /**
     * PyTorch 1.13's cosine_similarity: x1 and x2 broadcast to one shape, then Σ (x1/n1)·(x2/n2) along dim
     * with n = max(‖x‖, eps) (see {@link ClampedNorm} for the gradient of the clamp).
     */
    private static Value cosineSimilarity(CallSite c) {
        TensorType a = c.type(0);
        TensorType b = c.type(1);
        if (!a.dtype().isFloat() || a.dtype() != b.dtype()) {
            return c.error("'cosine_similarity' needs floating-point x1 and x2 of one dtype, got " + a + " and " + b);
        }
        Shape common = Shape.broadcast(a.shape(), b.shape());
        if (common == null) {
            return c.error("'cosine_similarity' cannot broadcast x1 " + a + " and x2 " + b);
        }
        int axis = c.axis(2, c.intArg(2), common.rank());
        if (axis < 0) {
            return new Value.Error();
        }
        double eps = c.floatArg(3);
        return c.model.guarded(c.span, () -> {
            GraphBuilder g = c.model.graph;
            Build build = c.model.build;
            int x1 = build.expand(c.node(0), common);
            int x2 = build.expand(c.node(1), common);
            int u1 = g.add(new Div(), x1, clampedNorm(g, x1, axis, eps));
            int u2 = g.add(new Div(), x2, clampedNorm(g, x2, axis, eps));
            return g.add(new Sum(List.of(axis), false), g.add(new Mul(), u1, u2));
        });
    }

    private static int clampedNorm(GraphBuilder g, int x, int axis, double eps) {
        int squares = g.add(new Sum(List.of(axis), true), g.add(new Mul(), x, x));
        return g.add(new ClampedNorm(eps), squares);
    }
}
