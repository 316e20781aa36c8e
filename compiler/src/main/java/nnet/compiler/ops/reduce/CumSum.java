package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * {@code torch.cumsum(x, dim)}: running sums along one axis, on integers too (positions from a mask are
 * {@code cumsum(mask, -1) - 1}). With {@code reverse} the sums run from the end of the axis, which is the
 * gradient of the forward one: dx_k = Σ_{j≥k} dy_j.
 */
public record CumSum(int axis, boolean reverse) implements KernelOp {
    public String name() {
        return "cumsum";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        return x;
    }

    /** Each element is read before the same one is written. */
    @Override
    public int inPlaceOperand() {
        return 0;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new CumSum(axis, !reverse), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var sum = w.var(Val.c(0));
            Ix last = reverse ? w.let(n.minus(Ix.c(1))) : null;
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, reverse ? last.minus(k) : k);
                w.set(sum, sum.get().plus(w.load(w.in(0), at)));
                w.store(w.out(), at, sum.get());
            });
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (reverse ? ", reverse" : "");
    }
}
