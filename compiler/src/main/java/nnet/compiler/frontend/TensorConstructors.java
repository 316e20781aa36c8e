package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.SHAPE;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.elementwise.Add;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.elementwise.Compare;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.elementwise.Iota;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.elementwise.RandomUniform;
import nnet.compiler.ops.elementwise.Sub;
import nnet.compiler.ops.elementwise.Where;
import nnet.compiler.ops.shape.Reshape;
import nnet.runtime.DType;
import nnet.runtime.model.Init;

/**
 * Builtins that make tensors rather than transform them, and dtype conversions, with PyTorch's names
 * and defaults: zeros, ones, full (and their _like forms), arange, eye, rand, tril, triu, masked_fill,
 * one_hot, to. {@code zeros} and {@code ones} without a size are the parameter initialisers.
 */
final class TensorConstructors {
    private static final Value NO_DTYPE = Signature.NONE;

    private TensorConstructors() {
    }

    static void define(Builtins.Definer d) {
        d.def("zeros", Signature.of(optional("size", SHAPE, Signature.NONE), optional("dtype", ANY, NO_DTYPE)),
                c -> filled(c, 0));
        d.def("ones", Signature.of(optional("size", SHAPE, Signature.NONE), optional("dtype", ANY, NO_DTYPE)),
                c -> filled(c, 1));
        d.def("full", Signature.of(required("size", SHAPE), required("fill_value", ANY), optional("dtype", ANY, NO_DTYPE)),
                TensorConstructors::full);
        d.def("zeros_like", Signature.of(required("input", TENSOR), optional("dtype", ANY, NO_DTYPE)),
                c -> like(c, new Value.Int(0), 1));
        d.def("ones_like", Signature.of(required("input", TENSOR), optional("dtype", ANY, NO_DTYPE)),
                c -> like(c, new Value.Int(1), 1));
        d.def("full_like", Signature.of(required("input", TENSOR), required("fill_value", ANY),
                optional("dtype", ANY, NO_DTYPE)), c -> like(c, c.arg(1), 2));
        d.def("arange", Signature.of(required("start", ANY), optional("end", ANY, Signature.NONE),
                optional("step", ANY, new Value.Int(1)), optional("dtype", ANY, NO_DTYPE)), TensorConstructors::arange);
        d.def("eye", Signature.of(required("n", INT), optional("m", INT, Signature.NONE),
                optional("dtype", ANY, NO_DTYPE)), TensorConstructors::eye);
        d.def("rand", Signature.of(required("size", SHAPE), optional("dtype", ANY, NO_DTYPE)), c ->
                random(c, c.shape(0, null), dtypeArg(c, 1, c.model.floatType)));
        d.def("rand_like", Signature.of(required("input", TENSOR), optional("dtype", ANY, NO_DTYPE)), c ->
                random(c, c.type(0).shape(), dtypeArg(c, 1, c.type(0).dtype())));
        d.def("tril", Signature.of(required("input", TENSOR), optional("diagonal", INT, new Value.Int(0))),
                c -> triangle(c, CompareFn.LE));
        d.def("triu", Signature.of(required("input", TENSOR), optional("diagonal", INT, new Value.Int(0))),
                c -> triangle(c, CompareFn.GE));
        d.def("masked_fill", Signature.of(required("input", TENSOR), required("mask", TENSOR), required("value", ANY)),
                TensorConstructors::maskedFill);
        d.def("one_hot", Signature.of(required("tensor", TENSOR), required("num_classes", INT)),
                TensorConstructors::oneHot);
        d.def("to", Signature.of(required("input", TENSOR), required("dtype", ANY)), c -> {
            DType t = dtypeArg(c, 1, null);
            return t == null ? new Value.Error() : convert(c, t);
        });
    }

    /** The dtype argument at {@code i}, or {@code fallback} when not given; null after an error. */
    private static DType dtypeArg(CallSite c, int i, DType fallback) {
        if (!c.given(i)) {
            return fallback;
        }
        if (c.arg(i) instanceof Value.DTypeValue t) {
            return t.dtype();
        }
        c.error(i, "dtype must be f32, f64 or i32, got " + c.arg(i).describe());
        return null;
    }

