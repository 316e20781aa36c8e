package nnet.compiler.ops;

import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Shape;

/**
 * A tensor seen as rows along one axis: shape = [outer..., n, inner...]. Row r = (o, j) starts at
 * o·n·inner + j and its elements are {@code inner} apart. Row-wise kernels (softmax, max, the losses)
 * are written against this, so they work along any axis; along the last one, inner is 1 and the
 * row is contiguous.
 */
public final class Rows {

    /** Emits the body of one row: base offset of its first element, element stride, length, row number. */
    public interface Body {
        void emit(Ix base, Ix stride, Ix n, Ix row);
    }

    private Rows() {
    }

    public static void forEach(KernelWriter w, Shape shape, int axis, Body body) {
        Ix outer = w.let(w.product(shape, 0, axis));
        Ix n = w.let(w.size(shape.dim(axis)));
        Ix inner = w.let(w.product(shape, axis + 1, shape.rank()));
        Ix rowSpan = w.let(n.times(inner));
        w.loop(Ix.c(0), outer, o -> {
            if (inner.isConst(1)) {
                body.emit(w.let(o.times(rowSpan)), Ix.c(1), n, o);
            } else {
                w.loop(Ix.c(0), inner, j -> body.emit(w.let(o.times(rowSpan).plus(j)), inner, n,
                        w.let(o.times(inner).plus(j))));
            }
        });
    }

    /** The element at position k of a row. */
    public static Ix at(Ix base, Ix stride, Ix k) {
        return base.plus(k.times(stride));
    }

    /** The position of the first largest element of a row of {@code x}, into a new int local. */
    public static Ix.Local argmax(KernelWriter w, Buf x, Ix base, Ix stride, Ix n) {
        Var best = w.var(w.load(x, base));
        Ix.Local arg = w.intVar(Ix.c(0));
        w.loop(Ix.c(1), n, k -> w.when(CompareFn.GT, w.load(x, at(base, stride, k)), best.get(), () -> {
            w.set(best, w.load(x, at(base, stride, k)));
            w.set(arg, k);
        }));
        return arg;
    }
}
