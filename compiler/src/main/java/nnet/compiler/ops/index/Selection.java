package nnet.compiler.ops.index;

import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Shape;

/**
 * The loops of selecting along one axis by a list of indices ({@code index_select}, {@code embedding}):
 * the indexed tensor seen as [outer, n, inner], the selection as [outer, k, inner], where k is the
 * number of indices. Each index picks a run of {@code inner} contiguous elements; every index is checked
 * against n before it is used.
 */
final class Selection {
    private Selection() {
    }

    /** The sizes [outer, n, inner] of a shape around an axis. */
    record Around(Ix outer, Ix n, Ix inner) {
        static Around of(KernelWriter w, Shape s, int axis) {
            return new Around(w.let(w.product(s, 0, axis)), w.let(w.size(s.dim(axis))),
                    w.let(w.product(s, axis + 1, s.rank())));
        }
    }

    interface Run {
        /** Emits the work for one index: its value, the start of its run in the selection and in the indexed tensor. */
        void emit(Ix id, Ix selected, Ix indexed);
    }

    /** Walks every (outer, index) pair; indices equal to {@code skip} are passed over (−1: none is). */
    static void forEach(KernelWriter w, String op, Buf index, Around a, int skip, Run run) {
        Ix k = w.let(w.numel(index.type().shape()));
        w.loop(Ix.c(0), a.outer(), o -> w.loop(Ix.c(0), k, t -> {
            Ix id = w.loadInt(index, t);
            w.checkIndex(op, id, a.n(), null, t);
            Runnable body = () -> run.emit(id, w.let(o.times(k).plus(t).times(a.inner())),
                    w.let(o.times(a.n()).plus(id).times(a.inner())));
            if (skip < 0) {
                body.run();
            } else {
                w.whenInt(CompareFn.NE, id, Ix.c(skip), body);
            }
        }));
    }

    /** selection[o, t, :] = indexed[o, index[t], :]. */
    static void copy(KernelWriter w, String op, Buf indexed, Buf index, Buf selection, Around a) {
        forEach(w, op, index, a, -1, (id, to, from) -> w.loop(Ix.c(0), a.inner(),
                i -> w.store(selection, to.plus(i), w.load(indexed, from.plus(i)))));
    }

    /** indexed = 0, then indexed[o, index[t], :] += selection[o, t, :] (the gradient of a copy). */
    static void addBack(KernelWriter w, String op, Buf selection, Buf index, Buf indexed, Around a, int skip) {
        w.loop(Ix.c(0), w.numel(indexed.type().shape()), i -> w.store(indexed, i, Val.c(0)));
        forEach(w, op, index, a, skip, (id, from, to) -> w.loop(Ix.c(0), a.inner(), i -> w.store(indexed, to.plus(i),
                w.load(indexed, to.plus(i)).plus(w.load(selection, from.plus(i))))));
    }
}
