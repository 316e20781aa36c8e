package nnet.compiler.ir;

import java.util.function.DoubleBinaryOperator;

/** Arithmetic of two arguments that a scalar body may apply. */
public enum BinaryFn {
    ADD("+", true, Double::sum),
    SUB("-", true, (a, b) -> a - b),
    MUL("*", true, (a, b) -> a * b),
    DIV("/", true, (a, b) -> a / b),
    MAX("max", false, Math::max),
    MIN("min", false, Math::min),
    POW("pow", false, Math::pow),
    /** Division rounded toward −∞, as Python's and PyTorch's {@code //}. */
    FLOOR_DIV("floor_divide", false, (a, b) -> Math.floor(a / b)),
    /** The remainder with the divisor's sign, a − floor(a/b)·b, as PyTorch's {@code remainder} and {@code %}. */
    MOD("remainder", false, (a, b) -> a - Math.floor(a / b) * b);

    private final String spelling;
    private final boolean infix;
    private final DoubleBinaryOperator f;

    BinaryFn(String spelling, boolean infix, DoubleBinaryOperator f) {
        this.spelling = spelling;
        this.infix = infix;
        this.f = f;
    }

    public String spelling() {
        return spelling;
    }

    public boolean isInfix() {
        return infix;
    }

    public double apply(double a, double b) {
        return f.applyAsDouble(a, b);
    }
}
