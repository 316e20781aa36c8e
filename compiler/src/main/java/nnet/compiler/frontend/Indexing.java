package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nnet.compiler.ast.Expr;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Remap;
import nnet.compiler.ops.shape.Reshape;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/**
 * Indexing with Python's syntax. Lists and tuples known at compile time take one index (negative counts
 * from the end) or a slice. Tensors take PyTorch's basic indexing: an int picks one position and drops
 * the dim, {@code start:stop:step} keeps a strided run (bounds clamped as Python clamps them, steps
 * positive as PyTorch requires), {@code ...} stands for the dims no other entry takes and {@code None}
 * inserts a dim of size 1. The positions taken are one strided copy ({@link Remap}); dropped and inserted
 * dims are a reshape, which costs nothing.
 */
final class Indexing {
    /** An entry between the brackets, its expressions evaluated; bounds left out are null. */
    sealed interface Entry {
        Span span();
    }

    record At(Value index, Span span) implements Entry {
    }

    record Range(Value start, Value stop, Value step, Span span) implements Entry {
    }

    record Ellipsis(Span span) implements Entry {
    }

    record NewAxis(Span span) implements Entry {
    }

    private final ModelBuilder model;
    private final Diagnostics d;

    Indexing(ModelBuilder model) {
        this.model = model;
        this.d = model.diagnostics;
    }

    /** Evaluates an entry's expressions; null when one of them failed (already reported). */
    static Entry entry(Expr.Subscript s, Function<Expr, Value> eval) {
        if (s instanceof Expr.Subscript.Ellipsis e) {
            return new Ellipsis(e.span());
        }
        if (s instanceof Expr.Subscript.At at) {
            if (at.index() instanceof Expr.Name n && n.text().equals("None")) {
                return new NewAxis(at.span());
            }
            Value v = eval.apply(at.index());
            return v instanceof Value.Error ? null : new At(v, at.span());
        }
        Expr.Subscript.Slice sl = (Expr.Subscript.Slice) s;
        Value[] parts = new Value[3];
        Expr[] exprs = {sl.start(), sl.stop(), sl.step()};
        for (int k = 0; k < 3; k++) {
            parts[k] = exprs[k] == null ? null : eval.apply(exprs[k]);
            if (parts[k] instanceof Value.Error) {
                return null;
            }
        }
        return new Range(parts[0], parts[1], parts[2], sl.span());
    }

    Value apply(Value base, List<Entry> entries, Expr.Index e) {
        List<Value> items = Value.items(base);
        if (items != null) {
            return item(base, items, entries, e);
        }
        if (base instanceof Value.Tensor t) {
            return tensor(t, entries, e.span());
        }
        return error(e.base().span(), "only lists, tuples and tensors can be indexed, got " + base.describe());
    }

    // ---- lists and tuples

    private Value item(Value base, List<Value> items, List<Entry> entries, Expr.Index e) {
        Entry entry = entries.get(0);
        if (entries.size() > 1 || entry instanceof Ellipsis || entry instanceof NewAxis) {
            return error(entry.span(), base.describe() + " takes one index or one slice between its brackets");
        }
        if (entry instanceof Range r) {
            return listSlice(base, items, r);
        }
        Value index = ((At) entry).index();
        if (!(index instanceof Value.Int i)) {
            return error(entry.span(), "an index must be an int, got " + index.describe());
        }
        long k = i.value() < 0 ? i.value() + items.size() : i.value();
        if (k < 0 || k >= items.size()) {
            return error(entry.span(), "index " + i.value() + " is out of range for " + base.describe()
                    + (items.isEmpty() ? "" : " (valid: " + -items.size() + " to " + (items.size() - 1) + ")"));
        }
        return items.get((int) k);
    }

