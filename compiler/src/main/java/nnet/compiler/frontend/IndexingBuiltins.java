package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.index.Embedding;
import nnet.compiler.ops.index.Gather;
import nnet.compiler.ops.index.IndexSelect;
import nnet.compiler.ops.index.ScatterAdd;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Remap;
import nnet.runtime.DType;

/**
 * Selecting by indices, under PyTorch's names: {@code embedding}, {@code index_select}, {@code gather},
 * {@code take_along_dim}, {@code scatter_add}, and {@code narrow}. Index tensors are i32; indices held
 * by tensors are checked when the model runs, those written in the source when it is built.
 */
final class IndexingBuiltins {
    private IndexingBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("embedding", Signature.of(required("input", TENSOR), required("weight", TENSOR),
                optional("padding_idx", INT, Signature.NONE)), IndexingBuiltins::embedding);
        d.def("index_select", Signature.of(required("input", TENSOR), required("dim", INT), required("index", TENSOR)),
                c -> alongDim(c, 2, IndexSelect::new));
        d.def("gather", Signature.of(required("input", TENSOR), required("dim", INT), required("index", TENSOR)),
                c -> alongDim(c, 2, Gather::new));
        d.def("take_along_dim", Signature.of(required("input", TENSOR), required("indices", TENSOR),
                optional("dim", INT, Signature.NONE)), IndexingBuiltins::takeAlongDim);
        d.def("scatter_add", Signature.of(required("input", TENSOR), required("dim", INT), required("index", TENSOR),
                required("src", TENSOR)), IndexingBuiltins::scatterAdd);
        d.def("narrow", Signature.of(required("input", TENSOR), required("dim", INT), required("start", INT),
                required("length", INT)), IndexingBuiltins::narrow);
    }

    private static Value embedding(CallSite c) {
        Value bad = indices(c, 0);
        if (bad != null) {
            return bad;
        }
        TensorType w = c.type(1);
        if (w.rank() != 2 || !w.dtype().isFloat()) {
            return c.error(1, "'embedding' needs a floating-point weight of shape [num_embeddings, embedding_dim], got "
                    + w);
        }
        int padding = -1;
        if (c.given(2)) {
            Dim num = w.shape().dim(0);
            long p = c.intArg(2);
            if (!num.isStatic()) {
                return c.error(2, "padding_idx needs a weight whose rows are counted when the model is built, got " + w);
            }
            if (p < -num.value() || p >= num.value()) {
                return c.error(2, "padding_idx must be within num_embeddings (" + num + " rows: " + -num.value() + " to "
                        + (num.value() - 1) + "), got " + p);
            }
            padding = (int) (p < 0 ? p + num.value() : p);
        }
        return Builtins.orError(c.model.op(c.span, new Embedding(padding), c.node(0), c.node(1)));
    }

    /** An error reported at argument i unless it is a tensor of i32 indices; null when it is. */
    private static Value indices(CallSite c, int i) {
        if (c.arg(i) instanceof Value.Tensor && c.type(i).dtype() == DType.I32) {
            return null;
        }
        String got = c.arg(i) instanceof Value.Tensor ? c.type(i).toString() : c.arg(i).describe();
        return c.error(i, "'" + c.callee + "' needs indices in an i32 tensor, got " + got);
    }

    private static Value alongDim(CallSite c, int indexArg, IntFunction<Op> op) {
        Value bad = indices(c, indexArg);
        if (bad != null) {
            return bad;
        }
        int axis = c.axis(1, c.intArg(1), c.type(0).rank());
        if (axis < 0) {
            return new Value.Error();
        }
        return Builtins.orError(c.model.op(c.span, op.apply(axis), c.node(0), c.node(indexArg)));
    }

    /**
     * take_along_dim as torch defines it: both flattened when dim is left out; otherwise the input and
     * the indices broadcast against each other in every dim but dim, then a gather.
     */
    private static Value takeAlongDim(CallSite c) {
        Value bad = indices(c, 1);
        if (bad != null) {
            return bad;
        }
        TensorType x = c.type(0);
        TensorType index = c.type(1);
        if (!c.given(2)) {
            return c.model.guarded(c.span, () -> c.model.graph.add(new Gather(0),
                    c.model.build.reshape(c.node(0), Shape.of(x.shape().numel())),
                    c.model.build.reshape(c.node(1), Shape.of(index.shape().numel()))));
        }
        if (x.rank() != index.rank()) {
            return c.error(1, "'take_along_dim' needs indices of the input's rank " + x.rank() + ", got " + index);
        }
        int axis = c.axis(2, c.intArg(2), x.rank());
        if (axis < 0) {
            return new Value.Error();
        }
        Shape both = Shape.broadcast(x.shape().with(axis, index.shape().dim(axis)), index.shape());
        if (both == null) {
            return c.error("'take_along_dim': the input " + x + " and the indices " + index
                    + " do not broadcast in the dims other than " + axis);
        }
        return c.model.guarded(c.span, () -> c.model.graph.add(new Gather(axis),
                c.model.build.expand(c.node(0), both.with(axis, x.shape().dim(axis))),
                c.model.build.expand(c.node(1), both)));
    }

    private static Value scatterAdd(CallSite c) {
        Value bad = indices(c, 2);
        if (bad != null) {
            return bad;
        }
        int axis = c.axis(1, c.intArg(1), c.type(0).rank());
        if (axis < 0) {
            return new Value.Error();
        }
        return Builtins.orError(c.model.op(c.span, new ScatterAdd(axis), c.node(0), c.node(2), c.node(3)));
    }

    /** narrow(x, dim, start, length): x along dim from start (negative counts from the end) for length. */
    private static Value narrow(CallSite c) {
        Shape s = c.type(0).shape();
        int axis = c.axis(1, c.intArg(1), s.rank());
        if (axis < 0) {
            return new Value.Error();
        }
        Dim n = s.dim(axis);
        long start = c.intArg(2);
        long length = c.intArg(3);
        if (!n.isStatic()) {
            return c.error(1, "cannot narrow dim " + axis + " of size " + n + ", bound at run time");
        }
        if (start < -n.value() || start > n.value()) {
            return c.error(2, "start " + start + " is out of range for dim " + axis + " of size " + n + " (valid: "
                    + -n.value() + " to " + n.value() + ")");
        }
        long first = start < 0 ? start + n.value() : start;
        if (length <= 0 || first + length > n.value()) {
            return c.error(3, "length " + length + " from start " + start + " does not fit in dim " + axis + " of size "
                    + n + (length == 0 ? " (tensors with no elements are not supported)" : ""));
        }
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            maps.add(d == axis ? AxisMap.Affine.of(first, 1, length) : AxisMap.all(s.dim(d)));
        }
        return maps.get(axis).isIdentity(n) ? c.arg(0) : Builtins.orError(c.model.op(c.span, new Remap("narrow", maps),
                c.node(0)));
    }
}
