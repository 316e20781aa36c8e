package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * {@code torch.prod(x, dim, keepdim)}: the product along one axis (1 for an empty one).
 *
 * <p>Gradient: each element gets dy times the product of the others in its row, computed without
 * division (as products before it times products after it), so that zeros are handled as PyTorch
 * handles them: with one zero in a row only that element gets a gradient; with two or more, none.
 */
public record Prod(int axis, boolean keepdim) implements KernelOp {
    public String name() {
        return "prod";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'prod' needs a floating-point tensor, got " + x);
        }
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        return x.withShape(keepdim ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis), g.input(0), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var p = w.var(Val.c(1));
            w.loop(Ix.c(0), n, k -> w.set(p, p.get().times(w.load(w.in(0), Rows.at(base, stride, k)))));
            w.store(w.out(), row, p.get());
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "");
    }

    /** dx_k = dy·Π_{j<k} x_j·Π_{j>k} x_j per row; operands (x, dy). */
    public record Backward(int axis) implements GradientKernel {
        public String name() {
            return "prod_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
                Var before = w.var(Val.c(1));
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, k);
                    w.store(w.out(), at, before.get());
                    w.set(before, before.get().times(w.load(w.in(0), at)));
                });
                Var after = w.var(w.load(w.in(1), row));
                Ix last = w.let(n.minus(Ix.c(1)));
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, last.minus(k));
                    w.store(w.out(), at, w.load(w.out(), at).times(after.get()));
                    w.set(after, after.get().times(w.load(w.in(0), at)));
                });
            });
        }

        @Override
        public String attributes() {
            return "axis=" + axis;
        }
    }
}
