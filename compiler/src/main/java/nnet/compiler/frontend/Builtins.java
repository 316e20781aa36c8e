package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.SHAPE;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.elementwise.Abs;
import nnet.compiler.ops.elementwise.Add;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.elementwise.Compare;
import nnet.compiler.ops.elementwise.Div;
import nnet.compiler.ops.elementwise.Erf;
import nnet.compiler.ops.elementwise.Exp;
import nnet.compiler.ops.elementwise.FloorDivide;
import nnet.compiler.ops.elementwise.Remainder;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.elementwise.Log;
import nnet.compiler.ops.elementwise.Maximum;
import nnet.compiler.ops.elementwise.Minimum;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.elementwise.Neg;
import nnet.compiler.ops.elementwise.Pow;
import nnet.compiler.ops.elementwise.Relu;
import nnet.compiler.ops.elementwise.Sigmoid;
import nnet.compiler.ops.elementwise.Sqrt;
import nnet.compiler.ops.elementwise.Sub;
import nnet.compiler.ops.elementwise.Tanh;
import nnet.compiler.ops.elementwise.Where;
import nnet.compiler.ops.reduce.Sum;
import nnet.compiler.ops.reduce.VarMean;
import nnet.compiler.ops.rowwise.Accuracy;
import nnet.compiler.ops.rowwise.LogSoftmax;
import nnet.compiler.ops.rowwise.Softmax;
import nnet.compiler.ops.shape.Permute;
import nnet.compiler.ops.shape.Reshape;
import nnet.runtime.DType;

/**
 * The functions every source can call that are not written in .nnet: primitive ops under their PyTorch
 * functional names, compile-time helpers, initialisers and optimizers. Each entry binds arguments by
 * its signature and adds the op's node; the op itself (shape rule, gradient, code) is in its own file.
 */
final class Builtins {

    interface Impl {
        Value apply(CallSite c);
    }

    record Builtin(Signature signature, Impl impl) {
    }

    private static final Map<String, Builtin> TABLE = new LinkedHashMap<>();

    private Builtins() {
    }

    static Builtin get(String name) {
        return TABLE.get(name);
    }

    static Iterable<String> names() {
        return TABLE.keySet();
    }

    private static void def(String name, Signature sig, Impl impl) {
        TABLE.put(name, new Builtin(sig, impl));
    }

    static {
        unary("relu", Relu::new);
        unary("sigmoid", Sigmoid::new);
        unary("tanh", Tanh::new);
        unary("exp", Exp::new);
        unary("log", Log::new);
        unary("sqrt", Sqrt::new);
        unary("abs", Abs::new);
        unary("neg", Neg::new);
        unary("erf", Erf::new);
        binary("add", Add::new);
        binary("sub", Sub::new);
        binary("mul", Mul::new);
        binary("div", Div::new);
        binary("maximum", Maximum::new);
        binary("minimum", Minimum::new);
        binary("pow", Pow::new);
        binary("floor_divide", FloorDivide::new);
        binary("remainder", Remainder::new);
        for (CompareFn fn : CompareFn.values()) {
            binary(new Compare(fn).name(), () -> new Compare(fn));
        }
        def("where", Signature.of(required("condition", TENSOR), required("input", TENSOR), required("other", TENSOR)),
                c -> orError(c.model.op(c.span, new Where(), c.node(0), c.node(1), c.node(2))));
        reductions();
        rowwise();
        shapes();
        compileTime();
        Initialisers.define(Builtins::def);
        TensorConstructors.define(Builtins::def);
        ConvBuiltins.define(Builtins::def);
        PoolBuiltins.define(Builtins::def);
        Optimizers.define(Builtins::def);
        ElementwiseBuiltins.define(Builtins::def);
        ReductionBuiltins.define(Builtins::def);
        LanguageBuiltins.define(Builtins::def);
        LossBuiltins.define(Builtins::def);
        IndexingBuiltins.define(Builtins::def);
        LayoutBuiltins.define(Builtins::def);
        MetricBuiltins.define(Builtins::def);
        AttentionBuiltins.define(Builtins::def);
    }

    private static void unary(String name, Supplier<ElementwiseOp> op) {
        def(name, Signature.of(required("input", TENSOR)), unaryImpl(op));
    }

    /** A one-operand elementwise op: evaluated now on a number, else a node applied to the tensor. */
    static Impl unaryImpl(Supplier<ElementwiseOp> op) {
        return c -> {
            if (Value.isNumber(c.arg(0))) {
                return new Value.Float(op.get().body().eval(Value.number(c.arg(0))));
            }
            return orError(c.model.op(c.span, op.get(), c.node(0)));
        };
    }

