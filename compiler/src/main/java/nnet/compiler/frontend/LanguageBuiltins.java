package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.ANY;
import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.TensorType;

/**
 * Compile-time helpers that belong to the language rather than to an op: they compute values while the
 * model is built and add nothing to its graph.
 */
final class LanguageBuiltins {
    private LanguageBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("str", Signature.of(required("value", ANY)), c -> new Value.Str(StaticValues.text(c.arg(0))));
        d.def("range", Signature.of(required("start", INT), optional("stop", INT, Signature.NONE),
                optional("step", INT, new Value.Int(1))), LanguageBuiltins::range);
        d.def("len", Signature.of(required("value", ANY)), LanguageBuiltins::len);
        // As torch.is_tensor: lets a function take an optional tensor, with a default such as [].
        d.def("is_tensor", Signature.of(required("value", ANY)), c -> new Value.Bool(c.arg(0) instanceof Value.Tensor));
        d.def("shape", Signature.of(required("input", TENSOR)), LanguageBuiltins::shape);
        d.def("numel", Signature.of(required("input", TENSOR)), c -> {
            Dim n = c.type(0).shape().numel();
            return n.isStatic() ? new Value.Int(n.value()) : new Value.DimValue(n);
        });
    }

    /** A tensor's shape as a list of ints and run-time dims, which {@code ==} compares and reshape takes. */
    private static Value shape(CallSite c) {
        List<Value> dims = new ArrayList<>();
        for (Dim dim : c.type(0).shape().dims()) {
            dims.add(dim.isStatic() ? new Value.Int(dim.value()) : new Value.DimValue(dim));
        }
        return new Value.ListValue(dims);
    }

    /** Python's range: {@code range(stop)} or {@code range(start, stop, step)}, as a list of ints. */
    private static Value range(CallSite c) {
        long start = c.given(1) ? c.intArg(0) : 0;
        long stop = c.given(1) ? c.intArg(1) : c.intArg(0);
        long step = c.intArg(2);
        if (step == 0) {
            return c.error(2, "range: step must not be zero");
        }
        long count = step > 0 ? Math.max(0, ceilDiv(stop - start, step)) : Math.max(0, ceilDiv(start - stop, -step));
        if (count > Loops.MAX_ITERATIONS) {
            return c.error("range of " + count + " items; loops unroll to at most " + Loops.MAX_ITERATIONS
                    + " iterations in all");
        }
        List<Value> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            items.add(new Value.Int(start + i * step));
        }
        return new Value.ListValue(items);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The number of items of a list, tuple or string, or a tensor's first dim, as Python's len. */
    private static Value len(CallSite c) {
        Value v = c.arg(0);
        List<Value> items = Value.items(v);
        if (items != null) {
            return new Value.Int(items.size());
        }
        if (v instanceof Value.Str s) {
            return new Value.Int(s.value().length());
        }
        if (v instanceof Value.Tensor) {
            TensorType t = c.type(0);
            if (t.rank() == 0) {
                return c.error(0, "len of a tensor of rank 0");
            }
            Dim first = t.shape().dim(0);
            return first.isStatic() ? new Value.Int(first.value()) : new Value.DimValue(first);
        }
        return c.error(0, "len needs a list, a tuple, a string or a tensor, got " + v.describe());
    }
}
