package nnet.compiler.ops;

import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
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

    /** The position of the first largest element of a row of {@code x} (or of its first NaN), in an int local. */
    public static Ix.Local argmax(KernelWriter w, Buf x, Ix base, Ix stride, Ix n) {
        return argExtreme(w, x, base, stride, n, true);
    }

    /**
     * The position of the first largest (or smallest) element of a row of {@code x}, into a new int
     * local. NaN counts as the extreme, as in torch.argmax and torch.max(x, dim): the first NaN wins.
     * Comparisons are in x's dtype, whatever the kernel's.
     */
    public static Ix.Local argExtreme(KernelWriter w, Buf x, Ix base, Ix stride, Ix n, boolean largest) {
        Var best = w.newVar(x.dtype());
        w.set(best, w.load(x, base));
        Ix.Local arg = w.intVar(Ix.c(0));
        CompareFn noBetter = largest ? CompareFn.LE : CompareFn.GE;
        w.loop(Ix.c(1), n, k -> {
            Val v = w.load(x, at(base, stride, k));
            // Better or NaN, and the best so far is not NaN (NaN == NaN is false).
            w.unless(noBetter, v, best.get(), x.dtype(), () -> w.when(CompareFn.EQ, best.get(), best.get(),
                    x.dtype(), () -> {
                        w.set(best, w.load(x, at(base, stride, k)));
                        w.set(arg, k);
                    }));
        });
        return arg;
    }
}