    /** x converted to {@code t}, as x.to(t); the tensor itself when it has that dtype already. */
    static Value convert(CallSite c, DType t) {
        if (c.type(0).dtype() == t) {
            return c.arg(0);
        }
        return Builtins.orError(c.model.op(c.span, new Cast(t), c.node(0)));
    }

    private static Value filled(CallSite c, double value) {
        if (!c.given(0)) {
            if (c.given(1)) {
                return c.error(1, "'" + c.callee + "' without a size is the initialiser, which takes no dtype");
            }
            return new Value.InitValue(new Init.Constant(value));
        }
        Shape shape = c.shape(0, null);
        DType dtype = dtypeArg(c, 1, c.model.floatType);
        return shape == null || dtype == null ? new Value.Error() : constant(c, value, dtype, shape);
    }

    private static Value full(CallSite c) {
        Shape shape = c.shape(0, null);
        if (!Value.isNumber(c.arg(1))) {
            return c.error(1, "fill_value must be a number, got " + c.arg(1).describe());
        }
        DType dtype = dtypeArg(c, 2, c.arg(1) instanceof Value.Int ? DType.I32 : c.model.floatType);
        return shape == null || dtype == null ? new Value.Error() : constant(c, Value.number(c.arg(1)), dtype, shape);
    }

    private static Value like(CallSite c, Value fill, int dtypeArg) {
        if (!Value.isNumber(fill)) {
            return c.error(1, "fill_value must be a number, got " + fill.describe());
        }
        TensorType t = c.type(0);
        DType dtype = dtypeArg(c, dtypeArg, t.dtype());
        return dtype == null ? new Value.Error() : constant(c, Value.number(fill), dtype, t.shape());
    }

    private static Value constant(CallSite c, double value, DType dtype, Shape shape) {
        if (dtype == DType.I32 && value != Math.rint(value)) {
            return c.error("an i32 tensor cannot hold " + value);
        }
        int k = c.model.build.constant(value, dtype);
        return shape.isScalar() ? c.model.tensor(k) : Builtins.orError(c.model.op(c.span, new Expand(shape), k));
    }

    private static Value arange(CallSite c) {
        Value start = c.given(1) ? c.arg(0) : new Value.Int(0);
        Value end = c.given(1) ? c.arg(1) : c.arg(0);
        Value step = c.arg(2);
        if (end instanceof Value.DimValue dim) {
            if (!isInt(start, 0) || !isInt(step, 1)) {
                return c.error("arange up to a run-time dim takes neither start nor step");
            }
            DType dtype = dtypeArg(c, 3, DType.I32);
            return dtype == null ? new Value.Error() : iota(c, new Shape(List.of(dim.dim())), 0, dtype);
        }
        for (Value v : List.of(start, end, step)) {
            if (!Value.isNumber(v)) {
                return c.error("arange takes numbers (or a run-time dim as its end), got " + v.describe());
            }
        }
        double s = Value.number(start);
        double e = Value.number(end);
        double st = Value.number(step);
        if (st == 0 || (e - s) / st < 0) {
            return c.error("arange(" + start.describe() + ", " + end.describe() + ", " + step.describe()
                    + ") has a step of the wrong sign or 0");
        }
        long n = (long) Math.ceil((e - s) / st);
        boolean integral = start instanceof Value.Int && end instanceof Value.Int && step instanceof Value.Int;
        DType dtype = dtypeArg(c, 3, integral ? DType.I32 : c.model.floatType);
        if (dtype == null) {
            return new Value.Error();
        }
        Value positions = iota(c, Shape.of(n), 0, dtype);
        return affine(c, positions, s, st, dtype);
    }

    private static boolean isInt(Value v, long x) {
        return v instanceof Value.Int i && i.value() == x;
    }

