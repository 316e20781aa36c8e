package nnet.compiler.ops.shape;

import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.ShapeException;

/**
 * How one axis of a walked tensor lines up with an axis of a mapped tensor: walked coordinate j, of
 * which there are {@link #length()}, goes with mapped coordinate f(j) along a dim of size n. A slice is
 * affine (start + step·j), a flip is affine with step −1, and the border modes of {@code pad} and
 * {@code roll} fold j back into [0, n). Each axis has its own map, so a remapped copy never divides an
 * index.
 */
public sealed interface AxisMap {

    /** The number of walked coordinates. */
    Dim length();

    /** Throws a {@link ShapeException} unless every f(j) lies in [0, n). */
    void check(Dim n);

    /** Whether distinct coordinates go to distinct ones, so that writing through the map needs no sums. */
    boolean injective(Dim n);

    /** Whether the map is the identity on a dim of size n. */
    boolean isIdentity(Dim n);

    /** The map as the IR printer shows it, e.g. {@code 1+2j} or {@code reflect(j-2)}. */
    String render();

    /** The whole of a dim. */
    static AxisMap all(Dim n) {
        return new Affine(Dim.of(0), 0, 1, n);
    }

    /** Coordinates {@code start + step·j}, where {@code start = offset − back}: the offset may be a run-time dim. */
    record Affine(Dim offset, long back, long step, Dim length) implements AxisMap {
        public Affine {
            if (step == 0) {
                throw new IllegalArgumentException("an affine axis map needs a step");
            }
            if (offset.isStatic() && back != 0) {
                offset = Dim.of(offset.value() - back);
                back = 0;
            }
        }

        public static Affine of(long start, long step, long length) {
            return new Affine(Dim.of(start), 0, step, Dim.of(length));
        }

        /** Where j = 0 goes, given the size of the mapped dim in generated code. */
        Ix start(KernelWriter w) {
            return w.size(offset).minus(Ix.c(back));
        }

        public void check(Dim n) {
            if (n.isStatic() && offset.isStatic() && length.isStatic()) {
                long first = offset.value();
                long last = first + step * (length.value() - 1);
                if (Math.min(first, last) < 0 || Math.max(first, last) >= n.value()) {
                    throw new ShapeException("coordinates " + first + " to " + last + " are out of range for a dim of"
                            + " size " + n);
                }
            } else if (!isIndex() && !fitsSymbolically(n)) {
                throw new ShapeException("cannot take " + render() + " of a dim of size " + n + " bound at run time;"
                        + " only the whole dim, its reverse or one index of it");
            }
        }

        /** One coordinate of a dim bound at run time; it is checked when the model runs. */
        boolean isIndex() {
            return length.equals(Dim.of(1)) && (offset.isStatic() ? offset.value() >= 0 : back > 0);
        }

        /** Whether the coordinate needs checking when the model runs, against a dim of size n. */
        boolean checkedAtRunTime(Dim n) {
            return !n.isStatic() && isIndex();
        }

        /** The index as the source wrote it: from the start, or negative from the end. */
        long written() {
            return offset.isStatic() ? offset.value() : -back;
        }

        /** A forward or backward run of a dim bound at run time, all in units of the same run-time dims. */
        private boolean fitsSymbolically(Dim n) {
            boolean units = length.symbols().equals(n.symbols())
                    && (offset.equals(Dim.of(0)) || offset.symbols().equals(n.symbols()));
            if (!units) {
                return false;
            }
            if (step == 1 && back == 0) {
                return offset.factor() + length.factor() <= n.factor();
            }
            return step == -1 && back == 1 && offset.factor() <= n.factor() && length.factor() <= offset.factor();
        }

        public boolean injective(Dim n) {
            return true;
        }

        public boolean isIdentity(Dim n) {
            return step == 1 && back == 0 && offset.equals(Dim.of(0)) && length.equals(n);
        }

        public String render() {
            String start = back == 0 ? offset.toString() : offset + "-" + back;
            String term = (Math.abs(step) == 1 ? "" : Long.toString(Math.abs(step))) + "j";
            if (start.equals("0")) {
                return step > 0 ? term : "-" + term;
            }
            return start + (step > 0 ? "+" : "-") + term;
        }
    }

    /** How a coordinate outside [0, n) comes back in: the border modes of {@code pad}. */
    enum Fold {
        /** The nearest edge element ("replicate"). */
        CLAMP,
        /** Mirrored about the edge element, which is not repeated ("reflect"). */
        REFLECT,
        /** From the other end ("circular", and {@code roll}). */
        WRAP
    }

    /** Coordinates {@code j − shift} folded back into [0, n) once; n must be known when the model is built. */
    record Border(Fold fold, long shift, Dim length) implements AxisMap {

        public void check(Dim n) {
            if (!n.isStatic() || !length.isStatic()) {
                throw new ShapeException("cannot fold coordinates into a dim of size " + n + " bound at run time");
            }
            long size = n.value();
            long low = -shift;
            long high = length.value() - 1 - shift;
            boolean ok = switch (fold) {
                case CLAMP -> true;
                case REFLECT -> low > -size && high < 2 * size - 1;
                case WRAP -> low >= -size && high < 2 * size;
            };
            if (!ok) {
                throw new ShapeException("coordinates " + low + " to " + high + " fold more than once into a dim of"
                        + " size " + n);
            }
        }

        public boolean injective(Dim n) {
            return fold == Fold.WRAP && n.isStatic() && length.isStatic() && length.value() <= n.value();
        }

        public boolean isIdentity(Dim n) {
            return shift == 0 && length.equals(n);
        }

        /** f(j) in generated code, into a new local; n is the size of the mapped dim. */
        Ix emit(KernelWriter w, Ix j, Ix n) {
            Ix.Local k = w.intVar(j.minus(Ix.c(shift)));
            Ix last = n.minus(Ix.c(1));
            switch (fold) {
                case CLAMP -> {
                    w.whenInt(CompareFn.LT, k, Ix.c(0), () -> w.set(k, Ix.c(0)));
                    w.whenInt(CompareFn.GT, k, last, () -> w.set(k, last));
                }
                case REFLECT -> {
                    w.whenInt(CompareFn.LT, k, Ix.c(0), () -> w.set(k, Ix.c(0).minus(k)));
                    w.whenInt(CompareFn.GT, k, last, () -> w.set(k, last.plus(last).minus(k)));
                }
                case WRAP -> {
                    w.whenInt(CompareFn.LT, k, Ix.c(0), () -> w.set(k, k.plus(n)));
                    w.whenInt(CompareFn.GT, k, last, () -> w.set(k, k.minus(n)));
                }
            }
            return k;
        }

        public String render() {
            return fold.name().toLowerCase(java.util.Locale.ROOT) + "(j-" + shift + ")";
        }
    }
}