    private static void binary(String name, Supplier<ElementwiseOp> op) {
        def(name, Signature.of(required("input", TENSOR), required("other", TENSOR)), c -> {
            if (Value.isNumber(c.arg(0)) && Value.isNumber(c.arg(1))) {
                return new Value.Float(op.get().body().eval(Value.number(c.arg(0)), Value.number(c.arg(1))));
            }
            return orError(c.model.op(c.span, op.get(), c.node(0), c.node(1)));
        });
    }

    static Value orError(Value.Tensor t) {
        return t == null ? new Value.Error() : t;
    }

    private static void reductions() {
        Signature reduce = Signature.of(required("input", TENSOR), optional("dim", INTS, Signature.NONE),
                optional("keepdim", BOOL, new Value.Bool(false)), optional("dtype", ANY, Signature.NONE));
        def("sum", reduce, c -> sum(c, false));
        def("mean", reduce, c -> sum(c, true));
        Signature spread = Signature.of(required("input", TENSOR), optional("dim", INTS, Signature.NONE),
                optional("unbiased", BOOL, new Value.Bool(true)), optional("keepdim", BOOL, new Value.Bool(false)),
                optional("correction", INT, Signature.NONE));
        def("var", spread, c -> spread(c, false));
        def("std", spread, c -> spread(c, true));
        def("var_mean", spread, Builtins::varMean);
    }

    static List<Integer> axes(CallSite c, int rank) {
        List<Integer> axes = new ArrayList<>();
        if (!c.given(1)) {
            for (int i = 0; i < rank; i++) {
                axes.add(i);
            }
            return axes;
        }
        for (long a : c.intsArg(1)) {
            int axis = c.axis(1, a, rank);
            if (axis < 0) {
                return null;
            }
            axes.add(axis);
        }
        return axes;
    }

    private static Value sum(CallSite c, boolean mean) {
        int x = c.given(3) ? convertedForSum(c) : c.node(0);
        if (x < 0) {
            return new Value.Error();
        }
        TensorType t = c.model.graph.type(x);
        List<Integer> axes = axes(c, t.rank());
        if (axes == null) {
            return new Value.Error();
        }
        boolean keep = c.boolArg(2);
        return c.model.guarded(c.span, () -> {
            int s = axes.isEmpty() ? x : c.model.graph.add(new Sum(axes, keep), x);
            if (!mean) {
                return s;
            }
            Dim count = Dim.of(1);
            for (int a : axes) {
                count = count.times(t.shape().dim(a));
            }
            return c.model.graph.add(new Div(), s, c.model.build.dimValue(count, t.dtype()));
        });
    }

    /** The input converted to the dtype argument, as torch converts before reducing; -1 after an error. */
    private static int convertedForSum(CallSite c) {
        if (!(c.arg(3) instanceof Value.DTypeValue d) || !d.dtype().isFloat()) {
            c.error(3, "dtype of '" + c.callee + "' must be f32 or f64, got " + c.arg(3).describe());
            return -1;
        }
        return c.type(0).dtype() == d.dtype() ? c.node(0) : c.model.graph.add(new Cast(d.dtype()), c.node(0));
    }

    /**
     * var and std as PyTorch 1.13 takes them: unbiased (the default, correction 1) or not, or an explicit
     * correction; computed by var_mean, whose mean then goes unused.
     */
    private static Value spread(CallSite c, boolean std) {
        VarMean op = varMeanOp(c);
        Value.Tensor var = op == null ? null : c.model.result(c.span, op, 0, c.node(0));
        return var == null ? new Value.Error() : std ? orError(c.model.op(c.span, new Sqrt(), var.node())) : var;
    }

    /** torch.var_mean: the tuple (variance, mean) from one kernel. */
    private static Value varMean(CallSite c) {
        VarMean op = varMeanOp(c);
        Value.Tensor var = op == null ? null : c.model.result(c.span, op, 0, c.node(0));
        if (var == null) {
            return new Value.Error();
        }
        int node = c.model.graph.node(var.node()).input(0);
        return new Value.Tuple(List.of(var, c.model.tensor(c.model.graph.project(node, 1))));
    }

    private static VarMean varMeanOp(CallSite c) {
        TensorType t = c.type(0);
        List<Integer> axes = axes(c, t.rank());
        if (axes == null) {
            return null;
        }
        long correction = c.given(4) ? c.intArg(4) : c.boolArg(2) ? 1 : 0;
        if (correction < 0) {
            c.error(4, "correction must be ≥ 0, got " + correction);
            return null;
        }
        return new VarMean(axes, Math.toIntExact(correction), c.boolArg(3));
    }

    private static void rowwise() {
        Signature byDim = Signature.of(required("input", TENSOR), optional("dim", INT, new Value.Int(-1)));
        def("softmax", byDim, c -> rowOp(c, Softmax::new));
        def("log_softmax", byDim, c -> rowOp(c, LogSoftmax::new));
        Signature labels = Signature.of(required("input", TENSOR), required("target", TENSOR));
        def("accuracy", labels, c -> orError(c.model.op(c.span, new Accuracy(), c.node(0), c.node(1))));
    }

