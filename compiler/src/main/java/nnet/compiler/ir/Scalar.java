package nnet.compiler.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The per-element body of an elementwise computation: a small expression over the kernel's inputs
 * ({@link Arg}). Elementwise ops define their code template as a Scalar; fusion composes them by
 * substitution; the code generator compiles one into a loop body for f32 or f64; constant folding
 * evaluates one in double. A body may share subexpressions (it is a DAG); the code generator computes
 * a shared node once.
 */
public sealed interface Scalar {

    /** Evaluates in double precision; used for constant folding and as a reference in tests. */
    double eval(double... args);

    /** A readable rendering such as {@code max(($0 + $1), 0)}, used by the IR printer. */
    String render();

    /** Operands of this node, in order. */
    List<Scalar> children();

    /** The same node over other operands (same count, same order). */
    Scalar withChildren(List<Scalar> c);

    record Arg(int index) implements Scalar {
        public double eval(double... args) {
            return args[index];
        }

        public String render() {
            return "$" + index;
        }

        public List<Scalar> children() {
            return List.of();
        }

        public Scalar withChildren(List<Scalar> c) {
            return this;
        }
    }

    record Const(double value) implements Scalar {
        public double eval(double... args) {
            return value;
        }

        public String render() {
            return formatConst(value);
        }

        public List<Scalar> children() {
            return List.of();
        }

        public Scalar withChildren(List<Scalar> c) {
            return this;
        }
    }

    /** The value of a dim, which may be bound only at run time (e.g. the batch size, to take a mean). */
    record Size(Dim dim) implements Scalar {
        public double eval(double... args) {
            return dim.value();
        }

        public String render() {
            return "size(" + dim + ")";
        }

        public List<Scalar> children() {
            return List.of();
        }

        public Scalar withChildren(List<Scalar> c) {
            return this;
        }
    }

    /**
     * The coordinate of the element being computed along one axis of the kernel's output (the element
     * index of {@code arange}, the row and column of {@code tril}). Known only inside a kernel.
     */
    record Index(int axis) implements Scalar {
        public double eval(double... args) {
            throw new UnsupportedOperationException("an element index has no value outside a kernel");
        }

        public String render() {
            return "index(" + axis + ")";
        }

        public List<Scalar> children() {
            return List.of();
        }

        public Scalar withChildren(List<Scalar> c) {
            return this;
        }
    }

    /**
     * A uniform random number in [0, 1) for the element being computed, from one stream of the model
     * (see {@link nnet.runtime.kernels.RandomStream}): different at every step and for every stream.
     */
    record Random(int stream) implements Scalar {
        public double eval(double... args) {
            throw new UnsupportedOperationException("a random number has no value outside a kernel");
        }

        public String render() {
            return "random(" + stream + ")";
        }

        public List<Scalar> children() {
            return List.of();
        }

        public Scalar withChildren(List<Scalar> c) {
            return this;
        }
    }

    record Unary(UnaryFn fn, Scalar x) implements Scalar {
        public double eval(double... args) {
            return fn.apply(x.eval(args));
        }

        public String render() {
            return fn.spelling() + "(" + x.render() + ")";
        }

        public List<Scalar> children() {
            return List.of(x);
        }

        public Scalar withChildren(List<Scalar> c) {
            return new Unary(fn, c.get(0));
        }
    }

    record Binary(BinaryFn fn, Scalar a, Scalar b) implements Scalar {
        public double eval(double... args) {
            return fn.apply(a.eval(args), b.eval(args));
        }

        public String render() {
            return fn.isInfix() ? "(" + a.render() + " " + fn.spelling() + " " + b.render() + ")"
                    : fn.spelling() + "(" + a.render() + ", " + b.render() + ")";
        }

        public List<Scalar> children() {
            return List.of(a, b);
        }

        public Scalar withChildren(List<Scalar> c) {
            return new Binary(fn, c.get(0), c.get(1));
        }
    }

    /** {@code (a cmp b) ? ifTrue : ifFalse}. */
    record Select(CompareFn cmp, Scalar a, Scalar b, Scalar ifTrue, Scalar ifFalse) implements Scalar {
        public double eval(double... args) {
            return cmp.test(a.eval(args), b.eval(args)) ? ifTrue.eval(args) : ifFalse.eval(args);
        }

        public String render() {
            return "(" + a.render() + " " + cmp.spelling() + " " + b.render() + " ? " + ifTrue.render() + " : "
                    + ifFalse.render() + ")";
        }

        public List<Scalar> children() {
            return List.of(a, b, ifTrue, ifFalse);
        }

        public Scalar withChildren(List<Scalar> c) {
            return new Select(cmp, c.get(0), c.get(1), c.get(2), c.get(3));
        }
    }

    static Arg arg(int i) {
        return new Arg(i);
    }

    static Const constant(double v) {
        return new Const(v);
    }

    static Scalar add(Scalar a, Scalar b) {
        return new Binary(BinaryFn.ADD, a, b);
    }

    static Scalar sub(Scalar a, Scalar b) {
        return new Binary(BinaryFn.SUB, a, b);
    }

    static Scalar mul(Scalar a, Scalar b) {
        return new Binary(BinaryFn.MUL, a, b);
    }

    static Scalar div(Scalar a, Scalar b) {
        return new Binary(BinaryFn.DIV, a, b);
    }

    static Scalar unary(UnaryFn fn, Scalar x) {
        return new Unary(fn, x);
    }

    static Scalar select(CompareFn cmp, Scalar a, Scalar b, Scalar ifTrue, Scalar ifFalse) {
        return new Select(cmp, a, b, ifTrue, ifFalse);
    }

    /** Replaces every {@code Arg(i)} by {@code replacement.apply(i)}, keeping sharing. */
    default Scalar substitute(Function<Integer, Scalar> replacement) {
        return substitute(this, replacement, new IdentityHashMap<>());
    }

    private static Scalar substitute(Scalar s, Function<Integer, Scalar> f, Map<Scalar, Scalar> done) {
        Scalar cached = done.get(s);
        if (cached != null) {
            return cached;
        }
        Scalar r;
        if (s instanceof Arg a) {
            r = f.apply(a.index());
        } else if (s.children().isEmpty()) {
            r = s;
        } else {
            List<Scalar> c = new ArrayList<>();
            for (Scalar child : s.children()) {
                c.add(substitute(child, f, done));
            }
            r = s.withChildren(c);
        }
        done.put(s, r);
        return r;
    }

    /** The largest Arg index used plus one. */
    default int arity() {
        int n = 0;
        for (Scalar s : postOrder()) {
            if (s instanceof Arg a) {
                n = Math.max(n, a.index() + 1);
            }
        }
        return n;
    }

    /** Distinct nodes of the DAG in post-order (operands before users). */
    default List<Scalar> postOrder() {
        List<Scalar> out = new ArrayList<>();
        postOrder(this, new IdentityHashMap<>(), out);
        return out;
    }

    private static void postOrder(Scalar s, Map<Scalar, Boolean> seen, List<Scalar> out) {
        if (seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        for (Scalar c : s.children()) {
            postOrder(c, seen, out);
        }
        out.add(s);
    }

    /** Whether the body reads operand {@code i}. */
    default boolean reads(int i) {
        return postOrder().stream().anyMatch(s -> s instanceof Arg a && a.index() == i);
    }

    static String formatConst(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
