package nnet.compiler.ops.shape;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;

/**
 * The loops of a copy through {@link AxisMap}s: the walked tensor in row-major order and, for each of
 * its elements, the offset of the element of the mapped tensor that its coordinates map to. Affine axes
 * are strided walks whose starts add up to one base offset; neighbours that walk on as one run (the
 * inner dims of a slice, the dims a pad leaves alone) become one loop; folded axes compute their
 * coordinate at each step. Single indices of run-time dims are checked before the loops.
 */
public final class AxisWalk {

    /** Emits the work for one element, given its offset in the walked tensor and in the mapped one. */
    public interface Body {
        void emit(Ix walked, Ix mapped);
    }

    /** One loop: its length, both strides, and for a folded axis its map and the mapped dim's size. */
    private record Level(Dim length, Dim walkedStride, Dim mappedStride, AxisMap.Border fold, Dim mappedSize) {
    }

    private AxisWalk() {
    }

    public static void emit(KernelWriter w, String op, Shape walked, List<AxisMap> maps, Shape mapped, Body body) {
        int r = walked.rank();
        Ix base = Ix.c(0);
        List<Level> levels = new ArrayList<>();
        for (int d = 0; d < r; d++) {
            AxisMap m = maps.get(d);
            Dim n = mapped.dim(d);
            Dim stride = mapped.product(d + 1, r);
            Dim walkedStride = walked.product(d + 1, r);
            if (m instanceof AxisMap.Affine a) {
                Ix start = w.let(a.start(w));
                if (a.checkedAtRunTime(n)) {
                    w.checkIndex(op, start, w.size(n), Ix.c(a.written()), Ix.c(-1));
                }
                base = base.plus(start.times(w.size(stride)));
                if (!a.length().equals(Dim.of(1))) {
                    levels.add(new Level(a.length(), walkedStride, Dim.of(a.step()).times(stride), null, n));
                }
            } else {
                levels.add(new Level(m.length(), walkedStride, stride, (AxisMap.Border) m, n));
            }
        }
        nest(w, merged(levels), 0, Ix.c(0), w.let(base), body);
    }

    /** Adjacent affine loops where the outer one steps exactly over the inner one's run, as one loop. */
    private static List<Level> merged(List<Level> levels) {
        List<Level> out = new ArrayList<>(levels);
        for (int i = out.size() - 2; i >= 0; i--) {
            Level outer = out.get(i);
            Level inner = out.get(i + 1);
            boolean affine = outer.fold() == null && inner.fold() == null;
            if (affine && outer.walkedStride().equals(inner.walkedStride().times(inner.length()))
                    && outer.mappedStride().equals(inner.mappedStride().times(inner.length()))) {
                out.set(i, new Level(outer.length().times(inner.length()), inner.walkedStride(), inner.mappedStride(),
                        null, inner.mappedSize()));
                out.remove(i + 1);
            }
        }
        return out;
    }

    private static void nest(KernelWriter w, List<Level> levels, int k, Ix walked, Ix mapped, Body body) {
        if (k == levels.size()) {
            body.emit(walked, mapped);
            return;
        }
        Level level = levels.get(k);
        boolean innermost = k == levels.size() - 1;
        w.loop(Ix.c(0), w.size(level.length()), j -> {
            Ix coordinate = level.fold() == null ? j : level.fold().emit(w, j, w.size(level.mappedSize()));
            Ix at = walked.plus(j.times(w.size(level.walkedStride())));
            Ix from = mapped.plus(coordinate.times(w.size(level.mappedStride())));
            nest(w, levels, k + 1, innermost ? at : w.let(at), innermost ? from : w.let(from), body);
        });
    }
}
