package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.elementwise.Abs;
import nnet.compiler.ops.reduce.ArgExtreme;
import nnet.compiler.ops.reduce.CumSum;
import nnet.compiler.ops.reduce.Extremum;
import nnet.compiler.ops.reduce.LogSumExp;
import nnet.compiler.ops.reduce.Max;
import nnet.compiler.ops.reduce.Min;
import nnet.compiler.ops.reduce.Norm;
import nnet.compiler.ops.reduce.Prod;

/**
 * Reductions other than sum and mean, with torch's names, arguments and defaults: max and min (over
 * all elements, or along one dim giving the values only), amax and amin, argmax and argmin, logsumexp,
 * prod, cumsum and norm.
 */
final class ReductionBuiltins {
    private static final Value FALSE = new Value.Bool(false);

    private ReductionBuiltins() {
    }

    static void define(Builtins.Definer d) {
        for (Extremum kind : Extremum.values()) {
            String name = kind.spelling();
            d.def(name, Signature.of(required("input", ANY), optional("dim", ANY, Signature.NONE),
                    optional("keepdim", BOOL, FALSE)), c -> extreme(c, kind));
            d.def("a" + name, Signature.of(required("input", TENSOR), optional("dim", INTS, Signature.NONE),
                    optional("keepdim", BOOL, FALSE)), c -> overDims(c, kind));
            d.def("arg" + name, Signature.of(required("input", TENSOR), optional("dim", INT, Signature.NONE),
                    optional("keepdim", BOOL, FALSE)), c -> position(c, kind));
        }
        d.def("logsumexp", Signature.of(required("input", TENSOR), required("dim", INTS),
                optional("keepdim", BOOL, FALSE)), ReductionBuiltins::logsumexp);
        d.def("prod", Signature.of(required("input", TENSOR), optional("dim", INT, Signature.NONE),
                optional("keepdim", BOOL, FALSE)), ReductionBuiltins::prod);
        d.def("cumsum", Signature.of(required("input", TENSOR), required("dim", INT)), ReductionBuiltins::cumsum);
        Signature.Param p = optional("p", FLOAT, new Value.Float(2)).or("fro", "inf");
        d.def("norm", Signature.of(required("input", TENSOR), p, optional("dim", INTS, Signature.NONE),
                optional("keepdim", BOOL, FALSE)), ReductionBuiltins::norm);
    }

    /** The dims argument at {@code i}: all dims when not given or empty; null after an error. */
    private static List<Integer> dims(CallSite c, int i, int rank) {
        List<Integer> axes = new ArrayList<>();
        List<Long> given = c.given(i) ? c.intsArg(i) : List.of();
        for (long a : given) {
            int axis = c.axis(i, a, rank);
            if (axis < 0) {
                return null;
            }
            if (axes.contains(axis)) {
                c.error(i, "dim " + axis + " appears more than once in " + given);
                return null;
            }
            axes.add(axis);
        }
        if (axes.isEmpty()) {
            for (int a = 0; a < rank; a++) {
                axes.add(a);
            }
        }
        return axes;
    }

    /**
     * Whether the input is a floating-point tensor, else an error naming its type (before any reshape
     * changes what an op's own check would show).
     */
    private static boolean floating(CallSite c) {
        TensorType t = c.type(0);
        if (!t.dtype().isFloat()) {
            c.error(0, "'" + c.callee + "' needs a floating-point tensor, got " + t);
            return false;
        }
        return true;
    }

    /**
     * max(x) or min(x) over all elements, sharing the gradient among ties; max(x, dim) along one dim,
     * the values only, the gradient going to the first extreme (torch also returns the indices, which
     * argmax gives here); and max(a, b) of two numbers.
     */
    private static Value extreme(CallSite c, Extremum kind) {
        String name = kind.spelling();
        if (Value.isNumber(c.arg(0))) {
            return numbers(c, kind);
        }
        if (!(c.arg(0) instanceof Value.Tensor)) {
            return c.error(0, "'" + name + "' needs a tensor, got " + c.arg(0).describe());
        }
        if (!floating(c)) {
            return new Value.Error();
        }
        TensorType t = c.type(0);
        if (!c.given(1)) {
            List<Integer> all = dims(c, 1, t.rank());
            return c.model.guarded(c.span, () -> ReductionAxes.reduce(c.model, c.node(0), all, c.boolArg(2),
                    (axis, keep) -> extremeOp(kind, axis, keep, true)));
        }
        if (!(c.arg(1) instanceof Value.Int dim)) {
            return c.error(1, "'" + name + "' takes one dim (an int); for the elementwise " + name + "imum use "
                    + name + "imum(a, b), over several dims a" + name + "(x, dims)");
        }
        int axis = c.axis(1, dim.value(), t.rank());
        return axis < 0 ? new Value.Error()
                : Builtins.orError(c.model.op(c.span, extremeOp(kind, axis, c.boolArg(2), false), c.node(0)));
    }

    private static Op extremeOp(Extremum kind, int axis, boolean keepdim, boolean splitTies) {
        return kind == Extremum.MAX ? new Max(axis, keepdim, splitTies) : new Min(axis, keepdim, splitTies);
    }