    private Value listSlice(Value base, List<Value> items, Range r) {
        Long[] bounds = bounds(r);
        if (bounds == null) {
            return new Value.Error();
        }
        long step = bounds[2] == null ? 1 : bounds[2];
        if (step == 0) {
            return error(r.span(), "slice step cannot be zero");
        }
        long[] run = Slices.run(bounds[0], bounds[1], step, items.size());
        List<Value> out = new ArrayList<>();
        for (long k = 0; k < run[1]; k++) {
            out.add(items.get((int) (run[0] + k * step)));
        }
        return base instanceof Value.Tuple ? new Value.Tuple(out) : new Value.ListValue(out);
    }

    /** The ints of a slice (null where left out), or null after reporting a bound that is not an int. */
    private Long[] bounds(Range r) {
        Value[] parts = {r.start(), r.stop(), r.step()};
        String[] names = {"start", "stop", "step"};
        Long[] out = new Long[3];
        for (int k = 0; k < 3; k++) {
            if (parts[k] == null) {
                continue;
            }
            if (!(parts[k] instanceof Value.Int i)) {
                error(r.span(), "the " + names[k] + " of a slice must be an int known at compile time, got "
                        + parts[k].describe());
                return null;
            }
            out[k] = i.value();
        }
        return out;
    }

    // ---- tensors

    private Value tensor(Value.Tensor t, List<Entry> entries, Span span) {
        Shape s = model.type(t).shape();
        int taken = 0;
        int ellipses = 0;
        for (Entry entry : entries) {
            taken += entry instanceof At || entry instanceof Range ? 1 : 0;
            ellipses += entry instanceof Ellipsis ? 1 : 0;
            if (ellipses > 1 && entry instanceof Ellipsis) {
                return error(entry.span(), "an index can only have a single ellipsis ('...')");
            }
        }
        if (taken > s.rank()) {
            return error(span, "too many indices for a tensor of rank " + s.rank() + ": " + t.type() + " takes at most "
                    + s.rank() + ", got " + taken);
        }
        List<AxisMap> maps = new ArrayList<>();
        List<Dim> dims = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof NewAxis) {
                dims.add(Dim.of(1));
            } else if (entry instanceof Ellipsis) {
                for (int k = 0; k < s.rank() - taken; k++) {
                    whole(s.dim(maps.size()), maps, dims);
                }
            } else if (!take(entry, maps.size(), s.dim(maps.size()), maps, dims)) {
                return new Value.Error();
            }
        }
        while (maps.size() < s.rank()) {
            whole(s.dim(maps.size()), maps, dims);
        }
        return remapped(t, maps, new Shape(dims), span);
    }

    private static void whole(Dim n, List<AxisMap> maps, List<Dim> dims) {
        maps.add(AxisMap.all(n));
        dims.add(n);
    }

    /** The map of an int or a slice along dim {@code axis} of size n; false after reporting an error. */
    private boolean take(Entry entry, int axis, Dim n, List<AxisMap> maps, List<Dim> dims) {
        AxisMap m = entry instanceof At at ? Slices.index(at.index(), axis, n, entry.span(), d)
                : range((Range) entry, axis, n);
        if (m == null) {
            return false;
        }
        maps.add(m);
        if (entry instanceof Range) {
            dims.add(m.length());
        }
        return true;
    }

    private AxisMap range(Range r, int axis, Dim n) {
        Long[] b = bounds(r);
        return b == null ? null : Slices.range(b[0], b[1], b[2], axis, n, r.span(), d);
    }

    /** The tensor read through the maps (nothing when they take everything), then given its shape. */
    private Value remapped(Value.Tensor t, List<AxisMap> maps, Shape shape, Span span) {
        TensorType type = model.type(t);
        Value.Tensor taken = t;
        boolean identity = true;
        for (int k = 0; k < maps.size(); k++) {
            identity &= maps.get(k).isIdentity(type.shape().dim(k));
        }
        if (!identity) {
            taken = model.op(span, new Remap("slice", maps), t.node());
        }
        if (taken == null || model.type(taken).shape().equals(shape)) {
            return Builtins.orError(taken);
        }
        return Builtins.orError(model.op(span, new Reshape(shape), taken.node()));
    }

    private Value error(Span span, String message) {
        d.error(span, message);
        return new Value.Error();
    }
}
