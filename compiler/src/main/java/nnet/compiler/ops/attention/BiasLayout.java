package nnet.compiler.ops.attention;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;

/**
 * How the fused attention kernel reaches an additive bias that broadcasts to the scores
 * [lead..., L, S]: the bias of head h (the leading dims flattened), row i, column j is at
 * {@code ((h / inner) % groups)·plane + i·row + j·col}. That covers a bias of every head, one shared by
 * all, one per batch shared by its heads ([B, 1, L, S]) or per head shared by the batch ([H, L, S]):
 * the leading dims the bias has must be consecutive. {@link #of} gives null for any other bias, which
 * the caller then broadcasts along the leading dims first.
 *
 * @param inner  the product of the leading dims after the last one the bias has
 * @param groups the product of the leading dims the bias has
 * @param plane  the bias's elements per such leading position (its row count times its row length)
 * @param row    the distance between rows (0 when the bias broadcasts along L)
 * @param col    the distance between columns (0 when it broadcasts along S)
 */
record BiasLayout(Dim inner, Dim groups, Dim plane, Dim row, Dim col) {

    /** The layout of a bias of shape {@code bias} added to scores of shape {@code scores}, or null. */
    static BiasLayout of(Shape bias, Shape scores) {
        if (!bias.broadcastsTo(scores)) {
            return null;
        }
        List<Dim> padded = padded(bias, scores.rank());
        int lead = scores.rank() - 2;
        Dim rows = padded.get(lead);
        Dim cols = padded.get(lead + 1);
        Dim row = broadcast(rows, scores.dim(lead)) ? Dim.of(0) : cols;
        Dim col = broadcast(cols, scores.dim(lead + 1)) ? Dim.of(0) : Dim.of(1);
        int first = -1;
        int last = -1;
        for (int d = 0; d < lead; d++) {
            if (!isOne(scores.dim(d)) && !broadcast(padded.get(d), scores.dim(d))) {
                if (last >= 0 && last != d - 1 && hasBroadcastBetween(padded, scores, last, d)) {
                    return null;
                }
                first = first < 0 ? d : first;
                last = d;
            }
        }
        Dim groups = first < 0 ? Dim.of(1) : scores.product(first, last + 1);
        Dim inner = scores.product(last < 0 ? lead : last + 1, lead);
        return new BiasLayout(inner, groups, rows.times(cols), row, col);
    }

    /** The shape the bias takes when broadcast along the leading dims of the scores (for {@link #of}'s nulls). */
    static Shape expandedLeading(Shape bias, Shape scores) {
        List<Dim> padded = padded(bias, scores.rank());
        List<Dim> dims = new ArrayList<>(scores.dims().subList(0, scores.rank() - 2));
        dims.addAll(padded.subList(scores.rank() - 2, scores.rank()));
        return new Shape(dims);
    }

    private static boolean hasBroadcastBetween(List<Dim> padded, Shape scores, int from, int to) {
        for (int d = from + 1; d < to; d++) {
            if (!isOne(scores.dim(d)) && broadcast(padded.get(d), scores.dim(d))) {
                return true;
            }
        }
        return false;
    }

    /** The bias's dims right-aligned with the scores', 1 where it has none. */
    private static List<Dim> padded(Shape bias, int rank) {
        List<Dim> dims = new ArrayList<>();
        for (int d = 0; d < rank - bias.rank(); d++) {
            dims.add(Dim.of(1));
        }
        dims.addAll(bias.dims());
        return dims;
    }

    /** Whether a bias dim of size {@code own} is broadcast along a scores dim {@code full}. */
    private static boolean broadcast(Dim own, Dim full) {
        return isOne(own) && !isOne(full);
    }

    private static boolean isOne(Dim d) {
        return d.isStatic() && d.value() == 1;
    }
}
