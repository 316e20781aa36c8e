package nnet.compiler.ir;

import java.util.function.DoubleUnaryOperator;
import nnet.runtime.kernels.MathFns;

/** Elementary functions of one argument that a scalar body may apply. */
public enum UnaryFn {
    NEG("neg", x -> -x),
    ABS("abs", Math::abs),
    EXP("exp", Math::exp),
    LOG("log", Math::log),
    SQRT("sqrt", Math::sqrt),
    TANH("tanh", Math::tanh),
    ERF("erf", MathFns::erf),
    LOG1P("log1p", Math::log1p),
    EXPM1("expm1", Math::expm1),
    SIN("sin", Math::sin),
    COS("cos", Math::cos),
    TAN("tan", Math::tan),
    LOG2("log2", MathFns::log2),
    LOG10("log10", Math::log10),
    FLOOR("floor", Math::floor),
    CEIL("ceil", Math::ceil),
    /** To the nearest integer, halves to even, as {@code torch.round}. */
    ROUND("round", Math::rint);

    private final String spelling;
    private final DoubleUnaryOperator f;

    UnaryFn(String spelling, DoubleUnaryOperator f) {
        this.spelling = spelling;
        this.f = f;
    }

    public String spelling() {
        return spelling;
    }

    public double apply(double x) {
        return f.applyAsDouble(x);
    }
}
