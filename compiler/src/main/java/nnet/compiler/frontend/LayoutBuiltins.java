package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.SHAPE;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Cat;
import nnet.compiler.ops.shape.Remap;
import nnet.compiler.ops.shape.Reshape;
import nnet.compiler.ops.shape.Split;
import nnet.runtime.DType;

/**
 * Joining, cutting and rearranging tensors, under PyTorch's names: {@code cat}, {@code stack},
 * {@code split}, {@code chunk} (which return tuples), {@code flip}, {@code roll}, {@code repeat} (as
 * {@code Tensor.repeat}) and {@code expand} (as {@code Tensor.expand}, -1 keeping a dim). Sizes they cut
 * or fold must be known when the model is built.
 */
final class LayoutBuiltins {
    private LayoutBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("cat", Signature.of(required("tensors", ANY), optional("dim", INT, new Value.Int(0))),
                LayoutBuiltins::cat);
        d.def("stack", Signature.of(required("tensors", ANY), optional("dim", INT, new Value.Int(0))),
                LayoutBuiltins::stack);
        d.def("split", Signature.of(required("tensor", TENSOR), required("split_size_or_sections", ANY),
                optional("dim", INT, new Value.Int(0))), LayoutBuiltins::split);
        d.def("chunk", Signature.of(required("input", TENSOR), required("chunks", INT),
                optional("dim", INT, new Value.Int(0))), LayoutBuiltins::chunk);
        d.def("flip", Signature.of(required("input", TENSOR), required("dims", INTS)), LayoutBuiltins::flip);
        d.def("roll", Signature.of(required("input", TENSOR), required("shifts", INTS),
                optional("dims", INTS, Signature.NONE)), LayoutBuiltins::roll);
        d.def("repeat", Signature.of(required("input", TENSOR), required("sizes", INTS)), LayoutBuiltins::repeat);
        d.def("expand", Signature.of(required("input", TENSOR), required("sizes", SHAPE)), LayoutBuiltins::expand);
        PadCall.define(d);
    }

    // ---- cat and stack

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

    // ---- split and chunk

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

    private static Dim staticDim(CallSite c, Shape s, int axis, int argIndex) {
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

    // ---- flip, roll, repeat, expand

    /** Distinct dims of argument i, normalised; null after an error. */
    private static List<Integer> dims(CallSite c, int i, int rank) {
        List<Integer> out = new ArrayList<>();
        for (long d : c.intsArg(i)) {
            int axis = c.axis(i, d, rank);
            if (axis < 0) {
                return null;
            }
            out.add(axis);
        }
        return out;
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    private static Value flip(CallSite c) {
        Shape s = c.type(0).shape();
        List<Integer> axes = dims(c, 1, s.rank());
        if (axes == null) {
            return new Value.Error();
        }
        if (axes.stream().distinct().count() < axes.size()) {
            return c.error(1, "a dim appears more than once in the dims " + c.intsArg(1));
        }
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            Dim n = s.dim(d);
            boolean reversed = axes.contains(d) && !n.equals(Dim.of(1));
            maps.add(reversed ? new AxisMap.Affine(n, 1, -1, n) : AxisMap.all(n));
        }
        return remap(c, "flip", maps);
    }

    private static Value remap(CallSite c, String label, List<AxisMap> maps) {
        Shape s = c.type(0).shape();
        for (int d = 0; d < s.rank(); d++) {
            if (!maps.get(d).isIdentity(s.dim(d))) {
                return Builtins.orError(c.model.op(c.span, new Remap(label, maps), c.node(0)));
            }
        }
        return c.arg(0);
    }

    /** roll as torch.roll: each dim shifted by its shift, wrapping; without dims, over the flattened tensor. */
    private static Value roll(CallSite c) {
        Shape s = c.type(0).shape();
        List<Long> shifts = c.intsArg(1);
        if (!c.given(2)) {
            if (shifts.size() != 1) {
                return c.error(1, "without dims, roll takes one shift, got " + shifts);
            }
            Dim numel = s.numel();
            if (!numel.isStatic()) {
                return c.error("'roll' without dims flattens the tensor, whose size " + numel
                        + " is bound at run time");
            }
            Value.Tensor flat = c.model.tensor(c.model.build.reshape(c.node(0), Shape.of(numel.value())));
            long k = Math.floorMod(shifts.get(0), numel.value());
            Value rolled = k == 0 ? flat : Builtins.orError(c.model.op(c.span,
                    new Remap("roll", List.of(new AxisMap.Border(AxisMap.Fold.WRAP, k, numel))), flat.node()));
            return rolled instanceof Value.Tensor t ? c.model.tensor(c.model.build.reshape(t.node(), s)) : rolled;
        }
        List<Integer> axes = dims(c, 2, s.rank());
        if (axes == null) {
            return new Value.Error();
        }
        if (axes.size() != shifts.size()) {
            return c.error(2, "shifts and dims must align: " + count(shifts.size(), "shift") + " and "
                    + count(axes.size(), "dim"));
        }
        long[] total = new long[s.rank()];
        for (int k = 0; k < axes.size(); k++) {
            Dim n = staticDim(c, s, axes.get(k), 2);
            if (n == null) {
                return new Value.Error();
            }
            total[axes.get(k)] = Math.floorMod(total[axes.get(k)] + shifts.get(k), n.value());
        }
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            maps.add(total[d] == 0 ? AxisMap.all(s.dim(d)) : new AxisMap.Border(AxisMap.Fold.WRAP, total[d], s.dim(d)));
        }
        return remap(c, "roll", maps);
    }

    /**
     * Tensor.repeat: the tensor tiled sizes[d] times along each dim (new leading dims for extra sizes).
     * It is a broadcast: [a, b] repeated [r, s] is [1, a, 1, b] expanded to [r, a, s, b], then reshaped.
     */
    private static Value repeat(CallSite c) {
        Shape s = c.type(0).shape();
        List<Long> sizes = c.intsArg(1);
        if (sizes.size() < s.rank()) {
            return c.error(1, "'repeat' needs a size for each of the " + s.rank() + " dims of " + c.type(0) + ", got "
                    + sizes.size());
        }
        if (sizes.stream().anyMatch(r -> r <= 0)) {
            return c.error(1, "repeat sizes must be positive, got " + sizes);
        }
        if (sizes.stream().anyMatch(r -> r > Integer.MAX_VALUE)) {
            return c.error(1, "repeat sizes " + sizes + " are larger than any tensor can hold");
        }
        int lead = sizes.size() - s.rank();
        List<Dim> split = new ArrayList<>();
        List<Dim> tiled = new ArrayList<>();
        List<Dim> result = new ArrayList<>();
        for (int d = 0; d < sizes.size(); d++) {
            Dim n = d < lead ? Dim.of(1) : s.dim(d - lead);
            Dim r = Dim.of(sizes.get(d));
            if (sizes.get(d) != 1) {
                split.add(Dim.of(1));
                tiled.add(r);
            }
            split.add(n);
            tiled.add(n);
            result.add(r.times(n));
        }
        return c.model.guarded(c.span, () -> {
            int viewed = c.model.build.reshape(c.node(0), new Shape(split));
            int expanded = c.model.build.expand(viewed, new Shape(tiled));
            return c.model.build.reshape(expanded, new Shape(result));
        });
    }

    /** Tensor.expand: -1 keeps a dim; new dims go in front and need sizes. */
    private static Value expand(CallSite c) {
        Shape s = c.type(0).shape();
        List<Value> items = ((Value.ListValue) c.arg(1)).items();
        if (items.size() < s.rank()) {
            return c.error(1, "'expand' needs at least " + s.rank() + " sizes for " + c.type(0) + ", got "
                    + items.size());
        }
        int lead = items.size() - s.rank();
        List<Dim> dims = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            Value v = items.get(k);
            if (v instanceof Value.Int i && i.value() == -1 && k >= lead) {
                dims.add(s.dim(k - lead));
            } else if (v instanceof Value.Int i && i.value() > 0) {
                dims.add(Dim.of(i.value()));
            } else if (v instanceof Value.DimValue dv) {
                dims.add(dv.dim());
            } else {
                String allowed = k >= lead ? " or -1" : " (a new leading dim cannot be -1)";
                return c.error(1, "size " + k + " of 'expand' must be positive" + allowed + ", got " + v.describe());
            }
        }
        Shape target = new Shape(dims);
        return target.equals(s) ? c.arg(0) : Builtins.orError(c.model.op(c.span, new Expand(target), c.node(0)));
    }
}
