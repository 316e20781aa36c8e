package nnet.compiler.ir;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Local clean-ups of scalar bodies: folds constant subexpressions and removes identities
 * ({@code x*1}, {@code x+0}, {@code x*0} with a finite constant, {@code --x}). Sharing is kept.
 * {@code x*0} is only folded when x is itself a constant, so NaN and infinity propagate as in PyTorch.
 */
public final class ScalarSimplifier {
    private final Map<Scalar, Scalar> done = new IdentityHashMap<>();

    private ScalarSimplifier() {
    }

    public static Scalar simplify(Scalar s) {
        return new ScalarSimplifier().visit(s);
    }

    private Scalar visit(Scalar s) {
        Scalar cached = done.get(s);
        if (cached != null) {
            return cached;
        }
        Scalar r;
        if (s instanceof Scalar.Unary u) {
            r = unary(u.fn(), visit(u.x()));
        } else if (s instanceof Scalar.Binary b) {
            r = binary(b.fn(), visit(b.a()), visit(b.b()));
        } else if (s instanceof Scalar.Select x) {
            r = select(x.cmp(), visit(x.a()), visit(x.b()), visit(x.ifTrue()), visit(x.ifFalse()));
        } else {
            r = s;
        }
        done.put(s, r);
        return r;
    }

    private static Scalar unary(UnaryFn fn, Scalar x) {
        if (x instanceof Scalar.Const c) {
            return new Scalar.Const(fn.apply(c.value()));
        }
        if (fn == UnaryFn.NEG && x instanceof Scalar.Unary inner && inner.fn() == UnaryFn.NEG) {
            return inner.x();
        }
        return new Scalar.Unary(fn, x);
    }

    private static Scalar binary(BinaryFn fn, Scalar a, Scalar b) {
        if (a instanceof Scalar.Const ca && b instanceof Scalar.Const cb) {
            return new Scalar.Const(fn.apply(ca.value(), cb.value()));
        }
        return switch (fn) {
            case ADD -> isConst(a, 0) ? b : isConst(b, 0) ? a : new Scalar.Binary(fn, a, b);
            case SUB -> isConst(b, 0) ? a : isConst(a, 0) ? unary(UnaryFn.NEG, b) : new Scalar.Binary(fn, a, b);
            case MUL -> isConst(a, 1) ? b : isConst(b, 1) ? a
                    : isConst(a, -1) ? unary(UnaryFn.NEG, b) : isConst(b, -1) ? unary(UnaryFn.NEG, a)
                    : new Scalar.Binary(fn, a, b);
            case DIV -> isConst(b, 1) ? a : new Scalar.Binary(fn, a, b);
            case POW -> isConst(b, 1) ? a : new Scalar.Binary(fn, a, b);
            default -> new Scalar.Binary(fn, a, b);
        };
    }

    private static Scalar select(CompareFn cmp, Scalar a, Scalar b, Scalar t, Scalar f) {
        if (a instanceof Scalar.Const ca && b instanceof Scalar.Const cb) {
            return cmp.test(ca.value(), cb.value()) ? t : f;
        }
        if (t.equals(f) && t instanceof Scalar.Const) {
            return t;
        }
        // where(x > y, t, f) arrives as ((x > y ? 1 : 0) != 0 ? t : f): test the comparison directly.
        if (cmp == CompareFn.NE && isConst(b, 0) && a instanceof Scalar.Select inner
                && isConst(inner.ifTrue(), 1) && isConst(inner.ifFalse(), 0)) {
            return new Scalar.Select(inner.cmp(), inner.a(), inner.b(), t, f);
        }
        return new Scalar.Select(cmp, a, b, t, f);
    }

    private static boolean isConst(Scalar s, double v) {
        return s instanceof Scalar.Const c && c.value() == v;
    }

    /** Whether the body is a constant zero, i.e. contributes nothing to a gradient. */
    public static boolean isZero(Scalar s) {
        return isConst(s, 0);
    }
}
