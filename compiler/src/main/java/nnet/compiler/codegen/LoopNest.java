package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;

/**
 * A row-major walk over an iteration space in which each operand moves by its own stride per dim
 * (0 where it does not move, e.g. along broadcast or reduced dims). Adjacent dims that every operand
 * walks contiguously are collapsed first, so most walks become one flat loop, or an outer loop over
 * rows with a contiguous inner loop. The caller writes the innermost loop, given each operand's offset
 * at the start of it, its length and each operand's inner stride.
 */
public final class LoopNest {

    /** Emits the innermost loop: bases[j] is operand j's offset at its start. */
    public interface Inner {
        void emit(Ix[] bases, Ix length, Ix[] strides);
    }

    private final KernelWriter w;
    private final List<Dim> sizes = new ArrayList<>();
    private final List<List<Dim>> strides = new ArrayList<>();

    public LoopNest(KernelWriter w, Shape space, List<List<Dim>> operandStrides) {
        this.w = w;
        collapse(space, operandStrides);
    }

    /** Strides of a row-major operand of shape {@code in} read as if broadcast to shape {@code out}. */
    public static List<Dim> broadcastStrides(Shape in, Shape out) {
        List<Dim> s = new ArrayList<>();
        int lead = out.rank() - in.rank();
        for (int d = 0; d < out.rank(); d++) {
            int k = d - lead;
            boolean broadcast = k < 0 || isOne(in.dim(k)) && !isOne(out.dim(d));
            s.add(broadcast ? Dim.of(0) : in.product(k + 1, in.rank()));
        }
        return s;
    }

    public static List<Dim> zeroStrides(int rank) {
        List<Dim> z = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            z.add(Dim.of(0));
        }
        return z;
    }

    private static boolean isOne(Dim d) {
        return d.isStatic() && d.value() == 1;
    }

    private void collapse(Shape shape, List<List<Dim>> full) {
        List<Dim> cur = new ArrayList<>(shape.dims());
        List<List<Dim>> st = new ArrayList<>();
        for (List<Dim> s : full) {
            st.add(new ArrayList<>(s));
        }
        // Size-1 dims contribute nothing to any walk.
        for (int d = cur.size() - 1; d >= 0 && cur.size() > 1; d--) {
            if (isOne(cur.get(d))) {
                cur.remove(d);
                for (List<Dim> s : st) {
                    s.remove(d);
                }
            }
        }
        for (int d = cur.size() - 2; d >= 0; d--) {
            if (mergeable(st, cur, d)) {
                cur.set(d, cur.get(d).times(cur.get(d + 1)));
                cur.remove(d + 1);
                for (List<Dim> s : st) {
                    s.remove(d);
                }
            }
        }
        sizes.addAll(cur);
        strides.addAll(st);
    }

    private static boolean mergeable(List<List<Dim>> strides, List<Dim> sizes, int d) {
        for (List<Dim> s : strides) {
            if (!s.get(d).equals(s.get(d + 1).times(sizes.get(d + 1)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an operand stays put along the innermost loop and moves along every outer one: then each
     * of its elements is visited by exactly one run of the innermost loop (a reduction can keep its
     * total in a register and store it once).
     */
    public boolean visitsOncePerInnerLoop(int operand) {
        List<Dim> s = strides.get(operand);
        for (int level = 0; level < s.size(); level++) {
            boolean innermost = level == s.size() - 1;
            if (s.get(level).equals(Dim.of(0)) != innermost) {
                return false;
            }
        }
        return true;
    }

    /** The number of loops after collapsing (0 for a single element). */
    public int depth() {
        return sizes.size();
    }

    public void emit(Inner inner) {
        Ix[] bases = new Ix[strides.size()];
        Arrays.fill(bases, Ix.c(0));
        if (sizes.isEmpty()) {
            Ix[] unit = new Ix[strides.size()];
            Arrays.fill(unit, Ix.c(0));
            inner.emit(bases, Ix.c(1), unit);
            return;
        }
        nest(0, bases, inner);
    }

    private Ix stride(int operand, int level) {
        return w.size(strides.get(operand).get(level));
    }

    private void nest(int level, Ix[] bases, Inner inner) {
        if (level == sizes.size() - 1) {
            Ix[] innerStrides = new Ix[bases.length];
            for (int j = 0; j < bases.length; j++) {
                innerStrides[j] = stride(j, level);
            }
            inner.emit(bases, w.size(sizes.get(level)), innerStrides);
            return;
        }
        w.loop(Ix.c(0), w.size(sizes.get(level)), i -> {
            Ix[] next = new Ix[bases.length];
            for (int j = 0; j < bases.length; j++) {
                Ix step = stride(j, level);
                next[j] = step.isConst(0) ? bases[j] : w.let(bases[j].plus(i.times(step)));
            }
            nest(level + 1, next, inner);
        });
    }
}
