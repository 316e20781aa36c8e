package nnet.compiler.frontend;

import nnet.compiler.ir.Dim;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/**
 * Python's rules for one index or slice of one dim, as axis maps. A dim bound at run time can be taken
 * whole, or at one int index, which is checked when the model runs; any other slice of it would have a
 * size that is not a product of dims.
 */
final class Slices {
    private Slices() {
    }

    /**
     * The first position and the length of {@code start:stop:step} over n items, clamped as Python's
     * {@code slice.indices} clamps them (null bounds are left out).
     */
    static long[] run(Long start, Long stop, long step, long n) {
        long first;
        long end;
        if (step > 0) {
            first = start == null ? 0 : clamp(start < 0 ? start + n : start, 0, n);
            end = stop == null ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
            return new long[] {first, end > first ? (end - first - 1) / step + 1 : 0};
        }
        first = start == null ? n - 1 : clamp(start < 0 ? start + n : start, -1, n - 1);
        end = stop == null ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
        long by = step == Long.MIN_VALUE ? Long.MAX_VALUE : -step;
        return new long[] {first, first > end ? (first - end - 1) / by + 1 : 0};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** One int index of dim {@code axis}; null after reporting an error. */
    static AxisMap index(Value v, int axis, Dim n, Span span, Diagnostics d) {
        if (v instanceof Value.Tensor) {
            d.error(span, "indexing a tensor with a tensor is not supported; use index_select, gather or embedding");
            return null;
        }
        if (!(v instanceof Value.Int i)) {
            d.error(span, "an index of a tensor must be an int known at compile time, got " + v.describe());
            return null;
        }
        long k = i.value();
        if (!n.isStatic() && Math.abs(k) < Integer.MAX_VALUE) {
            return k >= 0 ? AxisMap.Affine.of(k, 1, 1) : new AxisMap.Affine(n, -k, 1, Dim.of(1));
        }
        if (!n.isStatic()) {
            d.error(span, "index " + k + " is out of range for dim " + axis + " of size " + n + ": no dim is that large");
            return null;
        }
        if (k < -n.value() || k >= n.value()) {
            d.error(span, "index " + k + " is out of range for dim " + axis + " of size " + n + " (valid: " + -n.value()
                    + " to " + (n.value() - 1) + ")");
            return null;
        }
        return AxisMap.Affine.of(k < 0 ? k + n.value() : k, 1, 1);
    }

    /** The slice {@code start:stop:step} of dim {@code axis}; null after reporting an error. */
    static AxisMap range(Long start, Long stop, Long step, int axis, Dim n, Span span, Diagnostics d) {
        long by = step == null ? 1 : step;
        if (by == 0) {
            d.error(span, "slice step cannot be zero");
            return null;
        }
        if (by < 0) {
            d.error(span, "slice steps must be positive, as in PyTorch; to reverse a dim use flip(x, dims)");
            return null;
        }
        if (!n.isStatic()) {
            if ((start == null || start == 0) && stop == null && by == 1) {
                return AxisMap.all(n);
            }
            d.error(span, "dim " + axis + " has the size " + n + ", bound at run time: a slice of it can only take"
                    + " all of it (':'), or one int index");
            return null;
        }
        long[] run = run(start, stop, by, n.value());
        if (run[1] == 0) {
            d.error(span, "the slice " + render(start, stop, step) + " of dim " + axis + " (size " + n + ") is empty;"
                    + " tensors with no elements are not supported");
            return null;
        }
        return AxisMap.Affine.of(run[0], by, run[1]);
    }

    static String render(Long start, Long stop, Long step) {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
    }
}