    /** start + step·x, leaving out what is the identity. */
    private static Value affine(CallSite c, Value x, double start, double step, DType dtype) {
        Value v = x;
        if (step != 1 && v instanceof Value.Tensor t) {
            v = Builtins.orError(c.model.op(c.span, new Mul(), t.node(), c.model.build.constant(step, dtype)));
        }
        if (start != 0 && v instanceof Value.Tensor t) {
            v = Builtins.orError(c.model.op(c.span, new Add(), t.node(), c.model.build.constant(start, dtype)));
        }
        return v;
    }

    private static Value iota(CallSite c, Shape shape, int axis, DType dtype) {
        return Builtins.orError(c.model.op(c.span, new Iota(shape, axis, dtype)));
    }

    private static Value eye(CallSite c) {
        long n = c.intArg(0);
        long m = c.given(1) ? c.intArg(1) : n;
        DType dtype = dtypeArg(c, 2, c.model.floatType);
        if (n < 0 || m < 0) {
            return c.error("eye needs sizes ≥ 0, got " + n + " and " + m);
        }
        if (dtype == null) {
            return new Value.Error();
        }
        Shape shape = Shape.of(n, m);
        int rows = c.model.graph.add(new Iota(shape, 0, dtype));
        int cols = c.model.graph.add(new Iota(shape, 1, dtype));
        return Builtins.orError(c.model.op(c.span, new Compare(CompareFn.EQ), rows, cols));
    }

    private static Value random(CallSite c, Shape shape, DType dtype) {
        if (shape == null || dtype == null) {
            return new Value.Error();
        }
        return Builtins.orError(c.model.op(c.span, new RandomUniform(shape, dtype, c.model.nextRandomStream())));
    }

    /**
     * tril keeps the elements with column − row ≤ diagonal in the last two dims, triu those with
     * column − row ≥ diagonal; the others become 0. The coordinates are computed in x's dtype, so that
     * mask and selection fuse into one loop with x.
     */
    private static Value triangle(CallSite c, CompareFn keep) {
        TensorType x = c.type(0);
        if (x.rank() < 2) {
            return c.error(0, "'" + c.callee + "' needs a tensor of rank 2 or more, got " + x);
        }
        Shape shape = x.shape();
        int rows = c.model.graph.add(new Iota(shape, shape.rank() - 2, x.dtype()));
        int cols = c.model.graph.add(new Iota(shape, shape.rank() - 1, x.dtype()));
        int offset = c.model.graph.add(new Sub(), cols, rows);
        int mask = c.model.graph.add(new Compare(keep), offset, c.model.build.constant(c.intArg(1), x.dtype()));
        int zero = c.model.build.constant(0, x.dtype());
        return Builtins.orError(c.model.op(c.span, new Where(), mask, c.node(0), zero));
    }

    private static Value maskedFill(CallSite c) {
        if (!Value.isNumber(c.arg(2)) && !(c.arg(2) instanceof Value.Tensor t && c.model.type(t).rank() == 0)) {
            return c.error(2, "value must be a number or a scalar tensor, got " + c.arg(2).describe());
        }
        TensorType x = c.type(0);
        TensorType mask = c.type(1);
        if (!mask.shape().broadcastsTo(x.shape())) {
            return c.error(1, "masked_fill: mask " + mask + " does not broadcast to the input " + x);
        }
        int value = c.model.asNode(c.arg(2), x.dtype());
        return Builtins.orError(c.model.op(c.span, new Where(), c.node(1), value, c.node(0)));
    }

    private static Value oneHot(CallSite c) {
        TensorType ids = c.type(0);
        long classes = c.intArg(1);
        if (ids.dtype() != DType.I32) {
            return c.error(0, "one_hot needs i32 class indices, got " + ids);
        }
        if (classes < 1) {
            return c.error(1, "num_classes must be ≥ 1, got " + classes);
        }
        List<Dim> dims = new ArrayList<>(ids.shape().dims());
        dims.add(Dim.of(1));
        int column = c.model.graph.add(new Reshape(new Shape(dims)), c.node(0));
        dims.set(dims.size() - 1, Dim.of(classes));
        Shape out = new Shape(dims);
        int classIndex = c.model.graph.add(new Iota(out, out.rank() - 1, DType.I32));
        return Builtins.orError(c.model.op(c.span, new Compare(CompareFn.EQ), column, classIndex));
    }
}
