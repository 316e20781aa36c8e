package nnet.compiler.ops.elementwise;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;

/** A comparison giving 1 where it holds and 0 elsewhere, in the operands' dtype. No gradient flows. */
public record Compare(CompareFn fn) implements ElementwiseOp {
    public String name() {
        return switch (fn) {
            case LT -> "lt";
            case LE -> "le";
            case GT -> "gt";
            case GE -> "ge";
            case EQ -> "eq";
            case NE -> "ne";
        };
    }

    public Scalar body() {
        return Scalar.select(fn, Scalar.arg(0), Scalar.arg(1), Scalar.constant(1), Scalar.constant(0));
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return Arrays.asList(null, null);
    }
}
