package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * The maximum along one axis. NaN propagates. With {@code splitTies} false the gradient goes to the
 * first position holding the maximum, as PyTorch's {@code max(x, dim)} sends it to the index it
 * returns; with it true the gradient is shared evenly among all positions holding the maximum, as for
 * {@code amax} and {@code max(x)} over all elements.
 */
public record Max(int axis, boolean keepdim, boolean splitTies) implements KernelOp {
    public String name() {
        return "max";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (!x.dtype().isFloat()) {
            throw new ShapeException("'max' needs a floating-point tensor, got " + x);
        }
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        if (x.shape().dim(axis).equals(Dim.of(0))) {
            throw new ShapeException("'max' of an empty dim");
        }
        return x.withShape(keepdim ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis, splitTies), g.input(0), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var m = w.var(w.load(w.in(0), base));
            w.loop(Ix.c(1), n, k -> w.set(m, m.get().max(w.load(w.in(0), Rows.at(base, stride, k)))));
            w.store(w.out(), row, m.get());
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "") + (splitTies ? ", split_ties" : "");
    }

    /**
     * dx = dy at the first maximum of each row (or dy / ties at every maximum), 0 elsewhere; operands
     * (x, dy).
     */
    public record Backward(int axis, boolean splitTies) implements GradientKernel {
        public String name() {
            return "max_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
                if (splitTies) {
                    shared(w, base, stride, n, row);
                    return;
                }
                Ix.Local arg = Rows.argmax(w, w.in(0), base, stride, n);
                w.loop(Ix.c(0), n, k -> w.store(w.out(), Rows.at(base, stride, k), Val.c(0)));
                w.store(w.out(), Rows.at(base, stride, arg), w.load(w.in(1), row));
            });
        }

        private static void shared(KernelWriter w, Ix base, Ix stride, Ix n, Ix row) {
            Var max = w.var(w.load(w.in(0), base));
            w.loop(Ix.c(1), n, k -> w.set(max, max.get().max(w.load(w.in(0), Rows.at(base, stride, k)))));
            Var ties = w.var(Val.c(0));
            w.loop(Ix.c(0), n, k -> w.when(CompareFn.EQ, w.load(w.in(0), Rows.at(base, stride, k)), max.get(),
                    () -> w.set(ties, ties.get().plus(Val.c(1)))));
            Var share = w.var(w.load(w.in(1), row).div(ties.get()));
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                w.store(w.out(), at, w.load(w.in(0), at).select(CompareFn.EQ, max.get(), share.get(), Val.c(0)));
            });
        }

        @Override
        public String attributes() {
            return "axis=" + axis + (splitTies ? ", split_ties" : "");
        }
    }
}
