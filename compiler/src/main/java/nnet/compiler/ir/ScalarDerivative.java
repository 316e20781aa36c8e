package nnet.compiler.ir;

import static nnet.compiler.ir.Scalar.constant;
import static nnet.compiler.ir.Scalar.div;
import static nnet.compiler.ir.Scalar.select;
import static nnet.compiler.ir.Scalar.unary;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Symbolic differentiation of a scalar body with respect to one argument. Elementwise ops get their
 * gradient rule from this unless they state a cheaper one. At ties of max and min the gradient is
 * split evenly, as PyTorch does for maximum and minimum; comparisons have no gradient.
 */
public final class ScalarDerivative {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private final int wrt;
    private final Map<Scalar, Scalar> done = new IdentityHashMap<>();

    private ScalarDerivative(int wrt) {
        this.wrt = wrt;
    }

    /** d body / d Arg(wrt), simplified. */
    public static Scalar of(Scalar body, int wrt) {
        return ScalarSimplifier.simplify(new ScalarDerivative(wrt).d(body));
    }

    // Zeros here are structural (the argument does not occur), so unlike in user arithmetic they may
    // absorb a product without changing NaN or infinity semantics of the forward computation.
    private static boolean zero(Scalar s) {
        return ScalarSimplifier.isZero(s);
    }

    private static Scalar mul(Scalar a, Scalar b) {
        return zero(a) || zero(b) ? constant(0) : Scalar.mul(a, b);
    }

    private static Scalar add(Scalar a, Scalar b) {
        return zero(a) ? b : zero(b) ? a : Scalar.add(a, b);
    }

    private static Scalar sub(Scalar a, Scalar b) {
        return zero(b) ? a : Scalar.sub(a, b);
    }

    private Scalar d(Scalar s) {
        Scalar cached = done.get(s);
        if (cached != null) {
            return cached;
        }
        Scalar r;
        if (s instanceof Scalar.Arg a) {
            r = constant(a.index() == wrt ? 1 : 0);
        } else if (s instanceof Scalar.Unary u) {
            r = mul(d(u.x()), unaryDerivative(u));
        } else if (s instanceof Scalar.Binary b) {
            r = binary(b);
        } else if (s instanceof Scalar.Select x) {
            r = zero(d(x.ifTrue())) && zero(d(x.ifFalse())) ? constant(0)
                    : select(x.cmp(), x.a(), x.b(), d(x.ifTrue()), d(x.ifFalse()));
        } else {
            r = constant(0);
        }
        done.put(s, r);
        return r;
    }

    private static Scalar unaryDerivative(Scalar.Unary u) {
        Scalar x = u.x();
        return switch (u.fn()) {
            case NEG -> constant(-1);
            case ABS -> select(CompareFn.GT, x, constant(0), constant(1),
                    select(CompareFn.LT, x, constant(0), constant(-1), constant(0)));
            case EXP -> u;
            case LOG -> div(constant(1), x);
            case SQRT -> div(constant(0.5), u);
            case TANH -> Scalar.sub(constant(1), Scalar.mul(u, u));
            case ERF -> Scalar.mul(constant(TWO_OVER_SQRT_PI),
                    unary(UnaryFn.EXP, unary(UnaryFn.NEG, Scalar.mul(x, x))));
            case LOG1P -> div(constant(1), Scalar.add(constant(1), x));
            case EXPM1 -> unary(UnaryFn.EXP, x);
            case SIN -> unary(UnaryFn.COS, x);
            case COS -> unary(UnaryFn.NEG, unary(UnaryFn.SIN, x));
            case TAN -> Scalar.add(constant(1), Scalar.mul(u, u));
            case LOG2 -> div(constant(1), Scalar.mul(x, constant(Math.log(2))));
            case LOG10 -> div(constant(1), Scalar.mul(x, constant(Math.log(10))));
            // Piecewise constant: no gradient flows, as in PyTorch.
            case FLOOR, CEIL, ROUND -> constant(0);
        };
    }

    private Scalar binary(Scalar.Binary b) {
        Scalar a = b.a();
        Scalar c = b.b();
        Scalar da = d(a);
        Scalar dc = d(c);
        return switch (b.fn()) {
            case ADD -> add(da, dc);
            case SUB -> sub(da, dc);
            case MUL -> add(mul(da, c), mul(a, dc));
            case DIV -> zero(dc) ? (zero(da) ? constant(0) : div(da, c))
                    : div(sub(mul(da, c), mul(a, dc)), Scalar.mul(c, c));
            case MAX -> select(CompareFn.GT, a, c, da,
                    select(CompareFn.LT, a, c, dc, mul(constant(0.5), add(da, dc))));
            case MIN -> select(CompareFn.LT, a, c, da,
                    select(CompareFn.GT, a, c, dc, mul(constant(0.5), add(da, dc))));
            case POW -> powDerivative(b, da, dc);
            case FLOOR_DIV -> constant(0);
            case MOD -> sub(da, mul(dc, new Scalar.Binary(BinaryFn.FLOOR_DIV, a, c)));
        };
    }

    private static Scalar powDerivative(Scalar.Binary p, Scalar da, Scalar dc) {
        Scalar a = p.a();
        Scalar c = p.b();
        Scalar viaBase = mul(da, mul(c, new Scalar.Binary(BinaryFn.POW, a, Scalar.sub(c, constant(1)))));
        if (zero(dc)) {
            return viaBase;
        }
        return add(viaBase, mul(dc, mul(p, unary(UnaryFn.LOG, a))));
    }
}
