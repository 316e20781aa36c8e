package nnet.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A tensor shape: a list of dims, outermost first. Rank 0 is a scalar. */
public record Shape(List<Dim> dims) {
    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(long... sizes) {
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        return new Shape(dims);
    }

    public static Shape of(Dim... dims) {
        return new Shape(List.of(dims));
    }

    public int rank() {
        return dims.size();
    }

    public Dim dim(int axis) {
        return dims.get(axis);
    }

    /** The last dim, counting from -1; {@code fromEnd(1)} is the last. */
    public Dim fromEnd(int k) {
        return dims.get(dims.size() - k);
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    public boolean isStatic() {
        return dims.stream().allMatch(Dim::isStatic);
    }

    public Dim numel() {
        Dim n = Dim.of(1);
        for (Dim d : dims) {
            n = n.times(d);
        }
        return n;
    }

    /** The product of dims [from, to). */
    public Dim product(int from, int to) {
        Dim n = Dim.of(1);
        for (int i = from; i < to; i++) {
            n = n.times(dims.get(i));
        }
        return n;
    }

    /** Normalises a possibly negative axis; returns -1 if out of range. */
    public int axis(long axis) {
        long a = axis < 0 ? axis + rank() : axis;
        return a < 0 || a >= rank() ? -1 : (int) a;
    }

    public Shape with(int axis, Dim d) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.set(axis, d);
        return new Shape(copy);
    }

    public Shape without(int axis) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.remove(axis);
        return new Shape(copy);
    }

    public Shape sub(int from, int to) {
        return new Shape(dims.subList(from, to));
    }

    public Shape concat(Shape other) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.addAll(other.dims);
        return new Shape(copy);
    }

    /**
     * NumPy broadcasting: align from the right; each pair of dims must be equal or one of them 1.
     * Returns null when the shapes do not broadcast.
     */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        List<Dim> out = new ArrayList<>();
        for (int i = rank; i >= 1; i--) {
            Dim da = i <= a.rank() ? a.fromEnd(i) : Dim.of(1);
            Dim db = i <= b.rank() ? b.fromEnd(i) : Dim.of(1);
            if (da.equals(db) || isOne(db)) {
                out.add(da);
            } else if (isOne(da)) {
                out.add(db);
            } else {
                return null;
            }
        }
        return new Shape(out);
    }

    /** Whether this shape broadcasts to {@code target} without changing it. */
    public boolean broadcastsTo(Shape target) {
        Shape b = broadcast(this, target);
        return b != null && b.equals(target);
    }

    private static boolean isOne(Dim d) {
        return d.isStatic() && d.factor() == 1;
    }

    @Override
    public String toString() {
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