    private static Value rowOp(CallSite c, java.util.function.IntFunction<Op> op) {
        int axis = c.axis(1, c.intArg(1), c.type(0).rank());
        return axis < 0 ? new Value.Error() : orError(c.model.op(c.span, op.apply(axis), c.node(0)));
    }

    private static void shapes() {
        def("matmul", Signature.of(required("input", TENSOR), required("other", TENSOR)),
                c -> MatMulCall.apply(c.model, c.span, c.node(0), c.node(1)));
        def("reshape", Signature.of(required("input", TENSOR), required("shape", SHAPE)), c -> {
            Shape s = c.shape(1, c.type(0).shape().numel());
            return s == null ? new Value.Error() : orError(c.model.op(c.span, new Reshape(s), c.node(0)));
        });
        def("broadcast_to", Signature.of(required("input", TENSOR), required("shape", SHAPE)), c -> {
            Shape s = c.shape(1, null);
            return s == null ? new Value.Error() : orError(c.model.op(c.span, new Expand(s), c.node(0)));
        });
        def("transpose", Signature.of(required("input", TENSOR), required("dim0", INT), required("dim1", INT)), c -> {
            int rank = c.type(0).rank();
            int a = c.axis(1, c.intArg(1), rank);
            int b = c.axis(2, c.intArg(2), rank);
            return a < 0 || b < 0 ? new Value.Error()
                    : a == b ? c.arg(0) : orError(c.model.op(c.span, Permute.swap(rank, a, b), c.node(0)));
        });
        def("permute", Signature.of(required("input", TENSOR), required("dims", INTS)), c -> {
            int rank = c.type(0).rank();
            List<Integer> perm = new ArrayList<>();
            for (long d : c.intsArg(1)) {
                int a = c.axis(1, d, rank);
                if (a < 0) {
                    return new Value.Error();
                }
                perm.add(a);
            }
            return orError(c.model.op(c.span, new Permute(perm), c.node(0)));
        });
        def("flatten", Signature.of(required("input", TENSOR), optional("start_dim", INT, new Value.Int(0)),
                optional("end_dim", INT, new Value.Int(-1))), ShapeCalls::flatten);
        def("unsqueeze", Signature.of(required("input", TENSOR), required("dim", INT)), ShapeCalls::unsqueeze);
        def("squeeze", Signature.of(required("input", TENSOR), required("dim", INT)), ShapeCalls::squeeze);
    }

    private static void compileTime() {
        def("dim", Signature.of(required("input", TENSOR), required("dim", INT)), c -> {
            if (!(c.arg(0) instanceof Value.Tensor)) {
                return c.error(0, "'dim' needs a tensor, got " + c.arg(0).describe());
            }
            TensorType t = c.type(0);
            int axis = c.axis(1, c.intArg(1), t.rank());
            if (axis < 0) {
                return new Value.Error();
            }
            Dim d = t.shape().dim(axis);
            return d.isStatic() ? new Value.Int(d.value()) : new Value.DimValue(d);
        });
        def("rank", Signature.of(required("input", TENSOR)), c -> new Value.Int(c.type(0).rank()));
        def("is_floating_point", Signature.of(required("input", TENSOR)),
                c -> new Value.Bool(c.type(0).dtype().isFloat()));
        def("int", Signature.of(required("x", ANY)), c -> c.arg(0) instanceof Value.Tensor
                ? TensorConstructors.convert(c, DType.I32) : number(c, true));
        def("float", Signature.of(required("x", ANY)), c -> c.arg(0) instanceof Value.Tensor
                ? TensorConstructors.convert(c, c.model.floatType) : number(c, false));
    }

    /** int(v) or float(v) of a compile-time number (int truncates toward zero). */
    private static Value number(CallSite c, boolean integral) {
        if (!integral && c.arg(0) instanceof Value.Str s) {
            return special(c, s.value());
        }
        if (!Value.isNumber(c.arg(0))) {
            return c.error(0, "'" + c.callee + "' takes a number or a tensor, got " + c.arg(0).describe());
        }
        double v = Value.number(c.arg(0));
        return integral ? new Value.Int((long) v) : new Value.Float(v);
    }

    /** float("inf"), float("-inf") and float("nan"), as in Python, for masks and bounds. */
    private static Value special(CallSite c, String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> new Value.Float(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity" -> new Value.Float(Double.NEGATIVE_INFINITY);
            case "nan" -> new Value.Float(Double.NaN);
            default -> c.error(0, "float() of a string takes \"inf\", \"-inf\" or \"nan\", got \"" + text + "\"");
        };
    }

    /** The closest builtin name to a misspelt one, or null. */
    static String suggest(String name) {
        return Suggest.closest(name, TABLE.keySet());
    }

    interface Definer {
        void def(String name, Signature sig, Impl impl);
    }
}
