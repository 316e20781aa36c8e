package nnet.compiler.ops.elementwise;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/**
 * {@code torch.clamp(x, min, max)} = min(max(x, min), max) with either bound left out, the bounds being
 * tensors that broadcast with x (numbers arrive as constants). Operands: x, then the bounds present. NaN
 * in x or a bound gives NaN; with min > max every element is max. On integers too.
 *
 * <p>Gradients as PyTorch's: x gets dy where min ≤ x ≤ max (both inclusive, so at the bounds too, and
 * none for NaN); min gets dy where x < min < max, max where x > max or max < min. Where min = max and x
 * lies outside, no gradient flows at all.
 */
public record Clamp(boolean hasMin, boolean hasMax) implements ElementwiseOp {
    private static final Scalar DY = Scalar.arg(0);
    private static final Scalar ZERO = Scalar.constant(0);

    public Clamp {
        if (!hasMin && !hasMax) {
            throw new IllegalArgumentException("clamp needs a bound");
        }
    }

    public String name() {
        return "clamp";
    }

    // Operand positions: x, then min and max when present. Gradient bodies read dy first, so the
    // forward operands are shifted by one there.
    private static Scalar x(int shift) {
        return Scalar.arg(shift);
    }

    private Scalar min(int shift) {
        return Scalar.arg(shift + 1);
    }

    private Scalar max(int shift) {
        return Scalar.arg(shift + (hasMin ? 2 : 1));
    }

    public Scalar body() {
        Scalar y = hasMin ? new Scalar.Binary(BinaryFn.MAX, x(0), min(0)) : x(0);
        return hasMax ? new Scalar.Binary(BinaryFn.MIN, y, max(0)) : y;
    }

    @Override
    public boolean integers() {
        return true;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        List<Integer> operands = new ArrayList<>();
        operands.add(g.outputGrad());
        operands.addAll(g.node().inputs());
        Build b = Build.of(g.graph());
        List<Integer> grads = new ArrayList<>();
        grads.add(g.needs(0) ? b.elementwise("clamp_grad", inputGradient(), operands) : null);
        if (hasMin) {
            grads.add(g.needs(1) ? b.elementwise("clamp_grad_min", minGradient(), operands) : null);
        }
        if (hasMax) {
            grads.add(g.needs(hasMin ? 2 : 1) ? b.elementwise("clamp_grad_max", maxGradient(), operands) : null);
        }
        return grads;
    }

    private Scalar inputGradient() {
        Scalar belowMax = hasMax ? Scalar.select(CompareFn.LE, x(1), max(1), DY, ZERO) : DY;
        return hasMin ? Scalar.select(CompareFn.GE, x(1), min(1), belowMax, ZERO) : belowMax;
    }

    private Scalar minGradient() {
        Scalar effective = hasMax ? Scalar.select(CompareFn.LT, min(1), max(1), DY, ZERO) : DY;
        return Scalar.select(CompareFn.LT, x(1), min(1), effective, ZERO);
    }

    private Scalar maxGradient() {
        Scalar crossed = hasMin ? Scalar.select(CompareFn.LT, max(1), min(1), DY, ZERO) : ZERO;
        return Scalar.select(CompareFn.GT, x(1), max(1), DY, crossed);
    }

    @Override
    public String attributes() {
        return hasMin && hasMax ? "" : hasMin ? "min" : "max";
    }
}
