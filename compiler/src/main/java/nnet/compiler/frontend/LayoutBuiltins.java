package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.SHAPE;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Remap;

/**
 * Rearranging tensors, under PyTorch's names: {@code flip}, {@code roll}, {@code repeat} (as
 * {@code Tensor.repeat}) and {@code expand} (as {@code Tensor.expand}, -1 keeping a dim); joining and
 * cutting ({@link JoinCalls}) and {@code pad} ({@link PadCall}) are defined beside them. Dims that roll
 * must have sizes known when the model is built.
 */
final class LayoutBuiltins {
    private LayoutBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("flip", Signature.of(required("input", TENSOR), required("dims", INTS)), LayoutBuiltins::flip);
        d.def("roll", Signature.of(required("input", TENSOR), required("shifts", INTS),
                optional("dims", INTS, Signature.NONE)), LayoutBuiltins::roll);
        d.def("repeat", Signature.of(required("input", TENSOR), required("sizes", INTS)), LayoutBuiltins::repeat);
        d.def("expand", Signature.of(required("input", TENSOR), required("sizes", SHAPE)), LayoutBuiltins::expand);
        JoinCalls.define(d);
        PadCall.define(d);
    }

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
            Dim n = JoinCalls.staticDim(c, s, axes.get(k), 2);
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