    private static Value numbers(CallSite c, Extremum kind) {
        if (!c.given(1) || !Value.isNumber(c.arg(1))) {
            return c.error(1, kind.spelling() + " of a number needs a second number");
        }
        boolean max = kind == Extremum.MAX;
        if (c.arg(0) instanceof Value.Int a && c.arg(1) instanceof Value.Int b) {
            return new Value.Int(max ? Math.max(a.value(), b.value()) : Math.min(a.value(), b.value()));
        }
        double a = Value.number(c.arg(0));
        double b = Value.number(c.arg(1));
        return new Value.Float(max ? Math.max(a, b) : Math.min(a, b));
    }

    /** amax(x, dim=(), keepdim): over several dims (all by default), ties sharing the gradient evenly. */
    private static Value overDims(CallSite c, Extremum kind) {
        List<Integer> axes = floating(c) ? dims(c, 1, c.type(0).rank()) : null;
        if (axes == null) {
            return new Value.Error();
        }
        return c.model.guarded(c.span, () -> ReductionAxes.reduce(c.model, c.node(0), axes, c.boolArg(2),
                (axis, keep) -> extremeOp(kind, axis, keep, true)));
    }

    /**
     * argmax(x, dim, keepdim): i32 positions of the first extreme along dim; without dim, the position
     * in the flattened tensor (with keepdim, in a tensor of x's rank with every dim 1, as torch).
     */
    private static Value position(CallSite c, Extremum kind) {
        TensorType t = c.type(0);
        boolean keep = c.boolArg(2);
        if (!c.given(1)) {
            List<Integer> all = dims(c, 1, t.rank());
            return c.model.guarded(c.span, () -> ReductionAxes.reduce(c.model, c.node(0), all, keep,
                    (axis, k) -> new ArgExtreme(kind, axis, k)));
        }
        int axis = c.axis(1, c.intArg(1), t.rank());
        return axis < 0 ? new Value.Error()
                : Builtins.orError(c.model.op(c.span, new ArgExtreme(kind, axis, keep), c.node(0)));
    }

    private static Value logsumexp(CallSite c) {
        List<Integer> axes = floating(c) ? dims(c, 1, c.type(0).rank()) : null;
        if (axes == null) {
            return new Value.Error();
        }
        return c.model.guarded(c.span, () -> ReductionAxes.reduce(c.model, c.node(0), axes, c.boolArg(2),
                LogSumExp::new));
    }

    /** prod(x) over all elements, or prod(x, dim, keepdim) along one dim. */
    private static Value prod(CallSite c) {
        if (!floating(c)) {
            return new Value.Error();
        }
        int rank = c.type(0).rank();
        int axis = c.given(1) ? c.axis(1, c.intArg(1), rank) : 0;
        if (axis < 0) {
            return new Value.Error();
        }
        List<Integer> axes = c.given(1) ? List.of(axis) : dims(c, 1, rank);
        return c.model.guarded(c.span, () -> ReductionAxes.reduce(c.model, c.node(0), axes, c.boolArg(2),
                Prod::new));
    }

    private static Value cumsum(CallSite c) {
        TensorType t = c.type(0);
        if (t.rank() == 0) {
            // As torch, a number takes dim 0 or -1 and is its own running sum.
            return c.axis(1, c.intArg(1), 1) < 0 ? new Value.Error() : c.arg(0);
        }
        int axis = c.axis(1, c.intArg(1), t.rank());
        return axis < 0 ? new Value.Error() : Builtins.orError(c.model.op(c.span, new CumSum(axis, false), c.node(0)));
    }

    /**
     * norm(x, p, dim, keepdim) as torch.norm with a number for p, which is torch.linalg.vector_norm: a
     * finite p > 0, or "inf" (the largest |x|, amax(abs(x))); "fro" is the 2-norm.
     */
    private static Value norm(CallSite c) {
        double p;
        if (c.arg(1) instanceof Value.Str s) {
            p = s.value().equals("inf") ? Double.POSITIVE_INFINITY : 2;
        } else {
            p = c.floatArg(1);
            if (!(p > 0) || Double.isInfinite(p)) {
                return c.error(1, "p must be a number > 0, \"inf\" or \"fro\", got " + c.arg(1).describe());
            }
        }
        TensorType t = c.type(0);
        List<Integer> axes = floating(c) ? dims(c, 2, t.rank()) : null;
        if (axes == null) {
            return new Value.Error();
        }
        boolean keep = c.boolArg(3);
        if (p == Double.POSITIVE_INFINITY) {
            return c.model.guarded(c.span, () -> {
                int magnitudes = c.model.graph.add(new Abs(), c.node(0));
                return ReductionAxes.reduce(c.model, magnitudes, axes, keep, (axis, k) -> new Max(axis, k, true));
            });
        }
        if (t.rank() == 0) {
            // A number's norm is its magnitude.
            return c.model.guarded(c.span, () -> c.model.graph.add(new Abs(), c.node(0)));
        }
        return Builtins.orError(c.model.op(c.span, new Norm(axes, keep, p), c.node(0)));
    }
}
