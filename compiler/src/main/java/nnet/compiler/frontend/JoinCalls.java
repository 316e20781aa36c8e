package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.shape.Cat;
import nnet.compiler.ops.shape.Reshape;
import nnet.compiler.ops.shape.Split;
import nnet.runtime.DType;

/**
 * Joining and cutting tensors, under PyTorch's names: {@code cat} and {@code stack} take a list or tuple
 * of tensors (converted to their common dtype, as torch.result_type finds it); {@code split} and
 * {@code chunk} return tuples, one node with a result per piece.
 */
final class JoinCalls {
    private JoinCalls() {
    }

    static void define(Builtins.Definer d) {
        d.def("cat", Signature.of(required("tensors", ANY), optional("dim", INT, new Value.Int(0))), JoinCalls::cat);
        d.def("stack", Signature.of(required("tensors", ANY), optional("dim", INT, new Value.Int(0))),
                JoinCalls::stack);
        d.def("split", Signature.of(required("tensor", TENSOR), required("split_size_or_sections", ANY),
                optional("dim", INT, new Value.Int(0))), JoinCalls::split);
        d.def("chunk", Signature.of(required("input", TENSOR), required("chunks", INT),
                optional("dim", INT, new Value.Int(0))), JoinCalls::chunk);
    }

    /** The tensors of a list or tuple argument, or null after reporting what is not one. */
    private static List<Value.Tensor> tensors(CallSite c, int i) {
        List<Value> items = Value.items(c.arg(i));
        if (items == null || items.isEmpty()) {
            c.error(i, "'" + c.callee + "' needs a non-empty list or tuple of tensors, got " + c.arg(i).describe());
            return null;
        }
        List<Value.Tensor> out = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            if (!(items.get(k) instanceof Value.Tensor t)) {
                c.error(i, "'" + c.callee + "' joins tensors, but item " + k + " is " + items.get(k).describe());
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** The tensors' nodes converted to their common dtype as torch.result_type finds it: the widest float, else i32. */
    private static int[] promoted(CallSite c, List<Value.Tensor> ts) {
        DType target = DType.I32;
        for (Value.Tensor t : ts) {
            DType dt = c.model.type(t).dtype();
            if (dt == DType.F64 || dt == DType.F32 && target == DType.I32) {
                target = dt;
            }
        }
        int[] nodes = new int[ts.size()];
        for (int k = 0; k < nodes.length; k++) {
            int n = ts.get(k).node();
            nodes[k] = c.model.graph.type(n).dtype() == target ? n : c.model.graph.add(new Cast(target), n);
        }
        return nodes;
    }

    /** The nodes one after the other along the axis; a single one as it is. */
    private static Value joined(CallSite c, int axis, int[] nodes) {
        if (nodes.length == 1) {
            return c.model.tensor(nodes[0]);
        }
        return Builtins.orError(c.model.op(c.span, new Cat(axis), nodes));
    }

    private static Value cat(CallSite c) {
        List<Value.Tensor> ts = tensors(c, 0);
        if (ts == null) {
            return new Value.Error();
        }
        int rank = c.model.type(ts.get(0)).rank();
        if (rank == 0) {
            return c.error(0, "'cat' cannot join tensors of rank 0; stack them instead");
        }
        int axis = c.axis(1, c.intArg(1), rank);
        if (axis < 0) {
            return new Value.Error();
        }
        int[] nodes = promoted(c, ts);
        return joined(c, axis, nodes);
    }

    private static Value stack(CallSite c) {
        List<Value.Tensor> ts = tensors(c, 0);
        if (ts == null) {
            return new Value.Error();
        }
        Shape s = c.model.type(ts.get(0)).shape();
        for (int k = 1; k < ts.size(); k++) {
            Shape other = c.model.type(ts.get(k)).shape();
            if (!other.equals(s)) {
                return c.error(0, "'stack' needs tensors of one shape, got " + s + " (tensor 0) and " + other
                        + " (tensor " + k + ")");
            }
        }
        long written = c.intArg(1);
        int axis = (int) (written < 0 ? written + s.rank() + 1 : written);
        if (axis < 0 || axis > s.rank()) {
            return c.error(1, "dim " + written + " is out of range for stacking tensors of rank " + s.rank()
                    + " (valid: " + -(s.rank() + 1) + " to " + s.rank() + ")");
        }
        List<Dim> dims = new ArrayList<>(s.dims());
        dims.add(axis, Dim.of(1));
        int[] nodes = promoted(c, ts);
        for (int k = 0; k < nodes.length; k++) {
            nodes[k] = c.model.graph.add(new Reshape(new Shape(dims)), nodes[k]);
        }
        return joined(c, axis, nodes);
    }

    private static Value split(CallSite c) {
        Shape s = c.type(0).shape();
        int axis = c.axis(2, c.intArg(2), s.rank());
        Dim n = axis < 0 ? null : staticDim(c, s, axis, 2);
        if (n == null) {
            return new Value.Error();
        }
        Value arg = c.arg(1);
        if (arg instanceof Value.Int size) {
            if (size.value() <= 0) {
                return c.error(1, "split_size must be positive, got " + size.value());
            }
            return pieces(c, axis, even(n.value(), size.value()));
        }
        List<Value> items = Value.items(arg);
        if (items == null || !items.stream().allMatch(Value.Int.class::isInstance)) {
            return c.error(1, "split_size_or_sections must be an int or a list of ints, got " + arg.describe());
        }
        List<Long> sections = items.stream().map(v -> ((Value.Int) v).value()).toList();
        long total = sections.stream().mapToLong(Long::longValue).sum();
        if (total != n.value() || sections.stream().anyMatch(v -> v <= 0)) {
            return c.error(1, "the sections " + sections + " must be positive and add up to " + n + ", the size of dim "
                    + axis);
        }
        return pieces(c, axis, sections);
    }

    private static Value chunk(CallSite c) {
        Shape s = c.type(0).shape();
        int axis = c.axis(2, c.intArg(2), s.rank());
        Dim n = axis < 0 ? null : staticDim(c, s, axis, 2);
        if (n == null) {
            return new Value.Error();
        }
        long chunks = c.intArg(1);
        if (chunks <= 0) {
            return c.error(1, "chunks must be positive, got " + chunks);
        }
        // As torch.chunk: pieces of ceil(n / chunks), the last one smaller, so there may be fewer than asked.
        return pieces(c, axis, even(n.value(), (n.value() + chunks - 1) / chunks));
    }

    /** Dim {@code axis} of s when its size is known; null after reporting one bound at run time. */
    static Dim staticDim(CallSite c, Shape s, int axis, int argIndex) {
        Dim n = s.dim(axis);
        if (!n.isStatic()) {
            c.error(argIndex, "'" + c.callee + "' needs the size of dim " + axis + " when the model is built, but it"
                    + " is " + n + ", bound at run time");
            return null;
        }
        return n;
    }

    /** Pieces of {@code size} covering n, the last one smaller when size does not divide n. */
    private static List<Long> even(long n, long size) {
        List<Long> out = new ArrayList<>();
        for (long at = 0; at < n; at += size) {
            out.add(Math.min(size, n - at));
        }
        return out;
    }

    private static Value pieces(CallSite c, int axis, List<Long> sizes) {
        if (sizes.size() == 1) {
            return new Value.Tuple(List.of(c.arg(0)));
        }
        try {
            int node = c.model.graph.add(new Split(axis, sizes), c.node(0));
            List<Value> out = new ArrayList<>();
            for (int k = 0; k < sizes.size(); k++) {
                out.add(c.model.tensor(c.model.graph.project(node, k)));
            }
            return new Value.Tuple(out);
        } catch (ShapeException e) {
            return c.error(e.getMessage());
        }
    }
}
