package nnet.compiler.ops.index;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.LoopNest;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;

/**
 * The loops of {@code gather} and {@code scatter_add}: every element of an index tensor of the same rank
 * as the tensor it indexes; element (i, j, k) of the index, holding v, goes with element (i, v, k) of the
 * indexed tensor when the axis is 1. Other operands (the source of a scatter) are walked along with the
 * index through their own strides. Each index is checked against the axis before it is used.
 */
final class AlongAxis {
    private AlongAxis() {
    }

    interface Body {
        /**
         * Emits the work for one index element: its offset in the index, the offset of the element it picks
         * in the indexed tensor, and each other operand's offset.
         */
        void emit(Ix at, Ix picked, Ix[] others);
    }

    /** Row-major strides of {@code s}, with 0 along {@code axis} (−1: none), for walking the index. */
    static List<Dim> strides(Shape s, int axis) {
        List<Dim> out = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            out.add(d == axis ? Dim.of(0) : s.product(d + 1, s.rank()));
        }
        return out;
    }

    static void walk(KernelWriter w, String op, Buf index, Shape indexed, int axis, List<List<Dim>> others, Body body) {
        Shape space = index.type().shape();
        List<List<Dim>> all = new ArrayList<>();
        all.add(strides(space, -1));
        all.add(strides(indexed, axis));
        all.addAll(others);
        Ix n = w.let(w.size(indexed.dim(axis)));
        Ix along = w.let(w.product(indexed, axis + 1, indexed.rank()));
        new LoopNest(w, space, all).emit((bases, length, step) -> w.loop(Ix.c(0), length, i -> {
            Ix at = w.let(bases[0].plus(i.times(step[0])));
            Ix id = w.loadInt(index, at);
            w.checkIndex(op, id, n, null, at);
            Ix picked = bases[1].plus(i.times(step[1])).plus(id.times(along));
            Ix[] offsets = new Ix[others.size()];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = bases[j + 2].plus(i.times(step[j + 2]));
            }
            body.emit(at, picked, offsets);
        }));
    }

    /**
     * Checks an index against the tensor it indexes along {@code axis}: i32, the same rank, and no larger
     * along the other dims; {@code other} names the tensor in errors.
     */
    static void checkIndex(String op, TensorType index, TensorType indexed, int axis, String other) {
        IndexSelect.checkIndices(op, index);
        if (index.rank() != indexed.rank()) {
            throw new ShapeException("'" + op + "': the index " + index + " needs the rank of " + other + " "
                    + indexed);
        }
        for (int d = 0; d < index.rank(); d++) {
            if (d != axis && !fits(index.shape().dim(d), indexed.shape().dim(d))) {
                throw new ShapeException("'" + op + "': the index " + index + " is larger than " + other + " "
                        + indexed + " in dim " + d);
            }
        }
    }

    /** Whether a dim of size a fits in one of size b: a ≤ b when both are known, else the same dim. */
    static boolean fits(Dim a, Dim b) {
        return a.isStatic() && b.isStatic() ? a.value() <= b.value() : a.equals(b);
    }
}
