package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.shape.Permute;

/**
 * Reductions over several dims by kernels that reduce one (a row at a time): the dims are made into
 * one, by a reshape when they are adjacent (free) or after a permutation that moves them last, the
 * kernel reduces that one, and the result gets the shape torch gives it. A rank-0 tensor is a row of one.
 */
final class ReductionAxes {

    /** A kernel reducing one axis, with or without keeping it as a dim of 1. */
    interface RowOp {
        Op along(int axis, boolean keepdim);
    }

    private ReductionAxes() {
    }

    /** {@code op} over {@code axes} (valid, non-negative, at least one unless x has rank 0) of node x. */
    static int reduce(ModelBuilder m, int x, List<Integer> axes, boolean keepdim, RowOp op) {
        GraphBuilder g = m.graph;
        Build b = m.build;
        Shape s = g.type(x).shape();
        if (s.rank() == 0) {
            return g.add(op.along(0, false), b.reshape(x, Shape.of(1)));
        }
        List<Integer> reduced = axes.stream().sorted().distinct().toList();
        if (reduced.size() == 1) {
            return g.add(op.along(reduced.get(0), keepdim), x);
        }
        int axis = reduced.get(0);
        int rows = x;
        if (reduced.get(reduced.size() - 1) - axis != reduced.size() - 1) {
            List<Integer> perm = kept(s.rank(), reduced);
            axis = perm.size();
            perm.addAll(reduced);
            rows = g.add(new Permute(perm), x);
        }
        Shape t = g.type(rows).shape();
        int end = axis + reduced.size();
        Shape merged = t.sub(0, axis).concat(Shape.of(t.product(axis, end))).concat(t.sub(end, t.rank()));
        int row = g.add(op.along(axis, false), b.reshape(rows, merged));
        return b.reshape(row, resultShape(s, reduced, keepdim));
    }

    /** The axes of a rank that are not reduced, in order. */
    private static List<Integer> kept(int rank, List<Integer> reduced) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!reduced.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The shape after reducing {@code axes}: without them, or with them as dims of 1. */
    static Shape resultShape(Shape s, List<Integer> axes, boolean keepdim) {
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!axes.contains(i)) {
                dims.add(s.dim(i));
            } else if (keepdim) {
                dims.add(Dim.of(1));
            }
        }
        return new Shape(dims);
    }
}
