package nnet.compiler.ops.reduce;

import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Rows;

/** The shape rule and kernels that max and min share, for either extreme. */
final class Extremes {
    private Extremes() {
    }

    static TensorType infer(String op, TensorType x, int axis, boolean keepdim) {
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'" + op + "' needs a floating-point tensor, got " + x);
        }
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        if (x.shape().dim(axis).equals(Dim.of(0))) {
            throw new ShapeException("'" + op + "' of an empty dim");
        }
        return x.withShape(keepdim ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis));
    }

    /** The extreme of each row of operand 0 (NaN if the row holds one). */
    static void emit(KernelWriter w, int axis, Extremum kind) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var m = w.var(w.load(w.in(0), base));
            w.loop(Ix.c(1), n, k -> w.set(m, kind.of(m.get(), w.load(w.in(0), Rows.at(base, stride, k)))));
            w.store(w.out(), row, m.get());
        });
    }

    /**
     * dx = dy at the first extreme of each row (or dy / ties at every extreme), 0 elsewhere; operands
     * (x, dy). Shared, it is (dy / ties)·[x = extreme] as PyTorch computes it, so a row holding NaN
     * (no element equals the extreme) gets NaN everywhere, as there.
     */
    static void emitBackward(KernelWriter w, int axis, boolean splitTies, Extremum kind) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            if (splitTies) {
                shared(w, base, stride, n, row, kind);
                return;
            }
            Ix.Local arg = Rows.argExtreme(w, w.in(0), base, stride, n, kind.largest());
            w.loop(Ix.c(0), n, k -> w.store(w.out(), Rows.at(base, stride, k), Val.c(0)));
            w.store(w.out(), Rows.at(base, stride, arg), w.load(w.in(1), row));
        });
    }

    private static void shared(KernelWriter w, Ix base, Ix stride, Ix n, Ix row, Extremum kind) {
        Var extreme = w.var(w.load(w.in(0), base));
        w.loop(Ix.c(1), n, k -> w.set(extreme, kind.of(extreme.get(), w.load(w.in(0), Rows.at(base, stride, k)))));
        Var ties = w.var(Val.c(0));
        w.loop(Ix.c(0), n, k -> w.when(CompareFn.EQ, w.load(w.in(0), Rows.at(base, stride, k)), extreme.get(),
                () -> w.set(ties, ties.get().plus(Val.c(1)))));
        Var share = w.var(w.load(w.in(1), row).div(ties.get()));
        w.loop(Ix.c(0), n, k -> {
            Ix at = Rows.at(base, stride, k);
            Val isExtreme = w.load(w.in(0), at).select(CompareFn.EQ, extreme.get(), Val.c(1), Val.c(0));
            w.store(w.out(), at, share.get().times(isExtreme));
        });
    }
}
