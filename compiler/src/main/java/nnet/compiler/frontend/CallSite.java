package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/** What a builtin sees of its call: the bound arguments, the model being built and where to report. */
final class CallSite {
    final String callee;
    final ModelBuilder model;
    final Span span;
    final List<Signature.Bound> args;

    CallSite(String callee, ModelBuilder model, Span span, List<Signature.Bound> args) {
        this.callee = callee;
        this.model = model;
        this.span = span;
        this.args = args;
    }

    Value arg(int i) {
        return args.get(i).value();
    }

    boolean given(int i) {
        return args.get(i).value() != Signature.NONE;
    }

    long intArg(int i) {
        return ((Value.Int) arg(i)).value();
    }

    double floatArg(int i) {
        return Value.number(arg(i));
    }

    boolean boolArg(int i) {
        return ((Value.Bool) arg(i)).value();
    }

    List<Long> intsArg(int i) {
        List<Long> out = new ArrayList<>();
        for (Value v : ((Value.ListValue) arg(i)).items()) {
            out.add(((Value.Int) v).value());
        }
        return out;
    }

    /** The dtype numbers take in this call: that of its first floating tensor argument. */
    DType dtype() {
        return model.dtypeFor(args.stream().map(Signature.Bound::value).toList());
    }

    /** Argument i as a graph node; numbers become constants of the call's dtype. */
    int node(int i) {
        return model.asNode(arg(i), dtype());
    }

    TensorType type(int i) {
        return model.graph.type(node(i));
    }

    Value error(int argIndex, String message) {
        model.diagnostics.error(argIndex < 0 ? span : args.get(argIndex).span(), message);
        return new Value.Error();
    }

    Value error(String message) {
        return error(-1, message);
    }

    /** A dim index checked against a rank, negative counting from the end; -1 after an error. */
    int axis(int argIndex, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            error(argIndex, "dim " + axis + " is out of range for a tensor of rank " + rank
                    + " (valid: " + (-rank) + " to " + (rank - 1) + ")");
            return -1;
        }
        return (int) a;
    }

    /**
     * A shape argument resolved against the element count it must hold: one entry may be -1 and is
     * then inferred (not when numel is null). Returns null after an error.
     */
    Shape shape(int argIndex, Dim numel) {
        List<Value> items = ((Value.ListValue) arg(argIndex)).items();
        List<Dim> dims = new ArrayList<>();
        int inferred = -1;
        Dim known = Dim.of(1);
        for (int k = 0; k < items.size(); k++) {
            Value v = items.get(k);
            if (v instanceof Value.Int i && i.value() == -1 && inferred < 0) {
                inferred = k;
                dims.add(null);
            } else if (v instanceof Value.Int i && i.value() >= 0) {
                dims.add(Dim.of(i.value()));
                known = known.times(Dim.of(i.value()));
            } else if (v instanceof Value.DimValue d) {
                dims.add(d.dim());
                known = known.times(d.dim());
            } else if (v instanceof Value.Int i && i.value() == -1) {
                error(argIndex, "a shape may contain only one -1 (the size to infer)");
                return null;
            } else {
                error(argIndex, "invalid size in a shape: " + v.describe() + "; sizes are ints ≥ 0 or run-time dims, "
                        + "and one may be -1");
                return null;
            }
        }
        if (inferred >= 0 && numel == null) {
            error(argIndex, "-1 is not allowed in this shape");
            return null;
        }
        if (inferred >= 0) {
            Dim rest = known.factor() == 0 ? null : numel.dividedBy(known);
            if (rest == null) {
                error(argIndex, "cannot infer the -1 in this shape: " + numel + " elements do not divide by " + known);
                return null;
            }
            dims.set(inferred, rest);
        }
        return new Shape(dims);
    }
}
